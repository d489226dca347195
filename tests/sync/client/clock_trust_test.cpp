// When the kiosk's clock may hide listings by date: not before the build time, not before time
// sync, not when the hub's clock disagrees. Pure, with injected times.
#include "sync/client/clock_trust.hpp"

#include <gtest/gtest.h>

using namespace treffpunkt;
using namespace std::chrono;

namespace {

const UtcTime kNow = sys_days{year{2026} / 11 / 25} + hours{9};
const std::int64_t kBuilt = (kNow - days{30}).time_since_epoch().count();

TEST(ClockTrust, AClockBeforeTheBuildIsNeverTrusted) {
    const ClockTrust t = AssessClock({.now = UtcTime{seconds{0}} + days{1},
                                      .build_unix_s = kBuilt,
                                      .synchronized_marker = true,
                                      .hub_minus_kiosk = seconds{0}});
    EXPECT_FALSE(t.trusted);
    EXPECT_NE(t.note.find("build"), std::string::npos);
}

TEST(ClockTrust, TimeSyncMakesItTrusted) {
    EXPECT_TRUE(AssessClock({kNow, kBuilt, true, std::nullopt}).trusted);
}

TEST(ClockTrust, WithoutTimeSyncOrHubItIsNotTrusted) {
    const ClockTrust t = AssessClock({kNow, kBuilt, false, std::nullopt});
    EXPECT_FALSE(t.trusted);
    EXPECT_NE(t.note.find("synchronised"), std::string::npos);
}

TEST(ClockTrust, TheHubsClockDecidesWithinAFewMinutes) {
    EXPECT_TRUE(AssessClock({kNow, kBuilt, false, seconds{170}}).trusted);
    EXPECT_TRUE(AssessClock({kNow, kBuilt, false, -seconds{170}}).trusted);
    const ClockTrust off = AssessClock({kNow, kBuilt, true, hours{-3}});
    EXPECT_FALSE(off.trusted);
    EXPECT_NE(off.note.find("-10800"), std::string::npos) << off.note;
}

TEST(ClockTrust, TheHubReadingFollowsTheSteadyClockNotTheWallClock) {
    const steady_clock::time_point then{hours{5}};
    const HubClockReading reading{kNow, then};
    // Ten minutes later by the steady clock, the kiosk's clock agrees.
    EXPECT_EQ(HubOffset(reading, kNow + minutes{10}, then + minutes{10}), seconds{0});
    // The kiosk's clock jumped an hour ahead meanwhile.
    EXPECT_EQ(HubOffset(reading, kNow + minutes{70}, then + minutes{10}), -hours{1});
}

TEST(ClockTrust, TheBuildTimeIsKnown) {
    EXPECT_GT(ClientBuildUnixSeconds(), 1'700'000'000);
    EXPECT_STRNE(ClientVersion(), "");
}

}  // namespace
