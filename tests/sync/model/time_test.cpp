#include "sync/model/time.hpp"

#include <gtest/gtest.h>

using namespace treffpunkt;
using namespace std::chrono;

namespace {
UtcTime Utc(const char* text) {
    return *ParseUtcTime(text);
}
}  // namespace

TEST(Time, ParsesAndFormatsDates) {
    EXPECT_EQ(FormatDate(*ParseDate("2026-02-28")), "2026-02-28");
    EXPECT_FALSE(ParseDate("2026-02-29"));  // not a leap year
    EXPECT_TRUE(ParseDate("2028-02-29"));
    EXPECT_FALSE(ParseDate("2026-13-01"));
    EXPECT_FALSE(ParseDate("26-01-01"));
    EXPECT_FALSE(ParseDate("2026-1-01"));
    EXPECT_FALSE(ParseDate(""));
}

TEST(Time, ParsesClockTimes) {
    EXPECT_EQ(ParseClockTime("14:30"), 870);
    EXPECT_EQ(ParseClockTime("00:00"), 0);
    EXPECT_EQ(ParseClockTime("24:00"), 1440);
    EXPECT_FALSE(ParseClockTime("24:01"));
    EXPECT_FALSE(ParseClockTime("9:30"));
    EXPECT_FALSE(ParseClockTime("12:60"));
    EXPECT_EQ(FormatClockTime(870), "14:30");
}

TEST(Time, ParsesRfc3339WithOffsets) {
    EXPECT_EQ(FormatUtcTime(Utc("2026-11-25T13:14:00Z")), "2026-11-25T13:14:00Z");
    EXPECT_EQ(FormatUtcTime(Utc("2026-11-25T14:14:00+01:00")), "2026-11-25T13:14:00Z");
    EXPECT_EQ(FormatUtcTime(Utc("2026-11-25T13:14:00.123Z")), "2026-11-25T13:14:00Z");
    EXPECT_FALSE(ParseUtcTime("2026-11-25T13:14:00"));  // no zone: ambiguous
    EXPECT_FALSE(ParseUtcTime("2026-11-25 13:14"));
    EXPECT_FALSE(ParseUtcTime("2026-11-25T13:14:00Zjunk"));
}

TEST(Time, BerlinOffsetFollowsTheEuRule) {
    // 2026: summer time from Sunday 29 March 01:00 UTC to Sunday 25 October 01:00 UTC.
    EXPECT_EQ(BerlinUtcOffset(Utc("2026-03-29T00:59:59Z")), hours{1});
    EXPECT_EQ(BerlinUtcOffset(Utc("2026-03-29T01:00:00Z")), hours{2});
    EXPECT_EQ(BerlinUtcOffset(Utc("2026-10-25T00:59:59Z")), hours{2});
    EXPECT_EQ(BerlinUtcOffset(Utc("2026-10-25T01:00:00Z")), hours{1});
    EXPECT_EQ(BerlinUtcOffset(Utc("2027-03-28T01:00:00Z")), hours{2});
    EXPECT_EQ(BerlinUtcOffset(Utc("2027-03-27T12:00:00Z")), hours{1});
}

TEST(Time, ConvertsWallClockBothWays) {
    const LocalDateTime winter = ToBerlin(Utc("2026-11-25T13:14:05Z"));
    EXPECT_EQ(FormatDate(winter.date), "2026-11-25");
    EXPECT_EQ(winter.minute_of_day, 14 * 60 + 14);
    EXPECT_EQ(winter.second, 5);
    EXPECT_EQ(FormatUtcTime(FromBerlin(*ParseDate("2026-07-01"), 14 * 60)), "2026-07-01T12:00:00Z");
    EXPECT_EQ(FormatUtcTime(FromBerlin(*ParseDate("2026-12-31"), 23 * 60 + 30)),
              "2026-12-31T22:30:00Z");
    // Midnight at the end of a day is the next day's 00:00.
    EXPECT_EQ(FormatUtcTime(FromBerlin(*ParseDate("2026-12-31"), 1440)), "2026-12-31T23:00:00Z");
}

TEST(Time, HandlesTheSpringGapAndTheAutumnRepeat) {
    // 02:30 does not exist on 29 March 2026; a wall clock shows 03:30 CEST = 01:30 UTC.
    EXPECT_EQ(FormatUtcTime(FromBerlin(*ParseDate("2026-03-29"), 150)), "2026-03-29T01:30:00Z");
    EXPECT_EQ(FormatUtcTime(FromBerlin(*ParseDate("2026-03-29"), 180)), "2026-03-29T01:00:00Z");
    // 02:30 happens twice on 25 October 2026; the first (CEST) is taken.
    EXPECT_EQ(FormatUtcTime(FromBerlin(*ParseDate("2026-10-25"), 150)), "2026-10-25T00:30:00Z");
    EXPECT_EQ(FormatUtcTime(FromBerlin(*ParseDate("2026-10-25"), 180)), "2026-10-25T02:00:00Z");
}

TEST(Time, MatchesTheSystemTimeZoneDatabaseForAYearOfHours) {
    // Cross-check the arithmetic against tzdata when the machine has it.
    if (setenv("TZ", "Europe/Berlin", 1) != 0) {
        GTEST_SKIP();
    }
    tzset();
    const UtcTime start = Utc("2025-01-01T00:00:00Z");
    for (int h = 0; h < 24 * 730; ++h) {
        const UtcTime t = start + hours{h};
        const time_t tt = static_cast<time_t>(t.time_since_epoch().count());
        struct tm local {};
        localtime_r(&tt, &local);
        if (local.tm_gmtoff == 0 && h == 0) {
            GTEST_SKIP() << "no tzdata for Europe/Berlin on this machine";
        }
        ASSERT_EQ(BerlinUtcOffset(t).count(), local.tm_gmtoff) << FormatUtcTime(t);
    }
}

TEST(Time, WeekdayIndexIsIso) {
    EXPECT_EQ(IsoWeekdayIndex(*ParseDate("2026-11-23")), 0);  // Monday
    EXPECT_EQ(IsoWeekdayIndex(*ParseDate("2026-11-29")), 6);  // Sunday
}
