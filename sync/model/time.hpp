// Dates, clock times and UTC instants, and the Europe/Berlin wall clock that every schedule is
// written in. Standard library only; no dependency on the system's time zone database.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace treffpunkt {

using Date = std::chrono::year_month_day;  // a calendar date, no time zone
using UtcTime = std::chrono::sys_seconds;  // an instant, UTC, second resolution

// A wall-clock time in Europe/Berlin.
struct LocalDateTime {
    Date date;             // local calendar date
    int minute_of_day{0};  // 0..1439
    int second{0};         // 0..59
};

// "2026-11-25" -> Date; nullopt unless exactly YYYY-MM-DD and a real calendar day.
std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(Date date);  // "2026-11-25"

// "14:30" -> 870; nullopt unless HH:MM with 00<=HH<=23 (or exactly "24:00" -> 1440).
std::optional<int> ParseClockTime(std::string_view text);
std::string FormatClockTime(int minute_of_day);  // 870 -> "14:30"

// RFC 3339 instants: "2026-11-25T13:14:00Z" or with an offset "+01:00"; fractional seconds
// are accepted and dropped. nullopt on anything else.
std::optional<UtcTime> ParseUtcTime(std::string_view text);
std::string FormatUtcTime(UtcTime t);  // always "YYYY-MM-DDTHH:MM:SSZ"

// Europe/Berlin by the EU rule in force since 1996: CET (UTC+1); CEST (UTC+2) from the last
// Sunday in March 01:00 UTC to the last Sunday in October 01:00 UTC. Pure arithmetic, so
// schedules expand identically on every kiosk whatever its TZ setting or tzdata version.
std::chrono::seconds BerlinUtcOffset(UtcTime t);
LocalDateTime ToBerlin(UtcTime t);

// The instant of a Berlin wall-clock time. A time in the spring-forward gap (02:00-02:59 on the
// last Sunday in March) does not exist; it maps one hour later, as a wall clock would show it.
// A time that occurs twice (02:00-02:59 on the last Sunday in October) maps to the first one.
// minute_of_day may be 1440 (midnight at the end of `date`).
UtcTime FromBerlin(Date date, int minute_of_day);

// Monday = 0 ... Sunday = 6 (ISO order, as RRULE weekdays are usually listed).
int IsoWeekdayIndex(Date date);

// Today's date in Berlin at instant t.
inline Date BerlinDate(UtcTime t) {
    return ToBerlin(t).date;
}

}  // namespace treffpunkt
