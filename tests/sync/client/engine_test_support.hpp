// Helpers for tests of SyncEngine: a network monitor the test triggers, and waiting for a state
// of the engine woken by its wake callback (no sleeping and hoping).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

#include "sync/client/network_monitor.hpp"
#include "sync/client/sync_engine.hpp"

namespace treffpunkt::test {

// A network monitor whose "link came up" the test fires with ComeBack().
class FakeNetwork : public NetworkMonitor {
  public:
    Result<void> Start(std::function<void()> on_up) override {
        std::lock_guard lock(m_mutex);
        m_on_up = std::move(on_up);
        return Ok();
    }
    void Stop() override {
        std::lock_guard lock(m_mutex);
        m_on_up = nullptr;
    }
    void ComeBack() {
        std::function<void()> on_up;
        {
            std::lock_guard lock(m_mutex);
            on_up = m_on_up;
        }
        if (on_up) {
            on_up();
        }
    }

  private:
    std::mutex m_mutex;
    std::function<void()> m_on_up;
};

// Waits for the engine's status to satisfy a condition; woken by the wake callback.
class StatusWaiter {
  public:
    explicit StatusWaiter(SyncEngine& engine) : m_engine(engine) {
        engine.SetWakeCallback([this] {
            {
                std::lock_guard lock(m_mutex);
                ++m_wakes;
            }
            m_cv.notify_all();
        });
    }
    ~StatusWaiter() { m_engine.SetWakeCallback({}); }

    // True if `done` held within `timeout`.
    bool Until(const std::function<bool(const SyncStatus&)>& done,
               std::chrono::seconds timeout = std::chrono::seconds(30)) {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, timeout, [&] { return done(m_engine.Status()); });
    }
    // Waits until the engine has finished `n` attempts in all.
    bool Attempts(std::uint64_t n, std::chrono::seconds timeout = std::chrono::seconds(30)) {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, timeout, [&] { return m_engine.attempts() >= n; });
    }
    int wakes() {
        std::lock_guard lock(m_mutex);
        return m_wakes;
    }

  private:
    SyncEngine& m_engine;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    int m_wakes{0};
};

}  // namespace treffpunkt::test
