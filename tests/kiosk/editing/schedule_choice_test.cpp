// The schedule editor's model: what volunteers pick with chips becomes the right sessions.
#include "kiosk/app/schedule_choice.hpp"

#include <gtest/gtest.h>

#include "sync/model/schedule.hpp"

using namespace treffpunkt;

namespace {

Date D(const char* text) {
    return *ParseDate(text);
}
UtcTime Utc(const char* text) {
    return *ParseUtcTime(text);
}

std::vector<std::string> Starts(const Schedule& s, const char* from, size_t n) {
    std::vector<std::string> out;
    for (const Session& session : NextSessions(s, Utc(from), n)) {
        const LocalDateTime local = ToBerlin(session.start);
        out.push_back(FormatDate(local.date) + " " + FormatClockTime(local.minute_of_day));
    }
    return out;
}

}  // namespace

TEST(ScheduleChoice, EveryTuesdayAfternoon) {
    ScheduleChoice c;
    c.repetition = Repetition::kWeekly;
    c.weekdays = {1};
    c.start_minute = 14 * 60;
    c.end_minute = 16 * 60;
    ASSERT_TRUE(CheckChoice(c).empty());
    const Schedule s = ToSchedule(c, D("2026-11-25"));
    EXPECT_EQ(s.rrule, "FREQ=WEEKLY;BYDAY=TU");
    EXPECT_EQ(Starts(s, "2026-11-25T12:00:00Z", 2),
              (std::vector<std::string>{"2026-12-01 14:00", "2026-12-08 14:00"}));
}

TEST(ScheduleChoice, EverySecondTuesdayOfTheMonth) {
    ScheduleChoice c;
    c.repetition = Repetition::kMonthly;
    c.weekdays = {1};
    c.week_of_month = 2;
    const Schedule s = ToSchedule(c, D("2026-11-25"));
    EXPECT_EQ(s.rrule, "FREQ=MONTHLY;BYDAY=2TU");
    EXPECT_EQ(Starts(s, "2026-11-25T12:00:00Z", 2),
              (std::vector<std::string>{"2026-12-08 14:00", "2027-01-12 14:00"}));
    c.week_of_month = -1;  // the last one
    EXPECT_EQ(ToSchedule(c, D("2026-11-25")).rrule, "FREQ=MONTHLY;BYDAY=-1TU");
}

TEST(ScheduleChoice, FortnightlyCountsFromTheStartDate) {
    ScheduleChoice c;
    c.repetition = Repetition::kFortnightly;
    c.weekdays = {3};
    c.start_date = D("2026-11-26");
    const Schedule s = ToSchedule(c, D("2026-11-25"));
    EXPECT_EQ(s.rrule, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH");
    EXPECT_EQ(
        Starts(s, "2026-11-25T12:00:00Z", 3),
        (std::vector<std::string>{"2026-11-26 14:00", "2026-12-10 14:00", "2026-12-24 14:00"}));
}

TEST(ScheduleChoice, MovingAGroupFromThursdayToFriday) {
    // The scenario of issue 6: a weekly Thursday group moves to Friday, with a holiday closure.
    Schedule thursday;
    thursday.start_date = D("2026-01-01");
    thursday.rrule = "FREQ=WEEKLY;BYDAY=TH";
    thursday.start_minute = 15 * 60;
    thursday.end_minute = 17 * 60;
    auto choice = ChoiceFromSchedule(thursday);
    ASSERT_TRUE(choice);
    EXPECT_EQ(choice->repetition, Repetition::kWeekly);
    EXPECT_EQ(choice->weekdays, (std::vector<int>{3}));
    choice->weekdays = {4};
    Schedule friday = ToSchedule(*choice, D("2026-11-25"));
    AddClosure(friday, D("2026-12-25"), D("2026-12-25"), Text("Weihnachten"));
    EXPECT_EQ(
        Starts(friday, "2026-11-25T12:00:00Z", 3),
        (std::vector<std::string>{"2026-11-27 15:00", "2026-12-04 15:00", "2026-12-11 15:00"}));
    EXPECT_EQ(Starts(friday, "2026-12-20T12:00:00Z", 2),
              (std::vector<std::string>{"2027-01-01 15:00", "2027-01-08 15:00"}));
    EXPECT_EQ(friday.start_date, thursday.start_date);  // the series keeps its start
}

TEST(ScheduleChoice, SingleDatesOnly) {
    ScheduleChoice c;
    c.repetition = Repetition::kOnce;
    c.dates = {D("2027-06-12"), D("2027-05-01"), D("2027-06-12")};
    c.start_minute = 10 * 60;
    c.end_minute = 18 * 60;
    const Schedule s = ToSchedule(c, D("2026-11-25"));
    EXPECT_TRUE(s.rrule.empty());
    EXPECT_EQ(s.dates, (std::vector<Date>{D("2027-05-01"), D("2027-06-12")}));
    EXPECT_TRUE(CheckSchedule(s).empty());
}

TEST(ScheduleChoice, NamesEveryMistake) {
    ScheduleChoice c;
    c.repetition = Repetition::kMonthly;
    c.weekdays = {};
    c.week_of_month = 7;
    c.start_minute = 16 * 60;
    c.end_minute = 15 * 60;
    c.start_date = D("2027-01-01");
    c.until = D("2026-12-01");
    const auto problems = CheckChoice(c);
    EXPECT_EQ(problems,
              (std::vector<ChoiceProblem>{{"end_time", "edit.schedule.end_before_start"},
                                          {"weekdays", "edit.schedule.pick_weekday"},
                                          {"week_of_month", "edit.schedule.pick_week_of_month"},
                                          {"until", "edit.schedule.until_before_start"}}));
    ScheduleChoice once;
    once.repetition = Repetition::kOnce;
    EXPECT_EQ(CheckChoice(once),
              (std::vector<ChoiceProblem>{{"dates", "edit.schedule.pick_date"}}));
}

TEST(ScheduleChoice, RulesTheChipsCannotShowAreKept) {
    Schedule s;
    s.start_date = D("2026-01-01");
    s.start_minute = 600;
    s.end_minute = 660;
    for (const char* rule : {"FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=WEEKLY;BYDAY=MO;COUNT=5",
                             "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO", "FREQ=MONTHLY;BYDAY=2TU,-1FR",
                             "FREQ=MONTHLY;BYDAY=TU"}) {
        s.rrule = rule;
        EXPECT_FALSE(ChoiceFromSchedule(s)) << rule;
    }
    s.rrule = "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270630";
    auto choice = ChoiceFromSchedule(s);
    ASSERT_TRUE(choice);
    EXPECT_EQ(choice->until, D("2027-06-30"));
    EXPECT_EQ(ToSchedule(*choice, D("2026-11-25")).rrule, s.rrule);
}

TEST(ScheduleChoice, ClosuresMergeWhenTheyTouch) {
    Schedule s;
    AddClosure(s, D("2026-12-21"), D("2026-12-31"), Text("Weihnachtsferien"));
    AddClosure(s, D("2027-01-01"), D("2027-01-02"), {});
    AddClosure(s, D("2027-04-06"), D("2027-04-01"), Text("Ostern"));  // given backwards
    ASSERT_EQ(s.closures.size(), 2u);
    EXPECT_EQ(s.closures[0].from, D("2026-12-21"));
    EXPECT_EQ(s.closures[0].until, D("2027-01-02"));
    EXPECT_EQ(s.closures[0].note.De(), "Weihnachtsferien");
    EXPECT_EQ(s.closures[1].from, D("2027-04-01"));
}
