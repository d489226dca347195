// The kiosk's offline-first sync engine: its own thread and its own connection to the kiosk's
// database, pairing, push, pull, volunteers and heartbeat on a schedule (docs/protocol.md §12).
// The UI never waits for it: it reads Status() (a copy taken under a lock) and may ask for a
// sync now. No GUI code here; the wake callback is how the GUI hears of changes.
//
// Threads: Start, Stop, Status, SetWakeCallback and RequestSyncNow may be called from any
// thread. The wake callback and the log run on the sync thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "sync/client/clock_trust.hpp"
#include "sync/client/network_monitor.hpp"
#include "sync/client/sync_config.hpp"
#include "sync/client/sync_status.hpp"
#include "sync/model/result.hpp"

namespace treffpunkt {

class Replica;

struct SyncEngineOptions {
    SyncConfig config;    // [sync] of the kiosk's config; hub_url "" = the engine stays idle
    std::string db_path;  // the kiosk's replica (the UI opens its own connection to it)
    std::string version;  // "" = ClientVersion()
    // Watches for the network coming back; nullptr = the netlink monitor if
    // config.watch_network, else none.
    std::unique_ptr<NetworkMonitor> network;
    std::function<void(const std::string&)> log;  // English lines (the CLI prints them)
    std::function<UtcTime()> now;                 // the kiosk's clock; empty = system clock
    std::int64_t build_unix_s{-1};                // -1 = ClientBuildUnixSeconds()
    std::uint64_t backoff_seed{0};                // 0 = from the clock (a fleet spreads out)
};

class SyncEngine {
  public:
    // Opens the engine's own connection to the database, reads the sync state (so that the
    // first Status() already has "Stand" and the pairing code) and starts the thread, which
    // syncs at once. Errors: "sync.config" (hub_url not https, bad values), the replica's
    // "db.*" (the database cannot be opened).
    static Result<std::unique_ptr<SyncEngine>> Start(SyncEngineOptions options);

    ~SyncEngine();  // Stop()
    SyncEngine(const SyncEngine&) = delete;
    SyncEngine& operator=(const SyncEngine&) = delete;

    // Stops the thread: a running request is abandoned within about a second, a running
    // transaction rolls back or completes. Idempotent. No wake callback after it returns.
    void Stop();

    // A copy of the current state; cheap (a lock and a copy).
    SyncStatus Status() const;

    // Called (on the sync thread) after every change of Status(): the GUI posts an empty
    // event (glfwPostEmptyEvent) so that its next frame reads the new status. The callback may
    // call Status() but not SetWakeCallback. Once this returns, the previous callback is not
    // running and will not be called again.
    void SetWakeCallback(std::function<void()> wake);

    // "Jetzt synchronisieren", or a volunteer saved an edit: sync as soon as possible (at once,
    // unless the hub asked to wait with Retry-After; after the running sync if one runs).
    void RequestSyncNow();

    // The number of attempts (pairing steps and syncs) finished so far, for tests.
    std::uint64_t attempts() const;

  private:
    struct Private;
    explicit SyncEngine(std::unique_ptr<Private> p);
    void Run();
    void Publish(const std::function<void(SyncStatus&)>& change);
    std::unique_ptr<Private> m_p;
};

// Whether a clock-synchronised marker file exists (systemd-timesyncd's); false for "".
bool ClockMarkerExists(const std::string& path);

}  // namespace treffpunkt
