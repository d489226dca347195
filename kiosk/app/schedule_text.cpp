#include "kiosk/app/schedule_text.hpp"

#include <array>
#include <cstdio>

namespace treffpunkt {

namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

// Words of one language; the sentence grammar is in the functions below.
struct Words {
    std::array<const char*, 7> weekday;  // Monday first
    std::array<const char*, 7> weekday_short;
    std::array<const char*, 12> month_name;
    std::array<const char*, 12> month_short;
    const char* today;
    const char* tomorrow;
};

constexpr Words kGerman{
    {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"},
    {"Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."},
    {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
     "November", "Dezember"},
    {"Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.",
     "Dez."},
    "heute",
    "morgen"};

constexpr Words kEnglish{
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
    {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"},
    {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
    "today",
    "tomorrow"};

constexpr Words kFrench{{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"},
                        {"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."},
                        {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                         "septembre", "octobre", "novembre", "décembre"},
                        {"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                         "oct.", "nov.", "déc."},
                        "aujourd’hui",
                        "demain"};

enum class Lang { kDe, kEn, kFr };

Lang Pick(std::string_view lang) {
    if (lang == "en") {
        return Lang::kEn;
    }
    if (lang == "fr") {
        return Lang::kFr;
    }
    return Lang::kDe;
}

const Words& WordsOf(Lang l) {
    switch (l) {
        case Lang::kEn:
            return kEnglish;
        case Lang::kFr:
            return kFrench;
        case Lang::kDe:
            break;
    }
    return kGerman;
}

unsigned DayOf(Date d) {
    return static_cast<unsigned>(d.day());
}
unsigned MonthIndex(Date d) {
    return static_cast<unsigned>(d.month()) - 1;
}
int YearOf(Date d) {
    return static_cast<int>(d.year());
}
size_t WeekdayIndex(Date d) {
    return static_cast<size_t>(IsoWeekdayIndex(d));
}

std::string Num(long v) {
    return std::to_string(v);
}

std::string TwoDigits(unsigned v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02u", v);
    return buf;
}

// "Dienstag", "Montag und Mittwoch", "Montag bis Freitag", "Montag, Mittwoch und Freitag".
std::string DayList(const std::vector<int>& days, Lang l, bool plural_fr = false) {
    const Words& w = WordsOf(l);
    const char* and_word = l == Lang::kDe ? " und " : (l == Lang::kEn ? " and " : " et ");
    const char* to_word = l == Lang::kDe ? " bis " : (l == Lang::kEn ? " to " : " au ");
    auto name = [&](int d) {
        std::string n = w.weekday[static_cast<size_t>(d)];
        if (plural_fr) {
            n += "s";
        }
        return n;
    };
    bool consecutive = days.size() >= 3;
    for (size_t i = 1; i < days.size() && consecutive; ++i) {
        consecutive = days[i] == days[i - 1] + 1;
    }
    if (consecutive) {
        return name(days.front()) + to_word + name(days.back());
    }
    std::string out;
    for (size_t i = 0; i < days.size(); ++i) {
        if (i > 0) {
            out += i + 1 == days.size() ? and_word : ", ";
        }
        out += name(days[i]);
    }
    return out;
}

std::string Ordinal(int n, Lang l, bool feminine_fr = false) {
    switch (l) {
        case Lang::kDe:
            return Num(n) + ".";
        case Lang::kEn: {
            const char* suffix = "th";
            if (n % 100 < 11 || n % 100 > 13) {
                suffix = n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
            }
            return Num(n) + suffix;
        }
        case Lang::kFr:
            if (n == 1) {
                return feminine_fr ? "1re" : "1er";
            }
            return Num(n) + "e";
    }
    return Num(n);
}

// "2. Dienstag", "letzten Freitag", "vorletzten Freitag" (German dative after "jeden"/"am").
std::string OrdinalDay(const ByDay& b, Lang l) {
    const std::string wd = WordsOf(l).weekday[static_cast<size_t>(b.weekday)];
    switch (l) {
        case Lang::kDe:
            if (b.ordinal == -1) {
                return "letzten " + wd;
            }
            if (b.ordinal == -2) {
                return "vorletzten " + wd;
            }
            if (b.ordinal < 0) {
                return Num(-b.ordinal) + ".-letzten " + wd;
            }
            return Ordinal(b.ordinal, l) + " " + wd;
        case Lang::kEn:
            if (b.ordinal == -1) {
                return "last " + wd;
            }
            if (b.ordinal == -2) {
                return "second to last " + wd;
            }
            if (b.ordinal < 0) {
                return Ordinal(-b.ordinal, l) + " to last " + wd;
            }
            return Ordinal(b.ordinal, l) + " " + wd;
        case Lang::kFr:
            if (b.ordinal == -1) {
                return "dernier " + wd;
            }
            if (b.ordinal == -2) {
                return "avant-dernier " + wd;
            }
            if (b.ordinal < 0) {
                return Ordinal(-b.ordinal, l) + " " + wd + " avant la fin";
            }
            return Ordinal(b.ordinal, l) + " " + wd;
    }
    return wd;
}

std::string JoinAnd(const std::vector<std::string>& parts, Lang l) {
    const char* and_word = l == Lang::kDe ? " und " : (l == Lang::kEn ? " and " : " et ");
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) {
            out += i + 1 == parts.size() ? and_word : ", ";
        }
        out += parts[i];
    }
    return out;
}

// The rule part of the sentence, without times.
std::string RulePhrase(const Rrule& r, const Schedule& s, Lang l) {
    std::vector<int> plain_days;
    std::vector<ByDay> ordinal_days;
    for (const ByDay& b : r.by_day) {
        if (b.ordinal == 0) {
            plain_days.push_back(b.weekday);
        } else {
            ordinal_days.push_back(b);
        }
    }
    if (r.frequency == Frequency::kWeekly) {
        if (plain_days.empty() && s.start_date) {
            plain_days.push_back(IsoWeekdayIndex(*s.start_date));
        }
        const std::string days = DayList(plain_days, l);
        const bool range =
            plain_days.size() >= 3 && days.find(l == Lang::kDe   ? " bis "
                                                : l == Lang::kEn ? " to "
                                                                 : " au ") != std::string::npos;
        switch (l) {
            case Lang::kDe:
                if (r.interval == 1) {
                    return range ? days : "jeden " + days;
                }
                if (r.interval == 2) {
                    return "alle 2 Wochen am " + days;
                }
                return "alle " + Num(r.interval) + " Wochen am " + days;
            case Lang::kEn:
                if (r.interval == 1) {
                    return range ? days : "every " + days;
                }
                if (r.interval == 2) {
                    return "every other " + days;
                }
                return "every " + Num(r.interval) + " weeks on " + days;
            case Lang::kFr:
                if (r.interval == 1) {
                    return range ? "du " + days : "chaque " + days;
                }
                if (r.interval == 2) {
                    return "un " + days + " sur deux";
                }
                return "toutes les " + Num(r.interval) + " semaines, le " + days;
        }
    }
    // Monthly.
    std::vector<std::string> parts;
    for (const ByDay& b : ordinal_days) {
        parts.push_back(OrdinalDay(b, l));
    }
    for (int d : plain_days) {
        parts.push_back(WordsOf(l).weekday[static_cast<size_t>(d)]);
    }
    std::vector<int> month_days = r.by_month_day;
    if (parts.empty() && month_days.empty() && s.start_date) {
        month_days.push_back(static_cast<int>(DayOf(*s.start_date)));
    }
    std::string every_n;
    switch (l) {
        case Lang::kDe:
            every_n = r.interval == 1 ? "" : " alle " + Num(r.interval) + " Monate";
            break;
        case Lang::kEn:
            every_n = r.interval == 1 ? "" : ", every " + Num(r.interval) + " months";
            break;
        case Lang::kFr:
            every_n = r.interval == 1 ? "" : ", tous les " + Num(r.interval) + " mois";
            break;
    }
    if (!parts.empty()) {
        const std::string days = JoinAnd(parts, l);
        switch (l) {
            case Lang::kDe:
                return "jeden " + days + (r.interval == 1 ? " im Monat" : every_n);
            case Lang::kEn:
                return "every " + days +
                       (r.interval == 1 ? " of the month" : " of the month" + every_n);
            case Lang::kFr:
                return "le " + days + " du mois" + every_n;
        }
    }
    std::vector<std::string> day_parts;
    for (int d : month_days) {
        if (d == -1) {
            day_parts.push_back(l == Lang::kDe   ? "letzten Tag"
                                : l == Lang::kEn ? "last day"
                                                 : "dernier jour");
        } else if (d < 0) {
            day_parts.push_back(
                Num(-d) + (l == Lang::kDe   ? ".-letzten Tag"
                           : l == Lang::kEn ? Ordinal(-d, l).substr(Num(-d).size()) + " to last day"
                                            : "e jour avant la fin"));
        } else {
            day_parts.push_back(Ordinal(d, l));
        }
    }
    const std::string days = JoinAnd(day_parts, l);
    switch (l) {
        case Lang::kDe:
            return "am " + days + (r.interval == 1 ? " jedes Monats" : every_n);
        case Lang::kEn:
            return "on the " + days + " of every month" + every_n;
        case Lang::kFr:
            return "le " + days + " de chaque mois" + every_n;
    }
    return days;
}

std::string UntilPhrase(const Rrule& r, Lang l) {
    if (!r.until) {
        return {};
    }
    const std::string date = DateNumericText(*r.until, l == Lang::kDe   ? "de"
                                                       : l == Lang::kEn ? "en"
                                                                        : "fr");
    switch (l) {
        case Lang::kDe:
            return ", bis " + date;
        case Lang::kEn:
            return ", until " + date;
        case Lang::kFr:
            return ", jusqu’au " + date;
    }
    return {};
}

const char* LangCode(Lang l) {
    return l == Lang::kDe ? "de" : l == Lang::kEn ? "en" : "fr";
}

}  // namespace

bool HasScheduleGrammar(std::string_view lang) {
    return lang == "de" || lang == "en" || lang == "fr";
}

std::string ClockText(int minute_of_day, std::string_view lang) {
    const int h = minute_of_day / 60;
    const int m = minute_of_day % 60;
    if (Pick(lang) == Lang::kEn) {
        const int h12 = h % 12 == 0 ? 12 : h % 12;
        const char* ampm = (h % 24) < 12 ? "am" : "pm";
        return Num(h12) + ":" + TwoDigits(static_cast<unsigned>(m)) + " " + ampm;
    }
    return TwoDigits(static_cast<unsigned>(h % 24)) + ":" + TwoDigits(static_cast<unsigned>(m));
}

std::string TimeRangeText(int start_minute, int end_minute, std::string_view lang) {
    const Lang l = Pick(lang);
    auto de_time = [](int t) {
        const int h = t / 60;
        const int m = t % 60;
        return m == 0 ? Num(h) : Num(h) + ":" + TwoDigits(static_cast<unsigned>(m));
    };
    switch (l) {
        case Lang::kDe:
            return de_time(start_minute) + "–" + de_time(end_minute) + " Uhr";
        case Lang::kFr: {
            auto fr_time = [](int t) {
                const int h = t / 60;
                const int m = t % 60;
                return m == 0 ? Num(h) + " h"
                              : Num(h) + " h " + TwoDigits(static_cast<unsigned>(m));
            };
            return "de " + fr_time(start_minute) + " à " + fr_time(end_minute);
        }
        case Lang::kEn: {
            auto en_time = [](int t, bool with_ampm) {
                const int h = (t / 60) % 24;
                const int m = t % 60;
                const int h12 = h % 12 == 0 ? 12 : h % 12;
                std::string s = Num(h12);
                if (m != 0) {
                    s += ":" + TwoDigits(static_cast<unsigned>(m));
                }
                if (with_ampm) {
                    s += h < 12 ? " am" : " pm";
                }
                return s;
            };
            const bool start_pm = (start_minute / 60) % 24 >= 12;
            const bool end_pm = (end_minute / 60) % 24 >= 12;
            if (start_pm == end_pm && end_minute < 1440) {
                return en_time(start_minute, false) + "–" + en_time(end_minute, true);
            }
            return en_time(start_minute, true) + " – " + en_time(end_minute, true);
        }
    }
    return {};
}

std::string DateLongText(Date date, std::string_view lang) {
    const Lang l = Pick(lang);
    const Words& w = WordsOf(l);
    const std::string wd = w.weekday[WeekdayIndex(date)];
    const std::string mo = w.month_name[MonthIndex(date)];
    switch (l) {
        case Lang::kDe:
            return wd + ", " + Num(DayOf(date)) + ". " + mo + " " + Num(YearOf(date));
        case Lang::kEn:
            return wd + ", " + Num(DayOf(date)) + " " + mo + " " + Num(YearOf(date));
        case Lang::kFr:
            return wd + " " + (DayOf(date) == 1 ? std::string("1er") : Num(DayOf(date))) + " " +
                   mo + " " + Num(YearOf(date));
    }
    return {};
}

std::string DateShortText(Date date, std::string_view lang) {
    const Lang l = Pick(lang);
    const Words& w = WordsOf(l);
    switch (l) {
        case Lang::kDe:
            return std::string(w.weekday_short[WeekdayIndex(date)]) + ", " + Num(DayOf(date)) +
                   "." + Num(MonthIndex(date) + 1) + ".";
        case Lang::kEn:
            return std::string(w.weekday_short[WeekdayIndex(date)]) + " " + Num(DayOf(date)) + " " +
                   w.month_short[MonthIndex(date)];
        case Lang::kFr:
            return std::string(w.weekday_short[WeekdayIndex(date)]) + " " + Num(DayOf(date)) + " " +
                   w.month_short[MonthIndex(date)];
    }
    return {};
}

std::string DateNumericText(Date date, std::string_view lang) {
    switch (Pick(lang)) {
        case Lang::kDe:
            return TwoDigits(DayOf(date)) + "." + TwoDigits(MonthIndex(date) + 1) + "." +
                   Num(YearOf(date));
        case Lang::kEn:
            return Num(DayOf(date)) + " " + kEnglish.month_short[MonthIndex(date)] + " " +
                   Num(YearOf(date));
        case Lang::kFr:
            return TwoDigits(DayOf(date)) + "/" + TwoDigits(MonthIndex(date) + 1) + "/" +
                   Num(YearOf(date));
    }
    return {};
}

std::string ScheduleSentence(const Schedule& schedule, std::string_view lang) {
    const Lang l = Pick(lang);
    const std::string times =
        TimeRangeText(schedule.start_minute, schedule.end_minute, LangCode(l));
    std::string phrase;
    if (!schedule.rrule.empty()) {
        auto rule = ParseRrule(schedule.rrule);
        if (!rule) {
            return times;
        }
        phrase = RulePhrase(*rule, schedule, l) + UntilPhrase(*rule, l);
    } else if (!schedule.dates.empty()) {
        if (schedule.dates.size() > 3) {
            phrase =
                l == Lang::kDe ? "an " + Num(static_cast<long>(schedule.dates.size())) + " Terminen"
                : l == Lang::kEn ? "on " + Num(static_cast<long>(schedule.dates.size())) + " dates"
                                 : "à " + Num(static_cast<long>(schedule.dates.size())) + " dates";
        } else {
            std::vector<std::string> dates;
            for (Date d : schedule.dates) {
                dates.push_back(DateNumericText(d, LangCode(l)));
            }
            phrase = (l == Lang::kDe ? "am " : l == Lang::kEn ? "on " : "le ") + JoinAnd(dates, l);
        }
    }
    if (phrase.empty()) {
        return times;
    }
    return phrase + ", " + times;
}

std::string SessionText(const Session& session, Date today, std::string_view lang) {
    const Lang l = Pick(lang);
    const LocalDateTime start = ToBerlin(session.start);
    const LocalDateTime end = ToBerlin(session.end);
    int end_minute = end.minute_of_day;
    if (end.date != start.date && end_minute == 0) {
        end_minute = 1440;
    }
    std::string day;
    const auto days = (std::chrono::sys_days(start.date) - std::chrono::sys_days(today)).count();
    if (days == 0) {
        day = WordsOf(l).today;
    } else if (days == 1) {
        day = WordsOf(l).tomorrow;
    } else {
        day = DateShortText(start.date, LangCode(l));
    }
    return day + ", " + TimeRangeText(start.minute_of_day, end_minute, LangCode(l));
}

std::string ClosuresText(const Schedule& schedule, Date today, std::string_view lang) {
    const Lang l = Pick(lang);
    std::vector<std::string> parts;
    for (const DateRange& c : schedule.closures) {
        if (c.until < today) {
            continue;
        }
        std::string part = DateNumericText(c.from, LangCode(l));
        if (c.until != c.from) {
            part += (l == Lang::kDe   ? " bis "
                     : l == Lang::kEn ? " to "
                                      : " au ") +
                    DateNumericText(c.until, LangCode(l));
        }
        const std::string& note = c.note.Get(lang);  // content: reader's language, else German
        if (!note.empty()) {
            part += " (" + note + ")";
        }
        parts.push_back(part);
    }
    if (parts.empty()) {
        return {};
    }
    const char* head = l == Lang::kDe   ? "Fällt aus: "
                       : l == Lang::kEn ? "Cancelled: "
                                        : "Annulé : ";
    std::string out = head;
    for (size_t i = 0; i < parts.size(); ++i) {
        out += (i > 0 ? "; " : "") + parts[i];
    }
    return out;
}

}  // namespace treffpunkt
