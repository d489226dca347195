// The night schedule: the hours per weekday when the display is on; outside them it goes dark
// and the first touch only wakes it. Pure arithmetic on local weekday and time; std only.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace treffpunkt {

// On from `from_minute` (inclusive) to `until_minute` (exclusive), minutes after midnight;
// until_minute may be 1440 (midnight at the end of the day).
struct ScreenHours {
    int from_minute{0};
    int until_minute{24 * 60};

    bool operator==(const ScreenHours&) const = default;
};

struct ScreenSchedule {
    bool enabled{false};  // false = the display is always on
    // Monday = 0 … Sunday = 6; [] = off all day; by default on all day, every day.
    std::array<std::vector<ScreenHours>, 7> days{{{ScreenHours{}},
                                                  {ScreenHours{}},
                                                  {ScreenHours{}},
                                                  {ScreenHours{}},
                                                  {ScreenHours{}},
                                                  {ScreenHours{}},
                                                  {ScreenHours{}}}};
    int wake_s{300};  // after a wake-up touch outside the hours: dark again after this
    std::string power_command{"/usr/libexec/treffpunkt/display-power"};  // "" = black only

    bool operator==(const ScreenSchedule&) const = default;
};

// "07:30-20:00" -> {450, 1200}; nullopt unless HH:MM-HH:MM with the end after the start
// (24:00 allowed as an end).
std::optional<ScreenHours> ParseScreenHours(std::string_view text);

// True if the display is on at local `weekday` (Monday = 0) and `minute_of_day`.
bool ScreenOnAt(const ScreenSchedule& schedule, int weekday, int minute_of_day);

// Minutes from that moment until the on/off state next changes; nullopt if it never does
// (disabled, or the same all week).
std::optional<int> MinutesUntilChange(const ScreenSchedule& schedule, int weekday,
                                      int minute_of_day);

// The night schedule over time: when the display goes dark and wakes. The GUI loop calls
// Update every iteration (and at least once a minute) with the local time and whether the
// clock can be trusted, and OnTouch for every touch that begins; it switches the display when
// told. Steady milliseconds are injected.
class NightPolicy {
  public:
    enum class Action {
        kNone,
        kGoDark,  // reset to home, draw black, run `power_command off`, stop drawing
        kWake,    // run `power_command on`, draw again
    };

    explicit NightPolicy(ScreenSchedule schedule) : m_schedule(std::move(schedule)) {}

    // An untrusted clock never darkens the display (a Pi that booted offline with a wrong
    // date must not stay dark); entering the on-hours wakes it.
    Action Update(bool clock_trusted, int weekday, int minute_of_day, std::int64_t now_ms);
    // A touch began. While dark: wakes the display for wake_s and returns true (the touch does
    // nothing else). Outside the hours while awake: keeps it awake for another wake_s.
    bool OnTouch(std::int64_t now_ms);
    bool Dark() const { return m_dark; }
    // Until when the display stays awake outside the hours after a touch (for the loop's wait).
    std::optional<std::int64_t> AwakeUntilMs() const { return m_awake_until_ms; }
    const ScreenSchedule& Schedule() const { return m_schedule; }

  private:
    ScreenSchedule m_schedule;
    bool m_dark{false};
    std::optional<std::int64_t> m_awake_until_ms;  // woken by touch outside the hours
};

}  // namespace treffpunkt
