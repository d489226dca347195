#include "sync/client/sync_schedule.hpp"

#include <algorithm>

namespace treffpunkt {

using namespace std::chrono;

SyncSchedule::SyncSchedule(milliseconds poll_interval, BackoffPolicy policy, std::uint64_t seed)
    : m_poll_interval(poll_interval), m_backoff(policy, seed) {}

void SyncSchedule::Start(TimePoint now) {
    m_due = now;
}

void SyncSchedule::Succeeded(TimePoint now) {
    m_backoff.Reset();
    m_not_before = {};
    m_due = now + m_poll_interval;
}

milliseconds SyncSchedule::Failed(TimePoint now, std::optional<seconds> retry_after) {
    const milliseconds wait = m_backoff.NextDelay(retry_after);
    m_not_before =
        retry_after ? now + std::min(duration_cast<milliseconds>(*retry_after), wait) : TimePoint{};
    m_due = now + wait;
    return wait;
}

void SyncSchedule::After(TimePoint now, milliseconds delay) {
    m_due = now + delay;
}

void SyncSchedule::RequestNow(TimePoint now) {
    m_due = std::max(now, m_not_before);
}

bool SyncSchedule::NetworkUp(TimePoint now) {
    if (!failing() || m_due <= now) {
        return false;
    }
    if (m_last_network_try && now - *m_last_network_try < kNetworkRetrySpacing) {
        return false;
    }
    m_last_network_try = now;
    m_due = std::max(now, m_not_before);
    return true;
}

}  // namespace treffpunkt
