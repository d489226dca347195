#include "kiosk/core/screen_schedule.hpp"

namespace treffpunkt {

namespace {

constexpr int kMinutesPerDay = 24 * 60;
constexpr int kMinutesPerWeek = 7 * kMinutesPerDay;

bool Digit(char c) {
    return c >= '0' && c <= '9';
}

std::optional<int> ClockMinutes(std::string_view t) {
    if (t.size() != 5 || t[2] != ':' || !Digit(t[0]) || !Digit(t[1]) || !Digit(t[3]) ||
        !Digit(t[4])) {
        return std::nullopt;
    }
    const int h = (t[0] - '0') * 10 + (t[1] - '0');
    const int m = (t[3] - '0') * 10 + (t[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) {
        return std::nullopt;
    }
    return h * 60 + m;
}

}  // namespace

std::optional<ScreenHours> ParseScreenHours(std::string_view text) {
    const size_t dash = text.find('-');
    if (dash == std::string_view::npos) {
        return std::nullopt;
    }
    const auto from = ClockMinutes(text.substr(0, dash));
    const auto until = ClockMinutes(text.substr(dash + 1));
    if (!from || !until || *from >= kMinutesPerDay || *until <= *from) {
        return std::nullopt;
    }
    return ScreenHours{*from, *until};
}

bool ScreenOnAt(const ScreenSchedule& schedule, int weekday, int minute_of_day) {
    if (!schedule.enabled) {
        return true;
    }
    const auto& hours = schedule.days[static_cast<size_t>(((weekday % 7) + 7) % 7)];
    for (const ScreenHours& h : hours) {
        if (minute_of_day >= h.from_minute && minute_of_day < h.until_minute) {
            return true;
        }
    }
    return false;
}

std::optional<int> MinutesUntilChange(const ScreenSchedule& schedule, int weekday,
                                      int minute_of_day) {
    if (!schedule.enabled) {
        return std::nullopt;
    }
    const bool now_on = ScreenOnAt(schedule, weekday, minute_of_day);
    // A week has at most 10,080 minutes to look at; the answer repeats after that.
    for (int ahead = 1; ahead <= kMinutesPerWeek; ++ahead) {
        const int total = minute_of_day + ahead;
        if (ScreenOnAt(schedule, weekday + total / kMinutesPerDay, total % kMinutesPerDay) !=
            now_on) {
            return ahead;
        }
    }
    return std::nullopt;
}

NightPolicy::Action NightPolicy::Update(bool clock_trusted, int weekday, int minute_of_day,
                                        std::int64_t now_ms) {
    const bool on_hours =
        !m_schedule.enabled || !clock_trusted || ScreenOnAt(m_schedule, weekday, minute_of_day);
    if (on_hours) {
        m_awake_until_ms.reset();
        if (m_dark) {
            m_dark = false;
            return Action::kWake;
        }
        return Action::kNone;
    }
    if (m_dark) {
        return Action::kNone;
    }
    if (m_awake_until_ms && now_ms < *m_awake_until_ms) {
        return Action::kNone;  // woken by a touch a moment ago
    }
    m_awake_until_ms.reset();
    m_dark = true;
    return Action::kGoDark;
}

bool NightPolicy::OnTouch(std::int64_t now_ms) {
    const std::int64_t until = now_ms + static_cast<std::int64_t>(m_schedule.wake_s) * 1000;
    if (m_dark) {
        m_dark = false;
        m_awake_until_ms = until;
        return true;
    }
    if (m_awake_until_ms) {
        m_awake_until_ms = until;
    }
    return false;
}

}  // namespace treffpunkt
