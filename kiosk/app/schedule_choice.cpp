#include "kiosk/app/schedule_choice.hpp"

#include <algorithm>

#include "sync/model/schedule.hpp"

namespace treffpunkt {

using namespace std::chrono;

namespace {

std::vector<int> SortedUnique(std::vector<int> values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

}  // namespace

std::vector<ChoiceProblem> CheckChoice(const ScheduleChoice& c) {
    std::vector<ChoiceProblem> problems;
    if (c.start_minute < 0 || c.start_minute >= 24 * 60) {
        problems.push_back({"start_time", "edit.schedule.bad_time"});
    }
    if (c.end_minute <= c.start_minute || c.end_minute > 24 * 60) {
        problems.push_back({"end_time", "edit.schedule.end_before_start"});
    }
    const bool needs_weekdays = c.repetition != Repetition::kOnce;
    if (needs_weekdays) {
        if (c.weekdays.empty()) {
            problems.push_back({"weekdays", "edit.schedule.pick_weekday"});
        }
        for (int wd : c.weekdays) {
            if (wd < 0 || wd > 6) {
                problems.push_back({"weekdays", "edit.schedule.pick_weekday"});
                break;
            }
        }
    } else if (c.dates.empty()) {
        problems.push_back({"dates", "edit.schedule.pick_date"});
    }
    if (c.repetition == Repetition::kMonthly) {
        if (!(c.week_of_month == -1 || (c.week_of_month >= 1 && c.week_of_month <= 5))) {
            problems.push_back({"week_of_month", "edit.schedule.pick_week_of_month"});
        }
        if (c.weekdays.size() > 1) {
            problems.push_back({"weekdays", "edit.schedule.one_weekday_per_month"});
        }
    }
    if (c.until && c.start_date && *c.until < *c.start_date) {
        problems.push_back({"until", "edit.schedule.until_before_start"});
    }
    for (const DateRange& closure : c.closures) {
        if (closure.until < closure.from) {
            problems.push_back({"closures", "edit.schedule.closure_ends_before_it_starts"});
            break;
        }
    }
    return problems;
}

Schedule ToSchedule(const ScheduleChoice& c, Date today) {
    Schedule s;
    s.start_minute = c.start_minute;
    s.end_minute = c.end_minute;
    s.dates = c.dates;
    std::sort(s.dates.begin(), s.dates.end());
    s.dates.erase(std::unique(s.dates.begin(), s.dates.end()), s.dates.end());
    s.closures = c.closures;
    s.note = c.note;
    if (c.repetition == Repetition::kOnce) {
        return s;
    }
    Rrule rule;
    rule.frequency =
        c.repetition == Repetition::kMonthly ? Frequency::kMonthly : Frequency::kWeekly;
    rule.interval = c.repetition == Repetition::kFortnightly ? 2 : 1;
    for (int wd : SortedUnique(c.weekdays)) {
        rule.by_day.push_back({wd, c.repetition == Repetition::kMonthly ? c.week_of_month : 0});
    }
    rule.until = c.until;
    s.start_date = c.start_date.value_or(today);
    s.rrule = FormatRrule(rule);
    return s;
}

std::optional<ScheduleChoice> ChoiceFromSchedule(const Schedule& s) {
    ScheduleChoice c;
    c.start_minute = s.start_minute;
    c.end_minute = s.end_minute;
    c.dates = s.dates;
    c.closures = s.closures;
    c.note = s.note;
    c.start_date = s.start_date;
    if (s.rrule.empty()) {
        c.repetition = Repetition::kOnce;
        return c;
    }
    const auto rule = ParseRrule(s.rrule);
    if (!rule || rule->count || !rule->by_month_day.empty()) {
        return std::nullopt;
    }
    c.until = rule->until;
    std::vector<int> weekdays;
    std::optional<int> ordinal;
    for (const ByDay& by : rule->by_day) {
        weekdays.push_back(by.weekday);
        if (ordinal && *ordinal != by.ordinal) {
            return std::nullopt;  // "2nd Tuesday and last Friday": more than the chips say
        }
        ordinal = by.ordinal;
    }
    if (weekdays.empty() && s.start_date) {
        weekdays.push_back(IsoWeekdayIndex(*s.start_date));  // RFC 5545: the start's weekday
        ordinal = 0;
    }
    c.weekdays = SortedUnique(weekdays);
    if (rule->frequency == Frequency::kWeekly) {
        if (rule->interval == 1) {
            c.repetition = Repetition::kWeekly;
        } else if (rule->interval == 2) {
            c.repetition = Repetition::kFortnightly;
        } else {
            return std::nullopt;
        }
        return c;
    }
    // Monthly: exactly one weekday with a position ("jeden 2. Dienstag"), every month.
    if (rule->interval != 1 || c.weekdays.size() != 1 || !ordinal || *ordinal == 0) {
        return std::nullopt;
    }
    c.repetition = Repetition::kMonthly;
    c.week_of_month = *ordinal;
    return c;
}

void AddClosure(Schedule& schedule, Date from, Date until, const LocalizedText& note) {
    if (until < from) {
        std::swap(from, until);
    }
    DateRange merged{from, until, note};
    std::vector<DateRange> kept;
    for (const DateRange& c : schedule.closures) {
        const bool touches = sys_days{c.from} <= sys_days{merged.until} + days{1} &&
                             sys_days{merged.from} <= sys_days{c.until} + days{1};
        if (touches) {
            merged.from = std::min(merged.from, c.from);
            merged.until = std::max(merged.until, c.until);
            if (merged.note.Empty()) {
                merged.note = c.note;
            }
        } else {
            kept.push_back(c);
        }
    }
    kept.push_back(merged);
    std::sort(kept.begin(), kept.end(),
              [](const DateRange& a, const DateRange& b) { return a.from < b.from; });
    schedule.closures = std::move(kept);
}

}  // namespace treffpunkt
