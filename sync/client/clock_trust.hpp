// Whether the kiosk's clock may decide what is shown by date: not when it is earlier than the
// program's build, and not before it was synchronised (systemd-timesyncd's marker, or the
// hub's clock agreeing within a few minutes). Pure: the caller reads clocks and files.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "sync/model/time.hpp"

namespace treffpunkt {

// How far the kiosk's clock may differ from the hub's and still count as right.
inline constexpr std::chrono::seconds kClockTolerance{180};

// The hub's clock as last heard (the heartbeat's server_time), tied to the steady clock so
// that a later jump of the kiosk's clock is noticed.
struct HubClockReading {
    UtcTime server_time{};                          // the hub's clock in its answer
    std::chrono::steady_clock::time_point read_at;  // our steady clock when the answer came
};

struct ClockEvidence {
    UtcTime now{};                    // the kiosk's clock (system_clock)
    std::int64_t build_unix_s{0};     // when this program was built
    bool synchronized_marker{false};  // /run/systemd/timesync/synchronized exists
    std::optional<std::chrono::seconds> hub_minus_kiosk;  // from HubOffset; nullopt = unknown
};

struct ClockTrust {
    bool trusted{false};
    std::string note;  // why not (English); "" when trusted

    bool operator==(const ClockTrust&) const = default;
};

ClockTrust AssessClock(const ClockEvidence& evidence);

// The hub's clock minus the kiosk's now, from a reading taken earlier.
std::chrono::seconds HubOffset(const HubClockReading& reading, UtcTime kiosk_now,
                               std::chrono::steady_clock::time_point steady_now);

// Seconds since 1970 when this library was built (CMake's TREFFPUNKT_BUILD_UNIX_S).
std::int64_t ClientBuildUnixSeconds();
// The kiosk software version (the CMake project version), for pairing and heartbeats.
const char* ClientVersion();

}  // namespace treffpunkt
