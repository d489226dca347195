// Tells the sync engine when the network may have come back: a link came up or a global address
// was added (Linux rtnetlink). Injectable, so tests use a fake. Does not judge whether the hub
// is reachable; the next attempt finds out. No other dependencies.
#pragma once

#include <functional>
#include <memory>

#include "sync/model/result.hpp"

namespace treffpunkt {

class NetworkMonitor {
  public:
    virtual ~NetworkMonitor() = default;

    // Starts watching. `on_up` is called on the monitor's own thread; keep it short (set a
    // flag, notify). Errors: "net.monitor" (no netlink socket).
    virtual Result<void> Start(std::function<void()> on_up) = 0;
    // Stops watching; `on_up` is not called after this returns. Idempotent.
    virtual void Stop() = 0;
};

// The rtnetlink monitor: a link going to running, or a new address of global scope. Loopback
// is ignored unless `include_loopback` (for tests in a network namespace).
std::unique_ptr<NetworkMonitor> MakeNetlinkMonitor(bool include_loopback = false);

}  // namespace treffpunkt
