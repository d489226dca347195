#include "sync/client/sync_engine.hpp"

#include <sys/stat.h>

#include <random>

#include "sync/client/sync_runner.hpp"
#include "sync/client/sync_schedule.hpp"
#include "sync/client/transport.hpp"
#include "sync/replica/database.hpp"
#include "sync/replica/replica.hpp"
#include "sync/replica/sync_store.hpp"

namespace treffpunkt {

using namespace std::chrono;
using SteadyClock = steady_clock;

namespace {

// "Stand" and the last error are written to the database when they change the data, when the
// error changes, and otherwise at most this often: an unchanged poll writes nothing (SD cards).
constexpr auto kPersistStatusEvery = hours{1};
// While waiting, the engine looks at the clock's trust this often.
constexpr auto kClockCheckEvery = seconds{60};

UtcTime SystemNow() {
    return time_point_cast<seconds>(system_clock::now());
}

}  // namespace

bool ClockMarkerExists(const std::string& path) {
    struct stat info {};
    return !path.empty() && stat(path.c_str(), &info) == 0;
}

struct SyncEngine::Private {
    SyncEngineOptions options;
    std::optional<Replica> replica;
    std::unique_ptr<NetworkMonitor> network;
    std::thread thread;
    SteadyClock::time_point started;

    mutable std::mutex mutex;  // guards everything down to `attempts`
    std::condition_variable cv;
    SyncStatus status;
    bool stop{false};
    bool sync_now{false};
    bool network_up{false};
    std::uint64_t attempts{0};

    // Held while the wake callback runs, so that SetWakeCallback never returns while the
    // callback it replaces is still running.
    std::mutex wake_mutex;
    std::function<void()> wake;

    std::atomic<bool> abort{false};  // read by the transport while a request runs

    // Sync thread only.
    std::optional<HubClockReading> hub_clock;
    std::optional<SteadyClock::time_point> last_heartbeat;
    std::string unreported_error;  // the last problem since the last heartbeat
    std::optional<UtcTime> persisted_success;
    std::string persisted_error_code;
    std::optional<UtcTime> persisted_error_at;

    UtcTime Now() const { return options.now ? options.now() : SystemNow(); }
    void Log(const std::string& line) const {
        if (options.log) {
            options.log(line);
        }
    }
    ClockTrust Clock() const {
        ClockEvidence e;
        e.now = Now();
        e.build_unix_s = options.build_unix_s;
        e.synchronized_marker = ClockMarkerExists(options.config.clock_sync_marker);
        if (hub_clock) {
            e.hub_minus_kiosk = HubOffset(*hub_clock, e.now, SteadyClock::now());
        }
        return AssessClock(e);
    }
};

SyncEngine::SyncEngine(std::unique_ptr<Private> p) : m_p(std::move(p)) {}

SyncEngine::~SyncEngine() {
    Stop();
}

Result<std::unique_ptr<SyncEngine>> SyncEngine::Start(SyncEngineOptions options) {
    auto p = std::make_unique<Private>();
    p->started = SteadyClock::now();
    if (options.version.empty()) {
        options.version = ClientVersion();
    }
    if (options.build_unix_s < 0) {
        options.build_unix_s = ClientBuildUnixSeconds();
    }
    p->options = std::move(options);
    const SyncConfig& c = p->options.config;
    SyncStatus& s = p->status;
    s.enabled = c.enabled();
    {
        const ClockTrust clock = p->Clock();
        s.clock_trusted = clock.trusted;
        s.clock_note = clock.note;
    }
    if (!c.enabled()) {
        return std::unique_ptr<SyncEngine>(new SyncEngine(std::move(p)));
    }
    if (!c.hub_url.starts_with("https://")) {
        return Fail("sync.config", "sync.hub_url must start with https:// (is \"" + c.hub_url +
                                       "\"); the kiosk talks to the hub over HTTPS only");
    }
    if (c.poll_interval_s < 1 || c.retry_min_s < 1 || c.retry_max_s < c.retry_min_s) {
        return Fail("sync.config",
                    "sync.poll_interval_s and sync.retry_min_s must be at least 1, and "
                    "sync.retry_max_s at least sync.retry_min_s");
    }
    auto replica = Replica::Open(p->options.db_path);
    if (!replica) {
        return ErrorFrom(replica);
    }
    p->replica.emplace(std::move(*replica));
    SyncStore store(*p->replica);
    auto state = store.State();
    if (!state) {
        return ErrorFrom(state);
    }
    s.paired = state->paired() || !c.device_token.empty();
    s.pairing_code = state->paired() ? "" : state->pairing_code;
    s.pairing_expires = state->paired() ? std::nullopt : state->pairing_expires;
    s.last_success = state->last_success;
    s.last_attempt = state->last_attempt;
    s.last_error_code = state->last_error_code;
    s.last_error_message = state->last_error_message;
    s.kiosk_id = state->kiosk_id;
    s.place_id = state->place_id;
    p->persisted_success = state->last_success;
    p->persisted_error_code = state->last_error_code;
    if (!state->last_error_code.empty()) {
        s.last_error_at = state->last_attempt;
        p->persisted_error_at = state->last_attempt;
    }
    if (auto pending = store.PendingCount()) {
        s.edits_waiting = *pending;
    }
    if (auto all = store.All()) {
        s.edits_answered = all->size() - s.edits_waiting;
    }

    InitTransportGlobals();
    if (!p->options.network && c.watch_network) {
        p->options.network = MakeNetlinkMonitor();
    }
    p->network = std::move(p->options.network);
    std::unique_ptr<SyncEngine> engine(new SyncEngine(std::move(p)));
    Private* raw = engine->m_p.get();
    if (raw->network) {
        auto watching = raw->network->Start([raw] {
            {
                std::lock_guard lock(raw->mutex);
                raw->network_up = true;
            }
            raw->cv.notify_all();
        });
        if (!watching) {
            raw->Log("warning: " + watching.error().message + "; syncing on the timer only");
            raw->network.reset();
        }
    }
    raw->thread = std::thread([e = engine.get()] {
        // Nothing thrown may leave the sync thread; the UI learns of it from the status.
        try {
            e->Run();
        } catch (const std::exception& failure) {
            e->m_p->Log(std::string("sync: stopped after an internal error: ") + failure.what());
            e->Publish([&](SyncStatus& st) {
                st.syncing = false;
                st.online = false;
                st.last_error_code = std::string(sync_errors::kInternal);
                st.last_error_message = std::string("the sync engine stopped: ") + failure.what() +
                                        "; restart the kiosk program";
            });
        }
    });
    return engine;
}

void SyncEngine::Stop() {
    if (!m_p) {
        return;
    }
    {
        std::lock_guard lock(m_p->mutex);
        m_p->stop = true;
    }
    m_p->abort = true;
    m_p->cv.notify_all();
    if (m_p->thread.joinable()) {
        m_p->thread.join();
    }
    if (m_p->network) {
        m_p->network->Stop();
    }
}

SyncStatus SyncEngine::Status() const {
    std::lock_guard lock(m_p->mutex);
    return m_p->status;
}

std::uint64_t SyncEngine::attempts() const {
    std::lock_guard lock(m_p->mutex);
    return m_p->attempts;
}

void SyncEngine::SetWakeCallback(std::function<void()> wake) {
    std::lock_guard lock(m_p->wake_mutex);
    m_p->wake = std::move(wake);
}

void SyncEngine::RequestSyncNow() {
    {
        std::lock_guard lock(m_p->mutex);
        m_p->sync_now = true;
    }
    m_p->cv.notify_all();
}

void SyncEngine::Publish(const std::function<void(SyncStatus&)>& change) {
    {
        std::lock_guard lock(m_p->mutex);
        change(m_p->status);
    }
    std::lock_guard lock(m_p->wake_mutex);
    if (m_p->wake) {
        m_p->wake();
    }
}

void SyncEngine::Run() {
    Private& p = *m_p;
    const SyncConfig& c = p.options.config;
    RunnerOptions runner_options;
    runner_options.config = c;
    runner_options.version = p.options.version;
    runner_options.now = p.options.now;
    runner_options.log = p.options.log;
    runner_options.abort = &p.abort;
    runner_options.progress = [this](std::int64_t remaining) {
        Publish([&](SyncStatus& s) { s.changes_remaining = remaining; });
    };
    SyncRunner runner(*p.replica, std::move(runner_options));
    BackoffPolicy policy;
    policy.first = seconds{c.retry_min_s};
    policy.longest = seconds{c.retry_max_s};
    const std::uint64_t seed =
        p.options.backoff_seed != 0 ? p.options.backoff_seed : std::random_device{}();
    SyncSchedule schedule(seconds{c.poll_interval_s}, policy, seed);
    schedule.Start(SteadyClock::now());
    SyncStore store(*p.replica);

    while (true) {
        bool check_clock = false;
        {
            std::unique_lock lock(p.mutex);
            while (true) {
                if (p.stop) {
                    return;
                }
                const auto now = SteadyClock::now();
                if (p.sync_now) {
                    p.sync_now = false;
                    schedule.RequestNow(now);
                }
                if (p.network_up) {
                    p.network_up = false;
                    if (schedule.NetworkUp(now)) {
                        p.Log("network: a link or address came up; trying the hub now");
                    }
                }
                if (schedule.IsDue(now) || check_clock) {
                    break;
                }
                const auto deadline = std::min(schedule.due(), now + kClockCheckEvery);
                if (p.cv.wait_until(lock, deadline) == std::cv_status::timeout &&
                    deadline < schedule.due()) {
                    check_clock = true;
                }
            }
        }
        if (!schedule.IsDue(SteadyClock::now())) {
            const ClockTrust clock = p.Clock();
            Publish([&](SyncStatus& s) {
                s.clock_trusted = clock.trusted;
                s.clock_note = clock.note;
            });
            continue;
        }

        const UtcTime started = p.Now();
        Publish([&](SyncStatus& s) {
            s.syncing = true;
            s.last_attempt = started;
        });
        Error error;
        bool failed = false;
        bool paired = true;
        std::optional<PairingReport> pairing;
        bool data_changed = false;
        auto has_token = runner.HasToken();
        if (!has_token) {
            error = has_token.error();
            failed = true;
        } else if (!*has_token) {
            paired = false;
            auto step = runner.PairingStep();
            if (!step) {
                error = step.error();
                failed = true;
            } else {
                pairing = *step;
                paired = step->stage == PairingStage::kApproved;
                if (paired) {
                    schedule.After(SteadyClock::now(), milliseconds{0});
                } else {
                    schedule.After(SteadyClock::now(), step->poll_interval);
                }
            }
        } else {
            const auto steady_now = SteadyClock::now();
            const bool heartbeat_due =
                !p.last_heartbeat || !p.unreported_error.empty() ||
                steady_now - *p.last_heartbeat >= seconds{c.heartbeat_interval_s};
            HeartbeatExtras extras;
            extras.last_error = p.unreported_error;
            extras.uptime_s = duration_cast<seconds>(steady_now - p.started).count();
            auto cycle = runner.Cycle(heartbeat_due, extras);
            if (!cycle) {
                error = cycle.error();
                failed = true;
            } else {
                data_changed = cycle->DataChanged();
                if (cycle->heartbeat) {
                    p.hub_clock =
                        HubClockReading{cycle->heartbeat->server_time, SteadyClock::now()};
                    p.last_heartbeat = SteadyClock::now();
                    p.unreported_error.clear();
                }
                schedule.Succeeded(SteadyClock::now());
                p.Log("sync: done" + std::string(cycle->pull.not_modified && !data_changed
                                                     ? " (nothing changed)"
                                                     : ""));
            }
        }
        const UtcTime finished = p.Now();
        if (failed) {
            if (error.code == "net.aborted" || error.code == sync_errors::kStopped) {
                Publish([&](SyncStatus& s) { s.syncing = false; });
                return;
            }
            if (error.code.starts_with("auth.")) {
                paired = false;
                schedule.After(SteadyClock::now(), milliseconds{0});  // pair at once
            } else {
                const auto wait = schedule.Failed(SteadyClock::now(), runner.retry_after());
                p.Log("sync: failed: " + error.code + ": " + error.message + "; next try in " +
                      std::to_string(duration_cast<seconds>(wait).count()) + " s");
            }
            p.unreported_error = error.message + " (" + FormatUtcTime(finished) + ")";
        }

        // Persist "Stand" and errors only when they matter (an unchanged poll writes nothing).
        if (!failed && (data_changed || !p.persisted_error_code.empty() || !p.persisted_success ||
                        finished - *p.persisted_success >= kPersistStatusEvery)) {
            if (auto tx = Transaction::Begin(p.replica->db())) {
                if (store.RecordSuccess(finished) && tx->Commit()) {
                    p.persisted_success = finished;
                    p.persisted_error_code.clear();
                }
            }
        } else if (failed && (error.code != p.persisted_error_code || !p.persisted_error_at ||
                              finished - *p.persisted_error_at >= kPersistStatusEvery)) {
            if (auto tx = Transaction::Begin(p.replica->db())) {
                if (store.RecordFailure(finished, error) && tx->Commit()) {
                    p.persisted_error_code = error.code;
                    p.persisted_error_at = finished;
                }
            }
        }

        auto state = store.State();
        auto pending = store.PendingCount();
        auto all = store.All();
        const ClockTrust clock = p.Clock();
        const auto due = schedule.due();
        const auto steady_now = SteadyClock::now();
        const UtcTime next =
            finished +
            duration_cast<seconds>(due > steady_now ? due - steady_now : SteadyClock::duration{});
        Publish([&](SyncStatus& s) {
            s.syncing = false;
            s.online = !failed;
            s.paired = paired;
            if (pairing && pairing->stage != PairingStage::kApproved) {
                s.pairing_code = pairing->code;
                s.pairing_expires = pairing->expires;
            } else if (paired) {
                s.pairing_code.clear();
                s.pairing_expires.reset();
            }
            if (failed) {
                s.last_error_code = error.code;
                s.last_error_message = error.message;
                s.last_error_at = finished;
            } else {
                s.last_error_code.clear();
                s.last_error_message.clear();
                s.last_error_at.reset();
                if (paired && !pairing) {
                    s.last_success = finished;
                }
            }
            s.next_attempt = next;
            s.changes_remaining = 0;
            s.data_version = runner.data_version();
            if (pending) {
                s.edits_waiting = *pending;
            }
            if (all && pending) {
                s.edits_answered = all->size() - *pending;
            }
            if (state) {
                s.kiosk_id = state->kiosk_id;
                s.place_id = state->place_id;
            }
            s.clock_trusted = clock.trusted;
            s.clock_note = clock.note;
            ++p.attempts;  // Publish holds the lock
        });
    }
}

}  // namespace treffpunkt
