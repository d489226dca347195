#include "sync/model/schedule.hpp"

#include <gtest/gtest.h>

using namespace treffpunkt;
using namespace std::chrono;

namespace {

UtcTime Utc(const char* text) {
    return *ParseUtcTime(text);
}
Date D(const char* text) {
    return *ParseDate(text);
}

Schedule Make(const char* start_date, const char* rule, int start_minute, int end_minute) {
    Schedule s;
    s.start_date = D(start_date);
    s.rrule = rule;
    s.start_minute = start_minute;
    s.end_minute = end_minute;
    return s;
}

std::vector<std::string> Starts(const std::vector<Session>& sessions) {
    std::vector<std::string> out;
    for (const Session& s : sessions) {
        const LocalDateTime local = ToBerlin(s.start);
        out.push_back(FormatDate(local.date) + " " + FormatClockTime(local.minute_of_day));
    }
    return out;
}

}  // namespace

TEST(Rrule, ParsesTheSupportedSubset) {
    const auto rule = ParseRrule("FREQ=MONTHLY;BYDAY=2TU,-1FR;INTERVAL=2;COUNT=10");
    ASSERT_TRUE(rule) << rule.error().message;
    EXPECT_EQ(rule->frequency, Frequency::kMonthly);
    EXPECT_EQ(rule->interval, 2);
    ASSERT_EQ(rule->by_day.size(), 2u);
    EXPECT_EQ(rule->by_day[0], (ByDay{1, 2}));
    EXPECT_EQ(rule->by_day[1], (ByDay{4, -1}));
    EXPECT_EQ(rule->count, 10);
    EXPECT_EQ(FormatRrule(*rule), "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU,-1FR;COUNT=10");
    EXPECT_TRUE(ParseRrule("RRULE:freq=weekly;byday=mo,we;until=20271231"));
}

TEST(Rrule, NamesWhatIsWrong) {
    EXPECT_EQ(ParseRrule("FREQ=WEEKLY;BYDAY=XX").error().message,
              "BYDAY=XX is not a weekday (use MO, TU, WE, TH, FR, SA, SU)");
    EXPECT_EQ(ParseRrule("FREQ=DAILY").error().message,
              "FREQ=DAILY is not supported (use WEEKLY or MONTHLY)");
    EXPECT_EQ(ParseRrule("BYDAY=MO").error().message,
              "FREQ is missing (use FREQ=WEEKLY or FREQ=MONTHLY)");
    EXPECT_EQ(ParseRrule("FREQ=WEEKLY;BYDAY=2TU").error().message,
              "BYDAY=2TU: a position in the month needs FREQ=MONTHLY");
    EXPECT_EQ(ParseRrule("FREQ=MONTHLY;BYDAY=6TU").error().message,
              "BYDAY=6TU: the position in the month must be 1 to 5 or -1 to -5");
    EXPECT_EQ(ParseRrule("FREQ=WEEKLY;INTERVAL=0").error().message,
              "INTERVAL=0 must be a whole number from 1 to 99");
    EXPECT_EQ(ParseRrule("FREQ=WEEKLY;UNTIL=20261301").error().message,
              "UNTIL=20261301 is not a date (use YYYYMMDD, e.g. 20271231)");
    EXPECT_EQ(ParseRrule("FREQ=WEEKLY;COUNT=3;UNTIL=20270101").error().message,
              "UNTIL and COUNT cannot both be given");
    EXPECT_EQ(ParseRrule("FREQ=WEEKLY;BYHOUR=10").error().message,
              "BYHOUR is not supported (use FREQ, INTERVAL, BYDAY, BYMONTHDAY, UNTIL, COUNT)");
    EXPECT_EQ(ParseRrule("FREQ=WEEKLY;FREQ=MONTHLY").error().message, "FREQ is given twice");
    EXPECT_FALSE(ParseRrule(""));
    EXPECT_FALSE(ParseRrule(std::string(10000, 'A')));
}

TEST(Schedule, WeeklyOnTuesdays) {
    const Schedule s = Make("2026-01-06", "FREQ=WEEKLY;BYDAY=TU", 14 * 60, 16 * 60);
    EXPECT_EQ(
        Starts(NextSessions(s, Utc("2026-11-25T12:00:00Z"), 3)),
        (std::vector<std::string>{"2026-12-01 14:00", "2026-12-08 14:00", "2026-12-15 14:00"}));
}

TEST(Schedule, FortnightlyKeepsItsRhythmFromTheStartDate) {
    const Schedule s = Make("2026-11-05", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", 9 * 60, 11 * 60);
    EXPECT_EQ(
        Starts(NextSessions(s, Utc("2026-11-10T00:00:00Z"), 3)),
        (std::vector<std::string>{"2026-11-19 09:00", "2026-12-03 09:00", "2026-12-17 09:00"}));
}

TEST(Schedule, SecondTuesdayAndLastFridayOfTheMonth) {
    const Schedule second_tuesday = Make("2026-01-01", "FREQ=MONTHLY;BYDAY=2TU", 840, 960);
    EXPECT_EQ(
        Starts(NextSessions(second_tuesday, Utc("2026-11-25T00:00:00Z"), 3)),
        (std::vector<std::string>{"2026-12-08 14:00", "2027-01-12 14:00", "2027-02-09 14:00"}));
    const Schedule last_friday = Make("2026-01-01", "FREQ=MONTHLY;BYDAY=-1FR", 1080, 1200);
    EXPECT_EQ(
        Starts(NextSessions(last_friday, Utc("2026-11-25T00:00:00Z"), 3)),
        (std::vector<std::string>{"2026-11-27 18:00", "2026-12-25 18:00", "2027-01-29 18:00"}));
}

TEST(Schedule, LocalTimeStaysTheSameAcrossDaylightSavingChanges) {
    const Schedule s = Make("2026-03-01", "FREQ=WEEKLY;BYDAY=SA", 10 * 60, 12 * 60);
    const auto sessions = NextSessions(s, Utc("2026-03-20T00:00:00Z"), 3);
    ASSERT_EQ(sessions.size(), 3u);
    EXPECT_EQ(FormatUtcTime(sessions[0].start), "2026-03-21T09:00:00Z");  // CET
    EXPECT_EQ(FormatUtcTime(sessions[1].start), "2026-03-28T09:00:00Z");  // CET, day before
    EXPECT_EQ(FormatUtcTime(sessions[2].start), "2026-04-04T08:00:00Z");  // CEST
    const auto autumn = NextSessions(s, Utc("2026-10-20T00:00:00Z"), 2);
    EXPECT_EQ(FormatUtcTime(autumn[0].start), "2026-10-24T08:00:00Z");  // CEST
    EXPECT_EQ(FormatUtcTime(autumn[1].start), "2026-10-31T09:00:00Z");  // CET
    EXPECT_EQ(autumn[1].end - autumn[1].start, hours{2});
}

TEST(Schedule, ClosuresAndOneOffDates) {
    Schedule s = Make("2026-01-05", "FREQ=WEEKLY;BYDAY=MO", 600, 660);
    s.closures.push_back({D("2026-12-21"), D("2027-01-06"), Text("Weihnachtsferien")});
    s.dates.push_back(D("2026-12-30"));  // an extra session between the years
    EXPECT_EQ(
        Starts(NextSessions(s, Utc("2026-12-10T00:00:00Z"), 3)),
        (std::vector<std::string>{"2026-12-14 10:00", "2027-01-11 10:00", "2027-01-18 10:00"}));
    s.closures.clear();
    EXPECT_EQ(
        Starts(NextSessions(s, Utc("2026-12-27T00:00:00Z"), 3)),
        (std::vector<std::string>{"2026-12-28 10:00", "2026-12-30 10:00", "2027-01-04 10:00"}));
}

TEST(Schedule, OneOffEventOnly) {
    Schedule s;
    s.start_minute = 14 * 60;
    s.end_minute = 20 * 60;
    s.dates = {D("2027-06-12")};
    EXPECT_EQ(Starts(NextSessions(s, Utc("2026-11-25T00:00:00Z"), 5)),
              (std::vector<std::string>{"2027-06-12 14:00"}));
    EXPECT_TRUE(NextSessions(s, Utc("2027-06-13T00:00:00Z"), 5).empty());
}

TEST(Schedule, CountAndUntilEndTheSeries) {
    const Schedule counted = Make("2026-11-02", "FREQ=WEEKLY;BYDAY=MO;COUNT=4", 600, 660);
    EXPECT_EQ(NextSessions(counted, Utc("2026-11-01T00:00:00Z"), 10).size(), 4u);
    EXPECT_EQ(NextSessions(counted, Utc("2026-11-20T00:00:00Z"), 10).size(), 1u);  // 23 Nov
    const Schedule until = Make("2026-11-02", "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261116", 600, 660);
    EXPECT_EQ(
        Starts(NextSessions(until, Utc("2026-11-01T00:00:00Z"), 10)),
        (std::vector<std::string>{"2026-11-02 10:00", "2026-11-09 10:00", "2026-11-16 10:00"}));
}

TEST(Schedule, StartDateThatDoesNotMatchTheRuleIsNotASession) {
    // 2026-11-04 is a Wednesday; the rule says Mondays.
    const Schedule s = Make("2026-11-04", "FREQ=WEEKLY;BYDAY=MO", 600, 660);
    EXPECT_EQ(Starts(NextSessions(s, Utc("2026-11-01T00:00:00Z"), 1)),
              (std::vector<std::string>{"2026-11-09 10:00"}));
}

TEST(Schedule, RunningSessionCountsAndOpenNow) {
    const Schedule s = Make("2026-01-06", "FREQ=WEEKLY;BYDAY=TU", 14 * 60, 16 * 60);
    // Tuesday 1 December 2026, 15:00 Berlin = 14:00 UTC.
    EXPECT_TRUE(IsOpenAt(s, Utc("2026-12-01T14:00:00Z")));
    EXPECT_TRUE(IsOpenAt(s, Utc("2026-12-01T13:00:00Z")));   // 14:00 sharp
    EXPECT_FALSE(IsOpenAt(s, Utc("2026-12-01T15:00:00Z")));  // 16:00: over
    EXPECT_FALSE(IsOpenAt(s, Utc("2026-12-02T14:00:00Z")));  // Wednesday
    const auto next = NextSessions(s, Utc("2026-12-01T14:00:00Z"), 1);
    ASSERT_EQ(next.size(), 1u);
    EXPECT_EQ(FormatUtcTime(next[0].start), "2026-12-01T13:00:00Z");
}

TEST(Schedule, SessionsBetweenCoversAWeek) {
    Schedule s = Make("2026-01-05", "FREQ=WEEKLY;BYDAY=MO,WE,FR", 600, 660);
    const auto week = SessionsBetween(s, Utc("2026-11-22T23:00:00Z"), Utc("2026-11-29T23:00:00Z"));
    EXPECT_EQ(Starts(week), (std::vector<std::string>{"2026-11-23 10:00", "2026-11-25 10:00",
                                                      "2026-11-27 10:00"}));
}

TEST(Schedule, CheckReportsFixableProblems) {
    Schedule s = Make("2026-01-05", "FREQ=WEEKLY;BYDAY=XX", 16 * 60, 14 * 60);
    const auto problems = CheckSchedule(s);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0], "end_time: must be after start_time, at the latest 24:00");
    EXPECT_EQ(problems[1], "rrule: BYDAY=XX is not a weekday (use MO, TU, WE, TH, FR, SA, SU)");
    EXPECT_TRUE(NextSessions(s, Utc("2026-11-25T00:00:00Z"), 3).empty());
    Schedule no_start = Make("2026-01-05", "FREQ=WEEKLY", 600, 660);
    no_start.start_date.reset();
    EXPECT_EQ(CheckSchedule(no_start),
              (std::vector<std::string>{
                  "start_date: is required with a rule (the first day it applies)"}));
}

TEST(Schedule, FarFutureQueriesAreCheapAndCorrect) {
    const Schedule s = Make("2020-01-07", "FREQ=WEEKLY;BYDAY=TU", 600, 660);
    EXPECT_EQ(Starts(NextSessions(s, Utc("2030-01-01T00:00:00Z"), 1)),
              (std::vector<std::string>{"2030-01-01 10:00"}));
}
