#include "sync/model/schedule.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace treffpunkt {

using namespace std::chrono;

namespace {

constexpr std::array<std::string_view, 7> kWeekdayCodes = {"MO", "TU", "WE", "TH",
                                                           "FR", "SA", "SU"};
constexpr int kMaxInterval = 99;
constexpr int kMaxCount = 1000;

std::string Upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

std::optional<int> ParseInt(std::string_view text) {
    int value = 0;
    if (text.empty()) {
        return std::nullopt;
    }
    const char* begin = text.data();
    if (*begin == '+') {
        ++begin;
    }
    const auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        const size_t pos = text.find(separator, start);
        parts.push_back(text.substr(start, pos == std::string_view::npos ? pos : pos - start));
        if (pos == std::string_view::npos) {
            return parts;
        }
        start = pos + 1;
    }
}

// "2TU" -> {1, 2}; error message names the whole entry.
Result<ByDay> ParseByDay(std::string_view entry, Frequency frequency) {
    const std::string shown = "BYDAY=" + std::string(entry);
    if (entry.size() < 2) {
        return Fail("schedule.rrule", shown + " is not a weekday (use MO, TU, WE, TH, FR, SA, SU)");
    }
    const std::string_view code = entry.substr(entry.size() - 2);
    const auto it = std::find(kWeekdayCodes.begin(), kWeekdayCodes.end(), code);
    if (it == kWeekdayCodes.end()) {
        return Fail("schedule.rrule", shown + " is not a weekday (use MO, TU, WE, TH, FR, SA, SU)");
    }
    ByDay by_day;
    by_day.weekday = static_cast<int>(it - kWeekdayCodes.begin());
    const std::string_view ordinal_text = entry.substr(0, entry.size() - 2);
    if (!ordinal_text.empty()) {
        const auto ordinal = ParseInt(ordinal_text);
        if (!ordinal) {
            return Fail("schedule.rrule",
                        shown + " is not a weekday (use MO, TU, WE, TH, FR, SA, SU)");
        }
        if (frequency != Frequency::kMonthly) {
            return Fail("schedule.rrule", shown + ": a position in the month needs FREQ=MONTHLY");
        }
        if (*ordinal == 0 || *ordinal > 5 || *ordinal < -5) {
            return Fail("schedule.rrule",
                        shown + ": the position in the month must be 1 to 5 or -1 to -5");
        }
        by_day.ordinal = *ordinal;
    }
    return by_day;
}

std::optional<Date> ParseRruleDate(std::string_view text) {
    // YYYYMMDD, or YYYYMMDDTHHMMSSZ (the time part is ignored: sessions end the same day).
    if (text.size() != 8 && !(text.size() == 16 && text[8] == 'T' && text[15] == 'Z')) {
        return std::nullopt;
    }
    const std::string iso = std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) +
                            "-" + std::string(text.substr(6, 2));
    return ParseDate(iso);
}

int DaysInMonth(year y, month m) {
    return static_cast<int>(static_cast<unsigned>(year_month_day_last{y, month_day_last{m}}.day()));
}

// The dates a rule produces, one period (a week or a month) at a time. Period 0 contains the
// rule's start; periods are numbered in date order.
class RuleDates {
  public:
    RuleDates(Rrule rule, Date start) : m_rule(std::move(rule)), m_start(start) {
        m_start_monday = sys_days{start} - days{IsoWeekdayIndex(start)};
        if (m_rule.by_day.empty() && m_rule.by_month_day.empty()) {
            // RFC 5545: without BYxxx the rule repeats the start's weekday (WEEKLY) or day of
            // month (MONTHLY).
            if (m_rule.frequency == Frequency::kWeekly) {
                m_rule.by_day.push_back({IsoWeekdayIndex(start), 0});
            } else {
                m_rule.by_month_day.push_back(static_cast<int>(static_cast<unsigned>(start.day())));
            }
        }
    }

    const Rrule& rule() const { return m_rule; }

    // Index of the period that contains `date`; `date` must not be before the start.
    long PeriodOf(Date date) const {
        if (m_rule.frequency == Frequency::kWeekly) {
            return static_cast<long>((sys_days{date} - m_start_monday).count() / 7);
        }
        return (static_cast<int>(date.year()) - static_cast<int>(m_start.year())) * 12L +
               static_cast<long>(static_cast<unsigned>(date.month())) -
               static_cast<long>(static_cast<unsigned>(m_start.month()));
    }

    // The first day of period `period`.
    Date PeriodStart(long period) const {
        if (m_rule.frequency == Frequency::kWeekly) {
            return Date{m_start_monday + days{7 * period}};
        }
        return (year_month{m_start.year(), m_start.month()} + months{period}) / day{1};
    }

    // The rule's dates in period `period`, sorted, without duplicates.
    void DatesOf(long period, std::vector<Date>& out) const {
        out.clear();
        if (m_rule.frequency == Frequency::kWeekly) {
            const sys_days monday = m_start_monday + days{7 * period};
            for (const ByDay& entry : m_rule.by_day) {
                out.emplace_back(monday + days{entry.weekday});
            }
        } else {
            const year_month ym = year_month{m_start.year(), m_start.month()} + months{period};
            const int length = DaysInMonth(ym.year(), ym.month());
            const int first_weekday = IsoWeekdayIndex(ym / day{1});
            for (const ByDay& entry : m_rule.by_day) {
                // The month's first day with this weekday, then every seven days; n counts from
                // the front, from_end from the back.
                const int first = 1 + (entry.weekday - first_weekday + 7) % 7;
                for (int d = first, n = 1; d <= length; d += 7, ++n) {
                    const int from_end = (length - d) / 7 + 1;
                    if (entry.ordinal == 0 || entry.ordinal == n || -entry.ordinal == from_end) {
                        out.push_back(ym / day{static_cast<unsigned>(d)});
                    }
                }
            }
            for (int md : m_rule.by_month_day) {
                const int d = md > 0 ? md : length + 1 + md;
                if (d >= 1 && d <= length) {  // the 31st is skipped in shorter months
                    out.push_back(ym / day{static_cast<unsigned>(d)});
                }
            }
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
    }

  private:
    Rrule m_rule;
    Date m_start;
    sys_days m_start_monday;
};

// Produces the rule's occurrences from `first` to `last` in order. With COUNT every occurrence
// since the start counts, so the walk begins at the start; otherwise it jumps straight to the
// period containing `first`. A start date that does not fit the rule is not an occurrence.
class RuleWalk {
  public:
    RuleWalk(RuleDates rule, Date start, Date first, Date last)
        : m_rule(std::move(rule)), m_start(start), m_first(first), m_last(last) {
        const long interval = m_rule.rule().interval;
        if (!m_rule.rule().count && first > start) {
            m_period = m_rule.PeriodOf(first) / interval * interval;
        }
        m_rule.DatesOf(m_period, m_dates);
    }

    std::optional<Date> Next() {
        while (!m_done) {
            if (m_index >= m_dates.size()) {
                m_period += m_rule.rule().interval;
                m_index = 0;
                if (m_rule.PeriodStart(m_period) > m_last) {
                    m_done = true;
                    break;
                }
                m_rule.DatesOf(m_period, m_dates);
                continue;
            }
            const Date date = m_dates[m_index++];
            if (date < m_start) {
                continue;
            }
            const Rrule& r = m_rule.rule();
            if ((r.until && date > *r.until) || (r.count && m_produced >= *r.count) ||
                date > m_last) {
                m_done = true;
                break;
            }
            ++m_produced;
            if (date >= m_first) {
                return date;
            }
        }
        return std::nullopt;
    }

  private:
    RuleDates m_rule;
    Date m_start;
    Date m_first;
    Date m_last;
    std::vector<Date> m_dates;
    size_t m_index{0};
    long m_period{0};
    int m_produced{0};
    bool m_done{false};
};

// Calls `visit(date)` for the session dates of `schedule` from `first` to `last`, in order,
// until it returns false. Closures are not applied here.
template <class Visit>
void ForEachSessionDate(const Schedule& schedule, Date first, Date last, Visit visit) {
    std::vector<Date> one_off = schedule.dates;
    std::sort(one_off.begin(), one_off.end());
    one_off.erase(std::unique(one_off.begin(), one_off.end()), one_off.end());
    auto next_one_off = std::lower_bound(one_off.begin(), one_off.end(), first);

    std::optional<RuleWalk> walk;
    if (!schedule.rrule.empty() && schedule.start_date) {
        if (auto parsed = ParseRrule(schedule.rrule)) {
            walk.emplace(RuleDates(std::move(*parsed), *schedule.start_date), *schedule.start_date,
                         first, last);
        }
    }
    // Merge the rule's dates with the one-off dates; kNone stands for "no further date".
    const Date kNone{year::max(), month{12}, day{31}};
    auto next_from_rule = [&] { return walk ? walk->Next().value_or(kNone) : kNone; };
    Date next_rule = next_from_rule();
    while (true) {
        const Date next_single =
            next_one_off != one_off.end() && *next_one_off <= last ? *next_one_off : kNone;
        const Date date = std::min(next_single, next_rule);
        if (date == kNone) {
            return;
        }
        if (next_single == date) {
            ++next_one_off;
        }
        if (next_rule == date) {
            next_rule = next_from_rule();
        }
        if (!visit(date)) {
            return;
        }
    }
}

Session SessionOn(const Schedule& schedule, Date date) {
    return Session{FromBerlin(date, schedule.start_minute), FromBerlin(date, schedule.end_minute)};
}

}  // namespace

Result<Rrule> ParseRrule(std::string_view text) {
    if (text.empty()) {
        return Fail("schedule.rrule", "the rule is empty");
    }
    if (text.size() > 512) {
        return Fail("schedule.rrule", "the rule is longer than 512 characters");
    }
    const std::string upper = Upper(text);
    std::string_view rest = upper;
    if (rest.starts_with("RRULE:")) {
        rest.remove_prefix(6);
    }
    std::map<std::string, std::string, std::less<>> parts;
    for (std::string_view part : Split(rest, ';')) {
        if (part.empty()) {
            continue;
        }
        const size_t eq = part.find('=');
        if (eq == std::string_view::npos || eq == 0) {
            return Fail("schedule.rrule", std::string(part) + " is not of the form NAME=VALUE");
        }
        const std::string key(part.substr(0, eq));
        if (parts.count(key) != 0) {
            return Fail("schedule.rrule", key + " is given twice");
        }
        parts[key] = std::string(part.substr(eq + 1));
    }

    Rrule rule;
    const auto freq = parts.find("FREQ");
    if (freq == parts.end()) {
        return Fail("schedule.rrule", "FREQ is missing (use FREQ=WEEKLY or FREQ=MONTHLY)");
    }
    if (freq->second == "WEEKLY") {
        rule.frequency = Frequency::kWeekly;
    } else if (freq->second == "MONTHLY") {
        rule.frequency = Frequency::kMonthly;
    } else {
        return Fail("schedule.rrule",
                    "FREQ=" + freq->second + " is not supported (use WEEKLY or MONTHLY)");
    }

    for (const auto& [key, value] : parts) {
        if (key == "FREQ") {
            continue;
        }
        if (key == "INTERVAL") {
            const auto interval = ParseInt(value);
            if (!interval || *interval < 1 || *interval > kMaxInterval) {
                return Fail("schedule.rrule",
                            "INTERVAL=" + value + " must be a whole number from 1 to 99");
            }
            rule.interval = *interval;
        } else if (key == "BYDAY") {
            for (std::string_view entry : Split(value, ',')) {
                auto by_day = ParseByDay(entry, rule.frequency);
                if (!by_day) {
                    return Unexpected<Error>(by_day.error());
                }
                if (std::find(rule.by_day.begin(), rule.by_day.end(), *by_day) ==
                    rule.by_day.end()) {
                    rule.by_day.push_back(*by_day);
                }
            }
        } else if (key == "BYMONTHDAY") {
            if (rule.frequency != Frequency::kMonthly) {
                return Fail("schedule.rrule", "BYMONTHDAY needs FREQ=MONTHLY");
            }
            for (std::string_view entry : Split(value, ',')) {
                const auto md = ParseInt(entry);
                if (!md || *md == 0 || *md > 31 || *md < -31) {
                    return Fail("schedule.rrule", "BYMONTHDAY=" + std::string(entry) +
                                                      " must be 1 to 31 or -1 to -31");
                }
                rule.by_month_day.push_back(*md);
            }
        } else if (key == "UNTIL") {
            const auto until = ParseRruleDate(value);
            if (!until) {
                return Fail("schedule.rrule",
                            "UNTIL=" + value + " is not a date (use YYYYMMDD, e.g. 20271231)");
            }
            rule.until = until;
        } else if (key == "COUNT") {
            const auto count = ParseInt(value);
            if (!count || *count < 1 || *count > kMaxCount) {
                return Fail("schedule.rrule",
                            "COUNT=" + value + " must be a whole number from 1 to 1000");
            }
            rule.count = count;
        } else if (key == "WKST") {
            if (value != "MO") {
                return Fail("schedule.rrule", "WKST=" + value + " is not supported (only MO)");
            }
        } else {
            return Fail("schedule.rrule", key +
                                              " is not supported (use FREQ, INTERVAL, BYDAY, "
                                              "BYMONTHDAY, UNTIL, COUNT)");
        }
    }
    if (rule.until && rule.count) {
        return Fail("schedule.rrule", "UNTIL and COUNT cannot both be given");
    }
    if (!rule.by_day.empty() && !rule.by_month_day.empty()) {
        return Fail("schedule.rrule", "BYDAY and BYMONTHDAY cannot both be given");
    }
    return rule;
}

std::string FormatRrule(const Rrule& rule) {
    std::string out = rule.frequency == Frequency::kWeekly ? "FREQ=WEEKLY" : "FREQ=MONTHLY";
    if (rule.interval != 1) {
        out += ";INTERVAL=" + std::to_string(rule.interval);
    }
    if (!rule.by_day.empty()) {
        out += ";BYDAY=";
        for (size_t i = 0; i < rule.by_day.size(); ++i) {
            if (i > 0) {
                out += ',';
            }
            if (rule.by_day[i].ordinal != 0) {
                out += std::to_string(rule.by_day[i].ordinal);
            }
            out += kWeekdayCodes[static_cast<size_t>(rule.by_day[i].weekday)];
        }
    }
    if (!rule.by_month_day.empty()) {
        out += ";BYMONTHDAY=";
        for (size_t i = 0; i < rule.by_month_day.size(); ++i) {
            out += (i > 0 ? "," : "") + std::to_string(rule.by_month_day[i]);
        }
    }
    if (rule.until) {
        const std::string iso = FormatDate(*rule.until);
        out += ";UNTIL=" + iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
    }
    if (rule.count) {
        out += ";COUNT=" + std::to_string(*rule.count);
    }
    return out;
}

std::vector<std::string> CheckSchedule(const Schedule& schedule) {
    std::vector<std::string> problems;
    if (schedule.start_minute < 0 || schedule.start_minute >= 24 * 60) {
        problems.push_back("start_time: must be between 00:00 and 23:59");
    }
    if (schedule.end_minute <= schedule.start_minute || schedule.end_minute > 24 * 60) {
        problems.push_back("end_time: must be after start_time, at the latest 24:00");
    }
    if (!schedule.rrule.empty()) {
        const auto rule = ParseRrule(schedule.rrule);
        if (!rule) {
            problems.push_back("rrule: " + rule.error().message);
        }
        if (!schedule.start_date) {
            problems.push_back("start_date: is required with a rule (the first day it applies)");
        } else if (rule && rule->until && *rule->until < *schedule.start_date) {
            problems.push_back("rrule: UNTIL is before start_date");
        }
    } else if (schedule.dates.empty()) {
        problems.push_back("rrule: a schedule needs a rule or at least one date in dates");
    }
    for (size_t i = 0; i < schedule.closures.size(); ++i) {
        if (schedule.closures[i].until < schedule.closures[i].from) {
            problems.push_back("closures[" + std::to_string(i) + "].until: is before from");
        }
    }
    return problems;
}

bool IsClosedOn(const Schedule& schedule, Date date) {
    return std::any_of(schedule.closures.begin(), schedule.closures.end(),
                       [&](const DateRange& r) { return r.from <= date && date <= r.until; });
}

std::vector<Session> NextSessions(const Schedule& schedule, UtcTime from, size_t max_count,
                                  int horizon_days) {
    std::vector<Session> sessions;
    if (max_count == 0 || !CheckSchedule(schedule).empty()) {
        return sessions;
    }
    const Date first = BerlinDate(from);
    const Date last{sys_days{first} + days{horizon_days}};
    ForEachSessionDate(schedule, first, last, [&](Date date) {
        if (IsClosedOn(schedule, date)) {
            return true;
        }
        const Session session = SessionOn(schedule, date);
        if (session.end > from) {
            sessions.push_back(session);
        }
        return sessions.size() < max_count;
    });
    return sessions;
}

std::vector<Session> SessionsBetween(const Schedule& schedule, UtcTime from, UtcTime until) {
    std::vector<Session> sessions;
    if (until <= from || !CheckSchedule(schedule).empty()) {
        return sessions;
    }
    const Date first = BerlinDate(from);
    const Date last = BerlinDate(until);
    ForEachSessionDate(schedule, first, last, [&](Date date) {
        if (!IsClosedOn(schedule, date)) {
            const Session session = SessionOn(schedule, date);
            if (session.end > from && session.start < until) {
                sessions.push_back(session);
            }
        }
        return true;
    });
    return sessions;
}

bool IsOpenAt(const Schedule& schedule, UtcTime t) {
    const auto sessions = NextSessions(schedule, t, 1, 1);
    return !sessions.empty() && sessions.front().start <= t && t < sessions.front().end;
}

}  // namespace treffpunkt
