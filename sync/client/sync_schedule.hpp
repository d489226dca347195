// When the sync engine tries next: after a success, one poll interval later; after a failure,
// the backoff (30 s doubling to 30 min with jitter, Retry-After honoured); at once when someone
// asks or the network comes back. Pure: every call is given the steady clock's time.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "sync/client/backoff.hpp"

namespace treffpunkt {

class SyncSchedule {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;

    // Network-triggered attempts come at most this often (links flap; addresses renew).
    static constexpr std::chrono::seconds kNetworkRetrySpacing{5};

    SyncSchedule(std::chrono::milliseconds poll_interval, BackoffPolicy policy = {},
                 std::uint64_t seed = 0x7265666670756e6bULL);

    // The first attempt: at once.
    void Start(TimePoint now);
    // The attempt succeeded: next after the poll interval; the backoff starts over.
    void Succeeded(TimePoint now);
    // The attempt failed: next after the backoff, never before `retry_after`. Returns the wait.
    std::chrono::milliseconds Failed(TimePoint now,
                                     std::optional<std::chrono::seconds> retry_after = {});
    // Next attempt after `delay` without counting a failure (a pairing poll, more to push).
    void After(TimePoint now, std::chrono::milliseconds delay);
    // Someone tapped "jetzt synchronisieren" or saved an edit: at once, but not before a
    // Retry-After the hub asked for.
    void RequestNow(TimePoint now);
    // A link or an address came up: at once if the last attempt failed (not before a
    // Retry-After, not more often than kNetworkRetrySpacing). True if it moved the time.
    bool NetworkUp(TimePoint now);

    TimePoint due() const { return m_due; }
    bool IsDue(TimePoint now) const { return now >= m_due; }
    bool failing() const { return m_backoff.failures() > 0; }
    int failures() const { return m_backoff.failures(); }

  private:
    std::chrono::milliseconds m_poll_interval;
    Backoff m_backoff;
    TimePoint m_due{};
    TimePoint m_not_before{};  // from a Retry-After
    std::optional<TimePoint> m_last_network_try;
};

}  // namespace treffpunkt
