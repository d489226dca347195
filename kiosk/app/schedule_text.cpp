#include "kiosk/app/schedule_text.hpp"

#include <array>

namespace treffpunkt {

namespace {

// Words of one language; the sentence grammar is in the functions below.
struct Words {
    std::array<const char*, 7> weekday;  // Monday first
    std::array<const char*, 7> weekday_short;
    std::array<const char*, 12> month_name;  // as after a day number (genitive in uk/ru)
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

constexpr Words kTurkish{
    {"Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"},
    {"Pzt", "Sal", "Çar", "Per", "Cum", "Cmt", "Paz"},
    {"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
     "Kasım", "Aralık"},
    {"Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara"},
    "bugün",
    "yarın"};

constexpr Words kUkrainian{
    {"понеділок", "вівторок", "середа", "четвер", "п’ятниця", "субота", "неділя"},
    {"пн", "вт", "ср", "чт", "пт", "сб", "нд"},
    {"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
     "жовтня", "листопада", "грудня"},
    {"січ.", "лют.", "бер.", "квіт.", "трав.", "черв.", "лип.", "серп.", "вер.", "жовт.", "лист.",
     "груд."},
    "сьогодні",
    "завтра"};

constexpr Words kRussian{
    {"понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"},
    {"пн", "вт", "ср", "чт", "пт", "сб", "вс"},
    {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
     "октября", "ноября", "декабря"},
    {"янв.", "февр.", "марта", "апр.", "мая", "июня", "июля", "авг.", "сент.", "окт.", "нояб.",
     "дек."},
    "сегодня",
    "завтра"};

constexpr Words kArabic{{"الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"},
                        {"الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"},
                        {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
                         "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
                        {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
                         "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
                        "اليوم",
                        "غداً"};

// Slavic weekdays in the cases the sentences need.
struct SlavicDays {
    std::array<const char*, 7> genitive;  // "з понеділка", "с понедельника"
    std::array<const char*, 7> accusative;  // "у понеділок", "в понедельник"
    std::array<const char*, 7> every;  // "щопонеділка" / "по понедельникам"
    std::array<int, 7> gender;         // 0 masculine, 1 feminine, 2 neuter
};

constexpr SlavicDays kUkrainianDays{
    {"понеділка", "вівторка", "середи", "четверга", "п’ятниці", "суботи", "неділі"},
    {"понеділок", "вівторок", "середу", "четвер", "п’ятницю", "суботу", "неділю"},
    {"щопонеділка", "щовівторка", "щосереди", "щочетверга", "щоп’ятниці", "щосуботи", "щонеділі"},
    {0, 0, 1, 0, 1, 1, 1}};

constexpr SlavicDays kRussianDays{
    {"понедельника", "вторника", "среды", "четверга", "пятницы", "субботы", "воскресенья"},
    {"понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"},
    {"понедельникам", "вторникам", "средам", "четвергам", "пятницам", "субботам", "воскресеньям"},
    {0, 0, 1, 0, 1, 1, 2}};

enum class Lang { kDe, kEn, kFr, kTr, kUk, kRu, kAr };

Lang Pick(std::string_view lang) {
    if (lang == "en") {
        return Lang::kEn;
    }
    if (lang == "fr") {
        return Lang::kFr;
    }
    if (lang == "tr") {
        return Lang::kTr;
    }
    if (lang == "uk") {
        return Lang::kUk;
    }
    if (lang == "ru") {
        return Lang::kRu;
    }
    if (lang == "ar") {
        return Lang::kAr;
    }
    return Lang::kDe;
}

const char* LangCode(Lang l) {
    switch (l) {
        case Lang::kEn:
            return "en";
        case Lang::kFr:
            return "fr";
        case Lang::kTr:
            return "tr";
        case Lang::kUk:
            return "uk";
        case Lang::kRu:
            return "ru";
        case Lang::kAr:
            return "ar";
        case Lang::kDe:
            break;
    }
    return "de";
}

const Words& WordsOf(Lang l) {
    switch (l) {
        case Lang::kEn:
            return kEnglish;
        case Lang::kFr:
            return kFrench;
        case Lang::kTr:
            return kTurkish;
        case Lang::kUk:
            return kUkrainian;
        case Lang::kRu:
            return kRussian;
        case Lang::kAr:
            return kArabic;
        case Lang::kDe:
            break;
    }
    return kGerman;
}

const SlavicDays& SlavicOf(Lang l) {
    return l == Lang::kUk ? kUkrainianDays : kRussianDays;
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
size_t Index(int weekday) {
    return static_cast<size_t>(weekday);
}

std::string Num(long v) {
    return std::to_string(v);
}

// 0–99 as two digits ("07"); larger values in full.
std::string TwoDigits(unsigned v) {
    if (v >= 100) {
        return std::to_string(v);
    }
    return {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
}

// Ukrainian and Russian plurals: 1 / 2–4 / 5+ (and 11–14).
const char* SlavicPlural(long n, const char* one, const char* few, const char* many) {
    const long mod100 = n % 100;
    const long mod10 = n % 10;
    if (mod100 >= 11 && mod100 <= 14) {
        return many;
    }
    if (mod10 == 1) {
        return one;
    }
    if (mod10 >= 2 && mod10 <= 4) {
        return few;
    }
    return many;
}

// "A, B und C" in the language's way.
std::string JoinAnd(const std::vector<std::string>& parts, Lang l) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) {
            const bool last = i + 1 == parts.size();
            switch (l) {
                case Lang::kDe:
                    out += last ? " und " : ", ";
                    break;
                case Lang::kEn:
                    out += last ? " and " : ", ";
                    break;
                case Lang::kFr:
                    out += last ? " et " : ", ";
                    break;
                case Lang::kTr:
                    out += last ? " ve " : ", ";
                    break;
                case Lang::kUk:
                    out += last ? " і " : ", ";
                    break;
                case Lang::kRu:
                    out += last ? " и " : ", ";
                    break;
                case Lang::kAr:
                    out += last ? " و" : "، ";  // "و" joins the next word
                    break;
            }
        }
        out += parts[i];
    }
    return out;
}

bool Consecutive(const std::vector<int>& days) {
    bool consecutive = days.size() >= 3;
    for (size_t i = 1; i < days.size() && consecutive; ++i) {
        consecutive = days[i] == days[i - 1] + 1;
    }
    return consecutive;
}

// "Montag bis Freitag" for three or more days in a row; "" otherwise.
std::string DayRange(const std::vector<int>& days, Lang l) {
    if (!Consecutive(days)) {
        return {};
    }
    const Words& w = WordsOf(l);
    const size_t a = Index(days.front());
    const size_t b = Index(days.back());
    switch (l) {
        case Lang::kDe:
            return std::string(w.weekday[a]) + " bis " + w.weekday[b];
        case Lang::kEn:
            return std::string(w.weekday[a]) + " to " + w.weekday[b];
        case Lang::kFr:
            return std::string("du ") + w.weekday[a] + " au " + w.weekday[b];
        case Lang::kTr:
            return std::string(w.weekday[a]) + " – " + w.weekday[b];
        case Lang::kUk:
            return std::string("з ") + kUkrainianDays.genitive[a] + " по " +
                   kUkrainianDays.accusative[b];
        case Lang::kRu:
            return std::string("с ") + kRussianDays.genitive[a] + " по " +
                   kRussianDays.accusative[b];
        case Lang::kAr:
            return std::string("من ") + w.weekday[a] + " إلى " + w.weekday[b];
    }
    return {};
}

std::vector<std::string> DayNames(const std::vector<int>& days, Lang l) {
    std::vector<std::string> out;
    for (int d : days) {
        out.emplace_back(WordsOf(l).weekday[Index(d)]);
    }
    return out;
}

// "в понедельник и среду" / "у понеділок і середу" ("во вторник").
std::string SlavicOnDays(const std::vector<int>& days, Lang l) {
    std::vector<std::string> names;
    for (int d : days) {
        names.emplace_back(SlavicOf(l).accusative[Index(d)]);
    }
    const std::string list = JoinAnd(names, l);
    if (l == Lang::kRu) {
        return (days.front() == 1 ? "во " : "в ") + list;
    }
    return "у " + list;
}

std::string Ordinal(int n, Lang l, bool feminine_fr = false) {
    switch (l) {
        case Lang::kDe:
        case Lang::kTr:
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
        case Lang::kUk:
        case Lang::kRu:
            return Num(n) + "-го";  // a day of the month: "15-го"
        case Lang::kAr:
            return Num(n);
    }
    return Num(n);
}

// Slavic ordinal words 1..5 (accusative, by gender) and "last", "second to last".
std::string SlavicOrdinal(int ordinal, int gender, Lang l) {
    static constexpr std::array<std::array<const char*, 3>, 5> kUk = {{
        {"перший", "першу", "перше"},
        {"другий", "другу", "друге"},
        {"третій", "третю", "третє"},
        {"четвертий", "четверту", "четверте"},
        {"п’ятий", "п’яту", "п’яте"},
    }};
    static constexpr std::array<std::array<const char*, 3>, 5> kRu = {{
        {"первый", "первую", "первое"},
        {"второй", "вторую", "второе"},
        {"третий", "третью", "третье"},
        {"четвёртый", "четвёртую", "четвёртое"},
        {"пятый", "пятую", "пятое"},
    }};
    const auto g = static_cast<size_t>(gender);
    if (ordinal == -1) {
        return l == Lang::kUk
                   ? std::array<const char*, 3>{"останній", "останню", "останнє"}[g]
                   : std::array<const char*, 3>{"последний", "последнюю", "последнее"}[g];
    }
    if (ordinal == -2) {
        return l == Lang::kUk
                   ? std::array<const char*, 3>{"передостанній", "передостанню", "передостаннє"}[g]
                   : std::array<const char*, 3>{"предпоследний", "предпоследнюю",
                                                "предпоследнее"}[g];
    }
    if (ordinal >= 1 && ordinal <= 5) {
        return (l == Lang::kUk ? kUk : kRu)[static_cast<size_t>(ordinal - 1)][g];
    }
    return Num(ordinal < 0 ? -ordinal : ordinal) + (l == Lang::kUk ? "-й з кінця" : "-й с конца");
}

// "2. Dienstag", "letzten Freitag", "vorletzten Freitag" (German dative after "jeden"/"am").
std::string OrdinalDay(const ByDay& b, Lang l) {
    const std::string wd = WordsOf(l).weekday[Index(b.weekday)];
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
        case Lang::kTr:
            if (b.ordinal == -1) {
                return "son " + wd;
            }
            if (b.ordinal < 0) {
                return "sondan " + Num(-b.ordinal) + ". " + wd;
            }
            return Ordinal(b.ordinal, l) + " " + wd;
        case Lang::kUk:
        case Lang::kRu: {
            const SlavicDays& days = SlavicOf(l);
            const size_t i = Index(b.weekday);
            return SlavicOrdinal(b.ordinal, days.gender[i], l) + " " + days.accusative[i];
        }
        case Lang::kAr: {
            static constexpr std::array<const char*, 5> kNth = {"الأول", "الثاني", "الثالث",
                                                                "الرابع", "الخامس"};
            if (b.ordinal == -1) {
                return "آخر " + std::string(WordsOf(l).weekday[Index(b.weekday)]).substr(4);
            }
            if (b.ordinal == -2) {
                return wd + " قبل الأخير";
            }
            if (b.ordinal >= 1 && b.ordinal <= 5) {
                return wd + " " + kNth[static_cast<size_t>(b.ordinal - 1)];
            }
            return wd + " رقم " + Num(-b.ordinal) + " من آخر الشهر";
        }
    }
    return wd;
}

// A weekly rule: "jeden Dienstag", "alle 2 Wochen am Donnerstag", "Montag bis Freitag".
std::string WeeklyPhrase(const Rrule& r, const std::vector<int>& days, Lang l) {
    const std::string range = r.interval == 1 ? DayRange(days, l) : std::string();
    const std::string names = JoinAnd(DayNames(days, l), l);
    const long n = r.interval;
    switch (l) {
        case Lang::kDe:
            if (r.interval == 1) {
                return !range.empty() ? range : "jeden " + names;
            }
            return "alle " + Num(n) + " Wochen am " + names;
        case Lang::kEn:
            if (r.interval == 1) {
                return !range.empty() ? range : "every " + names;
            }
            if (r.interval == 2) {
                return "every other " + names;
            }
            return "every " + Num(n) + " weeks on " + names;
        case Lang::kFr:
            if (r.interval == 1) {
                return !range.empty() ? range : "chaque " + names;
            }
            if (r.interval == 2) {
                return "un " + names + " sur deux";
            }
            return "toutes les " + Num(n) + " semaines, le " + names;
        case Lang::kTr:
            if (r.interval == 1) {
                return !range.empty() ? range : "her " + names;
            }
            return Num(n) + " haftada bir " + names;
        case Lang::kUk: {
            if (r.interval == 1) {
                if (!range.empty()) {
                    return range;
                }
                std::vector<std::string> every;
                for (int d : days) {
                    every.emplace_back(kUkrainianDays.every[Index(d)]);
                }
                return JoinAnd(every, l);
            }
            return "раз на " + Num(n) + " " + SlavicPlural(n, "тиждень", "тижні", "тижнів") + ", " +
                   SlavicOnDays(days, l);
        }
        case Lang::kRu: {
            if (r.interval == 1) {
                if (!range.empty()) {
                    return range;
                }
                std::vector<std::string> every;
                for (int d : days) {
                    every.emplace_back(kRussianDays.every[Index(d)]);
                }
                return "по " + JoinAnd(every, l);
            }
            return "раз в " + Num(n) + " " + SlavicPlural(n, "неделю", "недели", "недель") + ", " +
                   SlavicOnDays(days, l);
        }
        case Lang::kAr:
            if (r.interval == 1) {
                return !range.empty() ? range : "كل يوم " + names;
            }
            if (r.interval == 2) {
                return "كل أسبوعين يوم " + names;
            }
            return "كل " + Num(n) + " أسابيع يوم " + names;
    }
    return names;
}

// ", alle 3 Monate" after a monthly rule with an interval.
std::string EveryNMonths(const Rrule& r, Lang l) {
    if (r.interval == 1) {
        return {};
    }
    const long n = r.interval;
    switch (l) {
        case Lang::kDe:
            return " alle " + Num(n) + " Monate";
        case Lang::kEn:
            return ", every " + Num(n) + " months";
        case Lang::kFr:
            return ", tous les " + Num(n) + " mois";
        case Lang::kTr:
            return ", " + Num(n) + " ayda bir";
        case Lang::kUk:
            return ", раз на " + Num(n) + " " + SlavicPlural(n, "місяць", "місяці", "місяців");
        case Lang::kRu:
            return ", раз в " + Num(n) + " " + SlavicPlural(n, "месяц", "месяца", "месяцев");
        case Lang::kAr:
            return "، كل " + Num(n) + " أشهر";
    }
    return {};
}

// A monthly rule on weekdays: "jeden 2. Dienstag im Monat".
std::string MonthlyWeekdayPhrase(const Rrule& r, const std::vector<std::string>& parts, Lang l) {
    const std::string days = JoinAnd(parts, l);
    const std::string every_n = EveryNMonths(r, l);
    switch (l) {
        case Lang::kDe:
            return "jeden " + days + (r.interval == 1 ? " im Monat" : every_n);
        case Lang::kEn:
            return "every " + days + " of the month" + every_n;
        case Lang::kFr:
            return "le " + days + " du mois" + every_n;
        case Lang::kTr:
            return "her ayın " + days + " günü" + every_n;
        case Lang::kUk:
            return "щомісяця в " + days + every_n;
        case Lang::kRu: {
            const bool vo = days.rfind("втор", 0) == 0;  // "во второй вторник"
            return std::string("каждый месяц ") + (vo ? "во " : "в ") + days + every_n;
        }
        case Lang::kAr:
            return days + " من كل شهر" + every_n;
    }
    return days;
}

// A monthly rule on days of the month: "am 15. jedes Monats".
std::string MonthDayPhrase(const Rrule& r, const std::vector<int>& month_days, Lang l) {
    std::vector<std::string> parts;
    for (int d : month_days) {
        if (d == -1) {
            switch (l) {
                case Lang::kDe:
                    parts.emplace_back("letzten Tag");
                    break;
                case Lang::kEn:
                    parts.emplace_back("last day");
                    break;
                case Lang::kFr:
                    parts.emplace_back("dernier jour");
                    break;
                case Lang::kTr:
                    parts.emplace_back("son");
                    break;
                case Lang::kUk:
                    parts.emplace_back("в останній день");
                    break;
                case Lang::kRu:
                    parts.emplace_back("в последний день");
                    break;
                case Lang::kAr:
                    parts.emplace_back("آخر يوم");
                    break;
            }
        } else if (d < 0) {
            switch (l) {
                case Lang::kDe:
                    parts.push_back(Num(-d) + ".-letzten Tag");
                    break;
                case Lang::kEn:
                    parts.push_back(Ordinal(-d, l) + " to last day");
                    break;
                case Lang::kFr:
                    parts.push_back(Num(-d) + "e jour avant la fin");
                    break;
                case Lang::kTr:
                    parts.push_back("sondan " + Num(-d) + ".");
                    break;
                case Lang::kUk:
                    parts.push_back("за " + Num(-d - 1) + " дн. до кінця");
                    break;
                case Lang::kRu:
                    parts.push_back("за " + Num(-d - 1) + " дн. до конца");
                    break;
                case Lang::kAr:
                    parts.push_back("اليوم " + Num(-d) + " من آخر");
                    break;
            }
        } else {
            parts.push_back(Ordinal(d, l));
        }
    }
    const std::string days = JoinAnd(parts, l);
    const std::string every_n = EveryNMonths(r, l);
    switch (l) {
        case Lang::kDe:
            return "am " + days + (r.interval == 1 ? " jedes Monats" : every_n);
        case Lang::kEn:
            return "on the " + days + " of every month" + every_n;
        case Lang::kFr:
            return "le " + days + " de chaque mois" + every_n;
        case Lang::kTr:
            return "her ayın " + days + " günü" + every_n;
        case Lang::kUk:
            return "щомісяця " + days + (month_days.front() > 0 ? " числа" : "") + every_n;
        case Lang::kRu:
            return "каждый месяц " + days + (month_days.front() > 0 ? " числа" : "") + every_n;
        case Lang::kAr:
            return "في " + (month_days.front() > 0 ? "اليوم " + days : days) + " من كل شهر" +
                   every_n;
    }
    return days;
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
        return WeeklyPhrase(r, plain_days, l);
    }
    // Monthly.
    std::vector<std::string> parts;
    for (const ByDay& b : ordinal_days) {
        parts.push_back(OrdinalDay(b, l));
    }
    for (int d : plain_days) {
        parts.emplace_back(WordsOf(l).weekday[Index(d)]);
    }
    std::vector<int> month_days = r.by_month_day;
    if (parts.empty() && month_days.empty() && s.start_date) {
        month_days.push_back(static_cast<int>(DayOf(*s.start_date)));
    }
    if (!parts.empty()) {
        return MonthlyWeekdayPhrase(r, parts, l);
    }
    return MonthDayPhrase(r, month_days, l);
}

std::string UntilPhrase(const Rrule& r, Lang l) {
    if (!r.until) {
        return {};
    }
    const std::string date = DateNumericText(*r.until, LangCode(l));
    switch (l) {
        case Lang::kDe:
            return ", bis " + date;
        case Lang::kEn:
            return ", until " + date;
        case Lang::kFr:
            return ", jusqu’au " + date;
        case Lang::kTr:
            return ", " + date + " tarihine kadar";
        case Lang::kUk:
        case Lang::kRu:
            return ", до " + date;
        case Lang::kAr:
            return "، حتى " + date;
    }
    return {};
}

// One-off dates: "am 19.12.2026", "an 5 Terminen".
std::string DatesPhrase(const Schedule& schedule, Lang l) {
    const long n = static_cast<long>(schedule.dates.size());
    if (n > 3) {
        switch (l) {
            case Lang::kDe:
                return "an " + Num(n) + " Terminen";
            case Lang::kEn:
                return "on " + Num(n) + " dates";
            case Lang::kFr:
                return "à " + Num(n) + " dates";
            case Lang::kTr:
                return Num(n) + " farklı tarihte";
            case Lang::kUk:
                return Num(n) + " " + SlavicPlural(n, "дата", "дати", "дат");
            case Lang::kRu:
                return Num(n) + " " + SlavicPlural(n, "дата", "даты", "дат");
            case Lang::kAr:
                return "في " + Num(n) + " مواعيد";
        }
    }
    std::vector<std::string> dates;
    for (Date d : schedule.dates) {
        dates.push_back(DateNumericText(d, LangCode(l)));
    }
    const std::string list = JoinAnd(dates, l);
    switch (l) {
        case Lang::kDe:
            return "am " + list;
        case Lang::kEn:
            return "on " + list;
        case Lang::kFr:
            return "le " + list;
        case Lang::kTr:
        case Lang::kUk:
        case Lang::kRu:
            return list;
        case Lang::kAr:
            return "في " + list;
    }
    return list;
}

}  // namespace

bool HasScheduleGrammar(std::string_view lang) {
    return lang == "de" || lang == "en" || lang == "fr" || lang == "tr" || lang == "uk" ||
           lang == "ru" || lang == "ar";
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
    // "9:00", "11:30" (hours without a leading zero, minutes always).
    auto hh_mm = [](int t) { return Num(t / 60) + ":" + TwoDigits(static_cast<unsigned>(t % 60)); };
    switch (l) {
        case Lang::kDe: {
            auto de_time = [](int t) {
                const int h = t / 60;
                const int m = t % 60;
                return m == 0 ? Num(h) : Num(h) + ":" + TwoDigits(static_cast<unsigned>(m));
            };
            return de_time(start_minute) + "–" + de_time(end_minute) + " Uhr";
        }
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
        case Lang::kTr:
        case Lang::kUk:
        case Lang::kRu:
        case Lang::kAr:
            return hh_mm(start_minute) + "–" + hh_mm(end_minute);
    }
    return {};
}

std::string DateLongText(Date date, std::string_view lang) {
    const Lang l = Pick(lang);
    const Words& w = WordsOf(l);
    const std::string wd = w.weekday[WeekdayIndex(date)];
    const std::string mo = w.month_name[MonthIndex(date)];
    const std::string day = Num(DayOf(date));
    const std::string year = Num(YearOf(date));
    switch (l) {
        case Lang::kDe:
            return wd + ", " + day + ". " + mo + " " + year;
        case Lang::kEn:
            return wd + ", " + day + " " + mo + " " + year;
        case Lang::kFr:
            return wd + " " + (DayOf(date) == 1 ? std::string("1er") : day) + " " + mo + " " + year;
        case Lang::kTr:
            return day + " " + mo + " " + year + " " + wd;
        case Lang::kUk:
        case Lang::kRu:
            return wd + ", " + day + " " + mo + " " + year;
        case Lang::kAr:
            return wd + " " + day + " " + mo + " " + year;
    }
    return {};
}

std::string DateShortText(Date date, std::string_view lang) {
    const Lang l = Pick(lang);
    const Words& w = WordsOf(l);
    const std::string wd = w.weekday_short[WeekdayIndex(date)];
    const std::string day = Num(DayOf(date));
    switch (l) {
        case Lang::kDe:
            return wd + ", " + day + "." + Num(MonthIndex(date) + 1) + ".";
        case Lang::kEn:
        case Lang::kFr:
        case Lang::kTr:
            return wd + " " + day + " " + w.month_short[MonthIndex(date)];
        case Lang::kUk:
        case Lang::kRu:
            return wd + ", " + TwoDigits(DayOf(date)) + "." + TwoDigits(MonthIndex(date) + 1);
        case Lang::kAr:
            return wd + " " + day + "/" + Num(MonthIndex(date) + 1);
    }
    return {};
}

std::string DateNumericText(Date date, std::string_view lang) {
    switch (Pick(lang)) {
        case Lang::kDe:
        case Lang::kTr:
        case Lang::kUk:
        case Lang::kRu:
            return TwoDigits(DayOf(date)) + "." + TwoDigits(MonthIndex(date) + 1) + "." +
                   Num(YearOf(date));
        case Lang::kEn:
            return Num(DayOf(date)) + " " + kEnglish.month_short[MonthIndex(date)] + " " +
                   Num(YearOf(date));
        case Lang::kFr:
        case Lang::kAr:
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
        phrase = DatesPhrase(schedule, l);
    }
    if (phrase.empty()) {
        return times;
    }
    return phrase + (l == Lang::kAr ? "، " : ", ") + times;
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
    return day + (l == Lang::kAr ? "، " : ", ") +
           TimeRangeText(start.minute_of_day, end_minute, LangCode(l));
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
            switch (l) {
                case Lang::kDe:
                    part += " bis ";
                    break;
                case Lang::kEn:
                    part += " to ";
                    break;
                case Lang::kFr:
                    part += " au ";
                    break;
                case Lang::kTr:
                case Lang::kUk:
                case Lang::kRu:
                    part += " – ";
                    break;
                case Lang::kAr:
                    part += " إلى ";
                    break;
            }
            part += DateNumericText(c.until, LangCode(l));
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
    const char* head = "Fällt aus: ";
    switch (l) {
        case Lang::kDe:
            break;
        case Lang::kEn:
            head = "Cancelled: ";
            break;
        case Lang::kFr:
            head = "Annulé : ";
            break;
        case Lang::kTr:
            head = "Yapılmayacak: ";
            break;
        case Lang::kUk:
            head = "Не відбудеться: ";
            break;
        case Lang::kRu:
            head = "Не состоится: ";
            break;
        case Lang::kAr:
            head = "لا يُقام: ";
            break;
    }
    std::string out = head;
    for (size_t i = 0; i < parts.size(); ++i) {
        out += (i > 0 ? (l == Lang::kAr ? "؛ " : "; ") : "") + parts[i];
    }
    return out;
}

}  // namespace treffpunkt
