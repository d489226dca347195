// The steps of the kiosk's sync with the hub (docs/protocol.md §12), run on the caller's
// thread: pairing, pushing the outbox, pulling the change feed, the volunteers, the heartbeat.
// Owns the HTTPS transport, uses the caller's Replica. SyncEngine runs it on its own thread;
// the command line runs it directly. No GUI; curl.h and sqlite3.h stay in their own files.
//
// Threads: one thread at a time (the Replica's).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "sync/client/sync_config.hpp"
#include "sync/client/transport.hpp"
#include "sync/model/result.hpp"
#include "sync/model/time.hpp"
#include "sync/protocol/messages.hpp"

namespace treffpunkt {

class Replica;

struct RunnerOptions {
    SyncConfig config;
    std::string version;                          // "" = ClientVersion()
    std::function<UtcTime()> now;                 // the kiosk's clock; empty = system clock
    std::function<void(const std::string&)> log;  // one English line per thing done; may be empty
    std::function<void(std::int64_t)> progress;   // changes still to pull, while pulling
    const std::atomic<bool>* abort{nullptr};      // set (from any thread) to stop at once
};

struct PushReport {
    size_t sent{0};  // edits sent to the hub
    size_t applied{0};
    size_t conflicts{0};
    size_t rejected{0};
};

struct PullReport {
    bool not_modified{false};  // 304: nothing changed since the last sync
    bool full{false};          // everything pulled and swapped in (first sync, 410 Gone)
    size_t pages{0};           // pages applied (or collected, for a full sync)
    size_t changes{0};         // changes applied (records stored or removed)
    size_t removed{0};         // records removed
};

struct CycleReport {
    PushReport push;
    PullReport pull;
    bool volunteers_changed{false};
    size_t volunteers{0};                                // in the list, if it changed
    std::optional<protocol::HeartbeatAnswer> heartbeat;  // the answer, if one was sent

    // True if records or volunteers changed.
    bool DataChanged() const {
        return push.sent > 0 || pull.changes > 0 || pull.full || volunteers_changed;
    }
};

enum class PairingStage {
    kNewCode,   // a new code to show (`code`)
    kWaiting,   // the code is not approved yet
    kApproved,  // the kiosk has its token now
};

struct PairingReport {
    PairingStage stage{PairingStage::kWaiting};
    std::string code;                       // the code to show
    std::optional<UtcTime> expires;         // when it runs out
    std::chrono::seconds poll_interval{5};  // when to ask again
};

// What the heartbeat reports besides what the runner knows itself.
struct HeartbeatExtras {
    std::string last_error;    // the last problem in plain words; "" = none
    std::int64_t uptime_s{0};  // seconds since the kiosk program started
};

class SyncRunner {
  public:
    // Errors of the steps: the transport's "net.*", the hub's codes (docs/protocol.md §10),
    // sync_errors::* (sync_status.hpp) and the replica's "db.*". After a 401 the stored
    // credentials are gone (the kiosk pairs again) and the error is the hub's "auth.*".
    SyncRunner(Replica& replica, RunnerOptions options);
    ~SyncRunner();
    SyncRunner(const SyncRunner&) = delete;
    SyncRunner& operator=(const SyncRunner&) = delete;

    // True if the kiosk has a device token to use (stored, or from the config).
    Result<bool> HasToken();

    // One step of pairing: asks for a code if there is none, else asks whether it was approved
    // (and stores the token). An expired or unknown code is replaced by a new one.
    Result<PairingReport> PairingStep();

    // Pushes pending edits in order (batches of up to 200) until the outbox is empty.
    Result<PushReport> Push();
    // Pulls the change feed: page by page, each page with its cursor in one transaction; a
    // full sync (collect every page, then swap) when there is no cursor or the hub says 410.
    Result<PullReport> Pull();
    // Fetches the volunteers (If-None-Match); true if the list changed.
    Result<bool> FetchVolunteers();
    Result<protocol::HeartbeatAnswer> SendHeartbeat(const HeartbeatExtras& extras);

    // Push, pull, volunteers; then the heartbeat if `heartbeat` or anything changed.
    Result<CycleReport> Cycle(bool heartbeat, const HeartbeatExtras& extras);

    // True once the abort flag is set.
    bool stopped() const { return Aborted(); }

    // Retry-After of the last answer that had one (429, 503), for the backoff.
    std::optional<std::chrono::seconds> retry_after() const { return m_retry_after; }
    // Grows with every commit that changed records or volunteers (also of failed cycles).
    std::uint64_t data_version() const { return m_data_version; }
    Transport& transport() { return *m_transport; }

  private:
    Result<HttpResponse> Send(const std::string& method, const std::string& path,
                              const std::string& body, bool with_token,
                              const std::string& if_none_match = "");
    Error HubError(const HttpResponse& response, const std::string& what);
    // After 401 (or 403 "auth.*"): forgets the token and returns the error; else nullopt.
    std::optional<Error> AuthFailure(const HttpResponse& response, const std::string& what);
    Error ForgetToken(const HttpResponse& response, const std::string& what);
    Result<std::string> Token();
    Result<PairingReport> StartPairing();
    Result<PullReport> FullSync();
    // A page of changes from the hub's answer to a pull from `cursor`: auth, status, shape and
    // a cursor that moves on are checked.
    Result<protocol::PullPage> ReadPage(const HttpResponse& response, const std::string& cursor);
    Result<void> ApplyPage(const protocol::PullPage& page, const std::string& etag,
                           PullReport& report);
    Result<void> RecordAnswers(const protocol::PushRequest& request,
                               const protocol::PushAnswer& answer, PushReport& report);
    Result<void> RejectLocally(const std::string& edit_id, const std::string& record_id,
                               const protocol::ApiError& error);
    void CheckpointIfOwed();
    void Log(const std::string& line);
    UtcTime Now();
    bool Aborted() const;

    Replica& m_replica;
    RunnerOptions m_options;
    std::unique_ptr<Transport> m_transport;
    std::optional<std::chrono::seconds> m_retry_after;
    std::uint64_t m_data_version{0};
    std::string m_volunteers_etag;        // kept in memory: a restart fetches the list once
    bool m_config_token_rejected{false};  // the config's device_token got a 401
    bool m_checkpoint_owed{false};        // removed text may still be in the -wal file
};

// `treffpunkt-kiosk sync --once`: pairs first if the kiosk has no token (asking again every
// poll interval until the code is approved; a new code when one runs out), then runs one
// cycle with a heartbeat. Stops with "sync.stopped" when the runner's abort flag is set.
Result<CycleReport> SyncOnce(SyncRunner& runner, std::int64_t uptime_s);

}  // namespace treffpunkt
