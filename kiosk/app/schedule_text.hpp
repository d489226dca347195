// Schedules, dates and times as plain words in the reader's language: "jeden 2. Dienstag im
// Monat, 14–16 Uhr", "every 2nd Tuesday of the month, 2–4 pm", "le 2e mardi du mois, de 14 h
// à 16 h", "her ayın 2. Salı günü", "щомісяця в другий вівторок", "каждый месяц во второй
// вторник", "الثلاثاء الثاني من كل شهر". German, English, French, Turkish, Ukrainian, Russian
// and Arabic have their grammar here; any other language falls back to German. No UI.
#pragma once

#include <string>
#include <string_view>

#include "sync/model/records.hpp"
#include "sync/model/schedule.hpp"

namespace treffpunkt {

// True if `lang` has its own schedule grammar (else German is used).
bool HasScheduleGrammar(std::string_view lang);

// The rule and times as one sentence, without the closures. A schedule with only one-off dates
// lists them ("am 19.12.2026, 14–16 Uhr"); more than three: "an 5 Terminen, 14–16 Uhr".
std::string ScheduleSentence(const Schedule& schedule, std::string_view lang);
// "14–16 Uhr", "14:30–16 Uhr"; "2–4 pm", "10 am – 2 pm"; "de 14 h à 16 h".
std::string TimeRangeText(int start_minute, int end_minute, std::string_view lang);
// "Dienstag, 8. Dezember 2026"; "Tuesday, 8 December 2026"; "mardi 8 décembre 2026".
std::string DateLongText(Date date, std::string_view lang);
// "Di., 8.12."; "Tue 8 Dec"; "mar. 8 déc.".
std::string DateShortText(Date date, std::string_view lang);
// "08.12.2026"; "8 Dec 2026"; "08/12/2026".
std::string DateNumericText(Date date, std::string_view lang);
// "14:05" in every language but English ("2:05 pm").
std::string ClockText(int minute_of_day, std::string_view lang);
// A session relative to today: "heute, 14–16 Uhr", "morgen, …", else "Di., 8.12., 14–16 Uhr".
std::string SessionText(const Session& session, Date today, std::string_view lang);
// Closures as a sentence: "Fällt aus: 22.12.2026 bis 6.1.2027 (Weihnachtsferien)"; "" if none
// ends on or after `today`.
std::string ClosuresText(const Schedule& schedule, Date today, std::string_view lang);

}  // namespace treffpunkt
