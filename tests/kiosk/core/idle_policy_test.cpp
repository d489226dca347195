#include "kiosk/core/idle_policy.hpp"

#include <gtest/gtest.h>

namespace treffpunkt {
namespace {

TEST(IdlePolicy, WarnsAfterTheTimeoutThenResetsOnce) {
    IdlePolicy idle(IdleSettings{90'000, 20'000});
    idle.OnTouch(1'000);
    EXPECT_FALSE(idle.Update(50'000));
    EXPECT_EQ(idle.Phase(), IdlePhase::kActive);
    EXPECT_EQ(*idle.NextDeadlineMs(50'000), 91'000);
    EXPECT_FALSE(idle.Update(91'000));
    EXPECT_EQ(idle.Phase(), IdlePhase::kWarning);
    EXPECT_EQ(idle.SecondsLeft(91'000), 20);
    EXPECT_EQ(idle.SecondsLeft(91'001), 20);
    EXPECT_EQ(idle.SecondsLeft(92'000), 19);
    EXPECT_EQ(*idle.NextDeadlineMs(91'500), 92'000);
    EXPECT_TRUE(idle.Update(111'000));
    EXPECT_EQ(idle.Phase(), IdlePhase::kIdle);
    EXPECT_FALSE(idle.Update(200'000));  // only once
    EXPECT_FALSE(idle.NextDeadlineMs(200'000).has_value());
}

TEST(IdlePolicy, TouchDuringTheWarningContinues) {
    IdlePolicy idle;
    idle.OnTouch(0);
    idle.Update(95'000);
    ASSERT_EQ(idle.Phase(), IdlePhase::kWarning);
    idle.OnTouch(96'000);
    EXPECT_FALSE(idle.Update(110'500));
    EXPECT_EQ(idle.Phase(), IdlePhase::kActive);
    EXPECT_EQ(*idle.NextDeadlineMs(110'500), 186'000);
}

TEST(IdlePolicy, StartsIdleWithoutDeadlines) {
    IdlePolicy idle;
    EXPECT_EQ(idle.Phase(), IdlePhase::kIdle);
    EXPECT_FALSE(idle.Update(1'000'000));
    EXPECT_FALSE(idle.NextDeadlineMs(0).has_value());
}

}  // namespace
}  // namespace treffpunkt
