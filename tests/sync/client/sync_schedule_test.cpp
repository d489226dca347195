// The engine's schedule with injected time: poll interval after success, backoff with jitter
// after failures, Retry-After honoured, "jetzt synchronisieren" and the network coming back.
#include "sync/client/sync_schedule.hpp"

#include <gtest/gtest.h>

using namespace treffpunkt;
using namespace std::chrono;

namespace {

const SyncSchedule::TimePoint kStart{hours{1000}};

TEST(SyncSchedule, StartsAtOnceThenPollsAtTheInterval) {
    SyncSchedule s(seconds{60});
    s.Start(kStart);
    EXPECT_TRUE(s.IsDue(kStart));
    s.Succeeded(kStart);
    EXPECT_FALSE(s.IsDue(kStart + seconds{59}));
    EXPECT_TRUE(s.IsDue(kStart + seconds{60}));
    EXPECT_FALSE(s.failing());
}

TEST(SyncSchedule, FailuresBackOffFromThirtySecondsToThirtyMinutes) {
    SyncSchedule s(seconds{60});
    auto now = kStart;
    std::vector<double> waits_s;
    for (int i = 0; i < 10; ++i) {
        waits_s.push_back(duration<double>(s.Failed(now)).count());
        EXPECT_EQ(s.due(), now + duration_cast<milliseconds>(duration<double>(waits_s.back())));
        now = s.due();
    }
    EXPECT_GE(waits_s[0], 24.0);
    EXPECT_LE(waits_s[0], 36.0);
    EXPECT_GE(waits_s[1], 48.0);
    EXPECT_LE(waits_s[1], 72.0);
    EXPECT_GE(waits_s.back(), 1800.0 * 0.8);
    EXPECT_LE(waits_s.back(), 1800.0);
    EXPECT_TRUE(s.failing());
    s.Succeeded(now);
    EXPECT_FALSE(s.failing());
    EXPECT_LE(duration<double>(s.Failed(now)).count(), 36.0);  // starts over
}

TEST(SyncSchedule, RetryAfterIsHonouredEvenWhenAskedToSyncNow) {
    SyncSchedule s(seconds{60});
    s.Failed(kStart, seconds{600});
    EXPECT_GE(s.due(), kStart + seconds{600});
    s.RequestNow(kStart + seconds{10});
    EXPECT_EQ(s.due(), kStart + seconds{600});
    EXPECT_FALSE(s.NetworkUp(kStart + seconds{20}) && s.IsDue(kStart + seconds{20}));
    EXPECT_FALSE(s.IsDue(kStart + seconds{599}));
}

TEST(SyncSchedule, SyncNowIsAtOnceWithoutRetryAfter) {
    SyncSchedule s(seconds{60});
    s.Succeeded(kStart);
    s.RequestNow(kStart + seconds{5});
    EXPECT_TRUE(s.IsDue(kStart + seconds{5}));
    s.Failed(kStart + seconds{5});
    s.RequestNow(kStart + seconds{6});
    EXPECT_TRUE(s.IsDue(kStart + seconds{6}));
}

TEST(SyncSchedule, TheNetworkComingBackHelpsOnlyAfterAFailureAndNotTooOften) {
    SyncSchedule s(seconds{60});
    s.Succeeded(kStart);
    EXPECT_FALSE(s.NetworkUp(kStart + seconds{1}));  // all is well: wait for the poll
    EXPECT_FALSE(s.IsDue(kStart + seconds{1}));
    s.Failed(kStart + seconds{2});
    EXPECT_TRUE(s.NetworkUp(kStart + seconds{3}));
    EXPECT_TRUE(s.IsDue(kStart + seconds{3}));
    s.Failed(kStart + seconds{3});
    // A flapping link does not turn into a retry storm.
    EXPECT_FALSE(s.NetworkUp(kStart + seconds{4}));
    EXPECT_FALSE(s.IsDue(kStart + seconds{4}));
    EXPECT_TRUE(s.NetworkUp(kStart + seconds{3} + SyncSchedule::kNetworkRetrySpacing));
}

TEST(SyncSchedule, AfterSchedulesWithoutCountingAFailure) {
    SyncSchedule s(seconds{60});
    s.After(kStart, seconds{5});
    EXPECT_FALSE(s.IsDue(kStart + seconds{4}));
    EXPECT_TRUE(s.IsDue(kStart + seconds{5}));
    EXPECT_FALSE(s.failing());
}

TEST(SyncSchedule, AFleetSpreadsOut) {
    SyncSchedule a(seconds{60}, {}, 1);
    SyncSchedule b(seconds{60}, {}, 2);
    EXPECT_NE(a.Failed(kStart), b.Failed(kStart));
}

}  // namespace
