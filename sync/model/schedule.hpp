// Schedules: the RFC 5545 RRULE subset of docs/dataset.md, expansion into sessions in
// Europe/Berlin, and "open now". Standard library only (libical is the test oracle).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/model/records.hpp"
#include "sync/model/result.hpp"
#include "sync/model/time.hpp"

namespace treffpunkt {

enum class Frequency { kWeekly, kMonthly };

// One BYDAY entry: a weekday with an optional ordinal within the month (MONTHLY only).
struct ByDay {
    int weekday{0};  // Monday = 0 … Sunday = 6
    int ordinal{0};  // 0 = every such weekday; 1..5 = the n-th; -1..-5 = n-th from the end

    bool operator==(const ByDay&) const = default;
};

// A parsed RRULE of the supported subset.
struct Rrule {
    Frequency frequency{Frequency::kWeekly};
    int interval{1};                // 1 = every week/month, 2 = every other …
    std::vector<ByDay> by_day;      // empty = the weekday (or day of month) of start_date
    std::vector<int> by_month_day;  // MONTHLY only: 1..31 or -1..-31
    std::optional<Date> until;      // last possible date, inclusive
    std::optional<int> count;       // number of occurrences (before closures are removed)

    bool operator==(const Rrule&) const = default;
};

// Parses an RRULE of the subset. Errors name the offending part, in English, e.g.
// "BYDAY=XX is not a weekday", "FREQ=DAILY is not supported (use WEEKLY or MONTHLY)".
Result<Rrule> ParseRrule(std::string_view text);

// The canonical text of a rule ("FREQ=MONTHLY;BYDAY=2TU").
std::string FormatRrule(const Rrule& rule);

// One occurrence, as instants.
struct Session {
    UtcTime start;
    UtcTime end;

    bool operator==(const Session&) const = default;
};

// Checks a schedule for problems a person can fix (rule syntax, times, dates) and returns each
// as "field: message", e.g. "rrule: BYDAY=XX is not a weekday", "end_time: must be after
// start_time". Empty when fine.
std::vector<std::string> CheckSchedule(const Schedule& schedule);

// The next sessions that have not ended at `from`: a session running at `from` is included.
// At most `max_count`, in order of start; sessions on closure days are left out. Looks at most
// `horizon_days` ahead of `from`. A schedule with problems (CheckSchedule) yields none.
std::vector<Session> NextSessions(const Schedule& schedule, UtcTime from, size_t max_count,
                                  int horizon_days = 3 * 366);

// All sessions that overlap [from, until).
std::vector<Session> SessionsBetween(const Schedule& schedule, UtcTime from, UtcTime until);

// True if a session is running at `t` (start <= t < end).
bool IsOpenAt(const Schedule& schedule, UtcTime t);

// True if `date` lies in one of the closures.
bool IsClosedOn(const Schedule& schedule, Date date);

}  // namespace treffpunkt
