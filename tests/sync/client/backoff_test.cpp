#include "sync/client/backoff.hpp"

#include <gtest/gtest.h>

using namespace treffpunkt;
using namespace std::chrono;

TEST(Backoff, GrowsFromThirtySecondsToThirtyMinutesWithJitter) {
    Backoff backoff;
    std::vector<double> delays_s;
    for (int i = 0; i < 12; ++i) {
        delays_s.push_back(static_cast<double>(backoff.NextDelay().count()) / 1000.0);
    }
    EXPECT_GE(delays_s[0], 24.0);
    EXPECT_LE(delays_s[0], 36.0);
    EXPECT_GE(delays_s[1], 48.0);
    EXPECT_LE(delays_s[1], 72.0);
    for (size_t i = 0; i < delays_s.size(); ++i) {
        EXPECT_LE(delays_s[i], 1800.0) << i;
    }
    EXPECT_GE(delays_s.back(), 1800.0 * 0.8);
    EXPECT_EQ(backoff.failures(), 12);
}

TEST(Backoff, JitterSpreadsAFleet) {
    Backoff a(BackoffPolicy{}, 1);
    Backoff b(BackoffPolicy{}, 2);
    EXPECT_NE(a.NextDelay(), b.NextDelay());
}

TEST(Backoff, HonoursRetryAfterButNeverWaitsLongerThanTheMaximum) {
    Backoff backoff;
    EXPECT_GE(backoff.NextDelay(seconds{300}), milliseconds{300'000});
    EXPECT_EQ(backoff.NextDelay(hours{24 * 365}), milliseconds{1'800'000});
    Backoff short_ask;
    // Asked for less than the backoff: the backoff wins (no retry storm).
    EXPECT_GE(short_ask.NextDelay(seconds{1}), milliseconds{24'000});
}

TEST(Backoff, ResetStartsOver) {
    Backoff backoff;
    for (int i = 0; i < 6; ++i) {
        (void)backoff.NextDelay();
    }
    backoff.Reset();
    EXPECT_LE(backoff.NextDelay(), milliseconds{36'000});
}

TEST(RetryAfter, ParsesSecondsAndHttpDates) {
    const auto now = sys_days{year{2026} / 11 / 25} + hours{12};
    EXPECT_EQ(ParseRetryAfter("120", now), seconds{120});
    EXPECT_EQ(ParseRetryAfter("Wed, 25 Nov 2026 12:05:00 GMT", now), seconds{300});
    EXPECT_EQ(ParseRetryAfter("Wed, 25 Nov 2026 11:00:00 GMT", now), seconds{0});  // past
    EXPECT_FALSE(ParseRetryAfter("soon", now));
    EXPECT_FALSE(ParseRetryAfter("", now));
    EXPECT_FALSE(ParseRetryAfter("Wed, 31 Feb 2026 11:00:00 GMT", now));
    EXPECT_EQ(ParseRetryAfter("99999999999999999999", now), seconds{999'999'999});
}
