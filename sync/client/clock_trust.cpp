#include "sync/client/clock_trust.hpp"

#ifndef TREFFPUNKT_BUILD_UNIX_S
#define TREFFPUNKT_BUILD_UNIX_S 0
#endif
#ifndef TREFFPUNKT_VERSION
#define TREFFPUNKT_VERSION "0.0.0"
#endif

namespace treffpunkt {

using namespace std::chrono;

ClockTrust AssessClock(const ClockEvidence& e) {
    const UtcTime built{seconds{e.build_unix_s}};
    if (e.now < built) {
        return {false, "the clock (" + FormatUtcTime(e.now) +
                           ") is earlier than this program's build (" + FormatUtcTime(built) +
                           "); it has not been set"};
    }
    if (e.hub_minus_kiosk) {
        const seconds off = *e.hub_minus_kiosk;
        if (off > kClockTolerance || off < -kClockTolerance) {
            return {false,
                    "the clock differs from the hub's by " + std::to_string(off.count()) + " s"};
        }
        return {true, ""};
    }
    if (e.synchronized_marker) {
        return {true, ""};
    }
    return {false,
            "the clock has not been synchronised yet (no time sync, no answer from the hub)"};
}

seconds HubOffset(const HubClockReading& reading, UtcTime kiosk_now, steady_clock::time_point now) {
    const auto hub_now = reading.server_time + duration_cast<seconds>(now - reading.read_at);
    return duration_cast<seconds>(hub_now - kiosk_now);
}

std::int64_t ClientBuildUnixSeconds() {
    return static_cast<std::int64_t>(TREFFPUNKT_BUILD_UNIX_S);
}

const char* ClientVersion() {
    return TREFFPUNKT_VERSION;
}

}  // namespace treffpunkt
