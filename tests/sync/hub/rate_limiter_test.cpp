// Requests per key per minute as a token bucket, driven by a clock the test sets.
#include "sync/hub/rate_limiter.hpp"

#include <gtest/gtest.h>

using namespace treffpunkt::hub;
using namespace std::chrono_literals;

namespace {

TEST(RateLimiter, AllowsABurstThenAsksToWait) {
    RateLimiter limiter(60);  // one per second on average
    const auto t0 = RateLimiter::Clock::time_point{} + 1000s;
    for (int i = 0; i < 60; ++i) {
        EXPECT_EQ(limiter.Acquire("kiosk", t0), 0) << i;
    }
    EXPECT_EQ(limiter.Acquire("kiosk", t0), 1);
    EXPECT_EQ(limiter.Acquire("other", t0), 0) << "keys are independent";
    EXPECT_EQ(limiter.Acquire("kiosk", t0 + 1s), 0) << "refilled";
    EXPECT_GE(limiter.Acquire("kiosk", t0 + 1s), 1);
    EXPECT_EQ(limiter.Acquire("kiosk", t0 + 120s), 0);
}

TEST(RateLimiter, RetryAfterIsHonest) {
    RateLimiter limiter(2);  // one every 30 s
    const auto t0 = RateLimiter::Clock::time_point{} + 1000s;
    EXPECT_EQ(limiter.Acquire("k", t0), 0);
    EXPECT_EQ(limiter.Acquire("k", t0), 0);
    const int wait = limiter.Acquire("k", t0);
    EXPECT_GE(wait, 29);
    EXPECT_LE(wait, 30);
    EXPECT_EQ(limiter.Acquire("k", t0 + std::chrono::seconds(wait)), 0);
}

TEST(RateLimiter, ForgetsIdleKeys) {
    RateLimiter limiter(10);
    const auto t0 = RateLimiter::Clock::time_point{} + 1000s;
    for (int i = 0; i < 20000; ++i) {
        EXPECT_EQ(limiter.Acquire("addr:" + std::to_string(i), t0 + std::chrono::seconds(i)), 0);
    }
}

}  // namespace
