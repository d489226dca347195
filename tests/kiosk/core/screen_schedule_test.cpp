#include "kiosk/core/screen_schedule.hpp"

#include <gtest/gtest.h>

namespace treffpunkt {
namespace {

constexpr int kMonday = 0;
constexpr int kSaturday = 5;
constexpr int kSunday = 6;

int At(int h, int m) {
    return h * 60 + m;
}

// Weekdays 07:30-20:00, Saturday two ranges, Sunday off.
ScreenSchedule Week() {
    ScreenSchedule s;
    s.enabled = true;
    for (int d = 0; d < 5; ++d) {
        s.days[static_cast<size_t>(d)] = {*ParseScreenHours("07:30-20:00")};
    }
    s.days[kSaturday] = {*ParseScreenHours("09:00-13:00"), *ParseScreenHours("15:00-24:00")};
    s.days[kSunday] = {};
    s.wake_s = 300;
    return s;
}

TEST(ScreenSchedule, ParsesHoursAndRefusesNonsense) {
    EXPECT_EQ(ParseScreenHours("07:30-20:00"), (ScreenHours{450, 1200}));
    EXPECT_EQ(ParseScreenHours("00:00-24:00"), (ScreenHours{0, 1440}));
    for (const char* bad : {"", "7:30-20:00", "07:30", "20:00-07:30", "07:30-07:30", "25:00-26:00",
                            "07:60-08:00", "24:00-24:00", "07:30-24:01", "ab:cd-ef:gh"}) {
        EXPECT_FALSE(ParseScreenHours(bad)) << bad;
    }
}

TEST(ScreenSchedule, OnInsideTheHoursOnly) {
    const ScreenSchedule s = Week();
    EXPECT_FALSE(ScreenOnAt(s, kMonday, At(7, 29)));
    EXPECT_TRUE(ScreenOnAt(s, kMonday, At(7, 30)));
    EXPECT_TRUE(ScreenOnAt(s, kMonday, At(19, 59)));
    EXPECT_FALSE(ScreenOnAt(s, kMonday, At(20, 0)));
    EXPECT_FALSE(ScreenOnAt(s, kSaturday, At(14, 0)));
    EXPECT_TRUE(ScreenOnAt(s, kSaturday, At(23, 59)));
    EXPECT_FALSE(ScreenOnAt(s, kSunday, At(12, 0)));
    ScreenSchedule off = s;
    off.enabled = false;
    EXPECT_TRUE(ScreenOnAt(off, kSunday, At(3, 0)));
}

TEST(ScreenSchedule, MinutesUntilTheNextChangeCrossDaysAndTheWeek) {
    const ScreenSchedule s = Week();
    EXPECT_EQ(MinutesUntilChange(s, kMonday, At(7, 0)), 30);
    EXPECT_EQ(MinutesUntilChange(s, kMonday, At(20, 0)), At(11, 30));  // Tuesday 07:30
    // Saturday 24:00, then Sunday off, then Monday 07:30.
    EXPECT_EQ(MinutesUntilChange(s, kSaturday, At(23, 0)), 60);
    EXPECT_EQ(MinutesUntilChange(s, kSunday, At(0, 0)), 24 * 60 + At(7, 30));
    ScreenSchedule always = s;
    always.enabled = false;
    EXPECT_FALSE(MinutesUntilChange(always, kMonday, 0));
}

TEST(NightPolicy, DarkOutsideTheHoursAndOnInside) {
    NightPolicy p(Week());
    std::int64_t t = 1'000'000;
    EXPECT_EQ(p.Update(true, kMonday, At(12, 0), t), NightPolicy::Action::kNone);
    EXPECT_FALSE(p.Dark());
    EXPECT_EQ(p.Update(true, kMonday, At(20, 0), t), NightPolicy::Action::kGoDark);
    EXPECT_TRUE(p.Dark());
    EXPECT_EQ(p.Update(true, kMonday, At(23, 0), t), NightPolicy::Action::kNone);
    EXPECT_EQ(p.Update(true, 1, At(7, 30), t), NightPolicy::Action::kWake);
    EXPECT_FALSE(p.Dark());
}

TEST(NightPolicy, AnUntrustedClockNeverDarkens) {
    NightPolicy p(Week());
    EXPECT_EQ(p.Update(false, kSunday, At(3, 0), 0), NightPolicy::Action::kNone);
    EXPECT_EQ(p.Update(true, kSunday, At(3, 0), 0), NightPolicy::Action::kGoDark);
    // The clock turns out wrong (e.g. the hub disagrees): light again.
    EXPECT_EQ(p.Update(false, kSunday, At(3, 1), 0), NightPolicy::Action::kWake);
}

TEST(NightPolicy, ATouchWakesForWakeSecondsAndEachTouchExtends) {
    NightPolicy p(Week());
    std::int64_t t = 0;
    ASSERT_EQ(p.Update(true, kSunday, At(22, 0), t), NightPolicy::Action::kGoDark);
    EXPECT_TRUE(p.OnTouch(t));  // woken: this touch does nothing else
    EXPECT_FALSE(p.Dark());
    EXPECT_EQ(p.AwakeUntilMs(), 300'000);
    EXPECT_EQ(p.Update(true, kSunday, At(22, 0), t + 299'000), NightPolicy::Action::kNone);
    EXPECT_FALSE(p.OnTouch(t + 299'000));  // in use: an ordinary touch, keeps it awake
    EXPECT_EQ(p.Update(true, kSunday, At(22, 5), t + 300'000), NightPolicy::Action::kNone);
    EXPECT_EQ(p.Update(true, kSunday, At(22, 10), t + 599'000), NightPolicy::Action::kGoDark);
    EXPECT_TRUE(p.Dark());
    // A touch inside the hours is just a touch.
    NightPolicy day(Week());
    EXPECT_FALSE(day.OnTouch(0));
    EXPECT_FALSE(day.AwakeUntilMs());
}

TEST(NightPolicy, DisabledNeverDarkens) {
    NightPolicy p(ScreenSchedule{});
    EXPECT_EQ(p.Update(true, kSunday, At(3, 0), 0), NightPolicy::Action::kNone);
    EXPECT_FALSE(p.OnTouch(0));
}

}  // namespace
}  // namespace treffpunkt
