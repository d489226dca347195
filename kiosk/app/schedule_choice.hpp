// The schedule editor's model: what a volunteer picks with chips ("jeden Dienstag", "jeden 2.
// Dienstag im Monat", "alle zwei Wochen", single dates, times, closures) and the Schedule it
// means. Nobody types an RRULE. Model types only; no UI, no SQLite.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sync/model/records.hpp"
#include "sync/model/result.hpp"

namespace treffpunkt {

enum class Repetition {
    kOnce,         // only the single dates
    kWeekly,       // every week on the chosen weekdays
    kFortnightly,  // every other week on the chosen weekdays, from the start date's week
    kMonthly,      // every month on the n-th chosen weekday ("jeden 2. Dienstag")
};

struct ScheduleChoice {
    Repetition repetition{Repetition::kWeekly};
    std::vector<int> weekdays;       // Monday = 0 … Sunday = 6 (weekly, fortnightly, monthly)
    int week_of_month{1};            // monthly: 1 … 5, or -1 for the last
    std::optional<Date> start_date;  // first day (weekly/fortnightly/monthly); today if unset
    std::optional<Date> until;       // last day, inclusive; unset = open-ended
    int start_minute{14 * 60};       // local time, minutes after midnight
    int end_minute{16 * 60};
    std::vector<Date> dates;          // single dates (kOnce), or extra dates besides a rule
    std::vector<DateRange> closures;  // days without sessions ("fällt aus")
    LocalizedText note;               // free text, e.g. "außer in den Schulferien"

    bool operator==(const ScheduleChoice&) const = default;
};

// A problem the editor shows at a field; `field` names it ("weekdays", "end_time", …) and
// `code` is an i18n key of the kiosk's catalogs ("edit.schedule.end_before_start", …).
struct ChoiceProblem {
    std::string field;
    std::string code;

    bool operator==(const ChoiceProblem&) const = default;
};

// The schedule a choice means; every problem of the choice is listed (none = valid).
// `today` fills an unset start date.
std::vector<ChoiceProblem> CheckChoice(const ScheduleChoice& choice);
Schedule ToSchedule(const ScheduleChoice& choice, Date today);

// The choice that shows `schedule` in the editor, or nullopt if its rule is one the chips
// cannot express (e.g. BYMONTHDAY, COUNT, INTERVAL=3): the editor then offers to keep it as is
// or to start over.
std::optional<ScheduleChoice> ChoiceFromSchedule(const Schedule& schedule);

// Adds a closure ("fällt vorübergehend aus") from `from` to `until`; overlapping or touching
// closures are merged into one.
void AddClosure(Schedule& schedule, Date from, Date until, const LocalizedText& note);

}  // namespace treffpunkt
