#include "kiosk/app/schedule_text.hpp"

#include <gtest/gtest.h>

namespace treffpunkt {
namespace {

Schedule Rule(std::string rrule, int start, int end) {
    Schedule s;
    s.start_date = ParseDate("2026-01-05");  // a Monday
    s.start_minute = start;
    s.end_minute = end;
    s.rrule = std::move(rrule);
    return s;
}

TEST(ScheduleText, SecondTuesdayOfTheMonth) {
    const Schedule s = Rule("FREQ=MONTHLY;BYDAY=2TU", 14 * 60, 16 * 60);
    EXPECT_EQ(ScheduleSentence(s, "de"), "jeden 2. Dienstag im Monat, 14–16 Uhr");
    EXPECT_EQ(ScheduleSentence(s, "en"), "every 2nd Tuesday of the month, 2–4 pm");
    EXPECT_EQ(ScheduleSentence(s, "fr"), "le 2e mardi du mois, de 14 h à 16 h");
    EXPECT_EQ(ScheduleSentence(s, "tr"), "her ayın 2. Salı günü, 14:00–16:00");
    EXPECT_EQ(ScheduleSentence(s, "uk"), "щомісяця в другий вівторок, 14:00–16:00");
    EXPECT_EQ(ScheduleSentence(s, "ru"), "каждый месяц во второй вторник, 14:00–16:00");
    EXPECT_EQ(ScheduleSentence(s, "ar"), "الثلاثاء الثاني من كل شهر، 14:00–16:00");
    EXPECT_EQ(ScheduleSentence(s, "pl"),
              "jeden 2. Dienstag im Monat, 14–16 Uhr");  // German fallback
}

TEST(ScheduleText, TheNewLanguagesSayWeekdaysInTheirGrammar) {
    const Schedule mo_we = Rule("FREQ=WEEKLY;BYDAY=MO,WE", 540, 690);
    EXPECT_EQ(ScheduleSentence(mo_we, "tr"), "her Pazartesi ve Çarşamba, 9:00–11:30");
    EXPECT_EQ(ScheduleSentence(mo_we, "uk"), "щопонеділка і щосереди, 9:00–11:30");
    EXPECT_EQ(ScheduleSentence(mo_we, "ru"), "по понедельникам и средам, 9:00–11:30");
    EXPECT_EQ(ScheduleSentence(mo_we, "ar"), "كل يوم الاثنين والأربعاء، 9:00–11:30");
    const Schedule workdays = Rule("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", 540, 720);
    EXPECT_EQ(ScheduleSentence(workdays, "uk"), "з понеділка по п’ятницю, 9:00–12:00");
    EXPECT_EQ(ScheduleSentence(workdays, "ru"), "с понедельника по пятницу, 9:00–12:00");
    EXPECT_EQ(ScheduleSentence(workdays, "ar"), "من الاثنين إلى الجمعة، 9:00–12:00");
    const Schedule last_friday = Rule("FREQ=MONTHLY;BYDAY=-1FR", 1080, 1200);
    EXPECT_EQ(ScheduleSentence(last_friday, "tr"), "her ayın son Cuma günü, 18:00–20:00");
    EXPECT_EQ(ScheduleSentence(last_friday, "uk"), "щомісяця в останню п’ятницю, 18:00–20:00");
    EXPECT_EQ(ScheduleSentence(last_friday, "ru"), "каждый месяц в последнюю пятницу, 18:00–20:00");
    EXPECT_EQ(ScheduleSentence(last_friday, "ar"), "آخر جمعة من كل شهر، 18:00–20:00");
    const Schedule fortnight = Rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", 600, 840);
    EXPECT_EQ(ScheduleSentence(fortnight, "ru"), "раз в 2 недели, в четверг, 10:00–14:00");
    EXPECT_EQ(ScheduleSentence(fortnight, "uk"), "раз на 2 тижні, у четвер, 10:00–14:00");
    EXPECT_EQ(ScheduleSentence(Rule("FREQ=MONTHLY;BYMONTHDAY=15", 540, 720), "ru"),
              "каждый месяц 15-го числа, 9:00–12:00");
    const Date d = *ParseDate("2026-12-08");
    EXPECT_EQ(DateLongText(d, "tr"), "8 Aralık 2026 Salı");
    EXPECT_EQ(DateLongText(d, "uk"), "вівторок, 8 грудня 2026");
    EXPECT_EQ(DateLongText(d, "ar"), "الثلاثاء 8 ديسمبر 2026");
    EXPECT_EQ(DateShortText(d, "ru"), "вт, 08.12");
    EXPECT_EQ(DateNumericText(d, "ar"), "08/12/2026");
}

TEST(ScheduleText, WeeklyFortnightlyLastAndRanges) {
    EXPECT_EQ(ScheduleSentence(Rule("FREQ=WEEKLY;BYDAY=TU", 600, 690), "de"),
              "jeden Dienstag, 10–11:30 Uhr");
    EXPECT_EQ(ScheduleSentence(Rule("FREQ=WEEKLY;BYDAY=MO,WE", 540, 690), "en"),
              "every Monday and Wednesday, 9–11:30 am");
    EXPECT_EQ(ScheduleSentence(Rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", 600, 840), "de"),
              "alle 2 Wochen am Donnerstag, 10–14 Uhr");
    EXPECT_EQ(ScheduleSentence(Rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", 600, 840), "en"),
              "every other Thursday, 10 am – 2 pm");
    EXPECT_EQ(ScheduleSentence(Rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", 870, 960), "fr"),
              "un jeudi sur deux, de 14 h 30 à 16 h");
    EXPECT_EQ(ScheduleSentence(Rule("FREQ=MONTHLY;BYDAY=-1FR", 1080, 1200), "de"),
              "jeden letzten Freitag im Monat, 18–20 Uhr");
    EXPECT_EQ(ScheduleSentence(Rule("FREQ=MONTHLY;BYDAY=1WE", 1080, 1200), "fr"),
              "le 1er mercredi du mois, de 18 h à 20 h");
    EXPECT_EQ(ScheduleSentence(Rule("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", 540, 720), "de"),
              "Montag bis Freitag, 9–12 Uhr");
    EXPECT_EQ(ScheduleSentence(Rule("FREQ=MONTHLY;BYMONTHDAY=15", 540, 720), "de"),
              "am 15. jedes Monats, 9–12 Uhr");
}

TEST(ScheduleText, OneOffDatesAndClosures) {
    Schedule s;
    s.start_minute = 14 * 60;
    s.end_minute = 16 * 60;
    s.dates = {*ParseDate("2026-12-19")};
    EXPECT_EQ(ScheduleSentence(s, "de"), "am 19.12.2026, 14–16 Uhr");
    EXPECT_EQ(ScheduleSentence(s, "en"), "on 19 Dec 2026, 2–4 pm");
    s.closures.push_back(
        DateRange{*ParseDate("2026-12-22"), *ParseDate("2027-01-06"), Text("Weihnachtsferien")});
    EXPECT_EQ(ClosuresText(s, *ParseDate("2026-12-01"), "de"),
              "Fällt aus: 22.12.2026 bis 06.01.2027 (Weihnachtsferien)");
    EXPECT_EQ(ClosuresText(s, *ParseDate("2027-02-01"), "de"), "");
}

TEST(ScheduleText, DatesAndSessions) {
    const Date d = *ParseDate("2026-12-08");
    EXPECT_EQ(DateLongText(d, "de"), "Dienstag, 8. Dezember 2026");
    EXPECT_EQ(DateLongText(d, "en"), "Tuesday, 8 December 2026");
    EXPECT_EQ(DateLongText(d, "fr"), "mardi 8 décembre 2026");
    EXPECT_EQ(DateShortText(d, "de"), "Di., 8.12.");
    const Session s{FromBerlin(d, 14 * 60), FromBerlin(d, 16 * 60)};
    EXPECT_EQ(SessionText(s, d, "de"), "heute, 14–16 Uhr");
    EXPECT_EQ(SessionText(s, *ParseDate("2026-12-07"), "en"), "tomorrow, 2–4 pm");
    EXPECT_EQ(SessionText(s, *ParseDate("2026-12-01"), "de"), "Di., 8.12., 14–16 Uhr");
    EXPECT_EQ(ClockText(14 * 60 + 5, "de"), "14:05");
    EXPECT_EQ(ClockText(14 * 60 + 5, "en"), "2:05 pm");
}

}  // namespace
}  // namespace treffpunkt
