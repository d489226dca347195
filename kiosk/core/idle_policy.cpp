#include "kiosk/core/idle_policy.hpp"

namespace treffpunkt {

void IdlePolicy::OnTouch(std::int64_t now_ms) {
    m_last_touch_ms = now_ms;
    m_phase = IdlePhase::kActive;
}

bool IdlePolicy::Update(std::int64_t now_ms) {
    if (m_phase == IdlePhase::kIdle) {
        return false;
    }
    const std::int64_t quiet_ms = now_ms - m_last_touch_ms;
    if (quiet_ms >= m_settings.timeout_ms + m_settings.countdown_ms) {
        m_phase = IdlePhase::kIdle;
        return true;
    }
    m_phase = quiet_ms >= m_settings.timeout_ms ? IdlePhase::kWarning : IdlePhase::kActive;
    return false;
}

int IdlePolicy::SecondsLeft(std::int64_t now_ms) const {
    if (m_phase != IdlePhase::kWarning) {
        return 0;
    }
    const std::int64_t end_ms = m_last_touch_ms + m_settings.timeout_ms + m_settings.countdown_ms;
    const std::int64_t left_ms = end_ms - now_ms;
    return left_ms <= 0 ? 0 : static_cast<int>((left_ms + 999) / 1000);
}

std::optional<std::int64_t> IdlePolicy::NextDeadlineMs(std::int64_t now_ms) const {
    const std::int64_t warn_ms = m_last_touch_ms + m_settings.timeout_ms;
    const std::int64_t end_ms = warn_ms + m_settings.countdown_ms;
    switch (m_phase) {
        case IdlePhase::kIdle:
            return std::nullopt;
        case IdlePhase::kActive:
            return warn_ms;
        case IdlePhase::kWarning: {
            // The next whole-second tick of the countdown, or the end.
            const std::int64_t left_ms = end_ms - now_ms;
            if (left_ms <= 0) {
                return now_ms;
            }
            const std::int64_t to_tick_ms = left_ms % 1000 == 0 ? 1000 : left_ms % 1000;
            return now_ms + to_tick_ms;
        }
    }
    return std::nullopt;
}

}  // namespace treffpunkt
