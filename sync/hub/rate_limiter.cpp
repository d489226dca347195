#include "sync/hub/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace treffpunkt::hub {

namespace {
// Above this many keys, full buckets are forgotten (they hold no information).
constexpr size_t kPruneAbove = 10000;
}  // namespace

RateLimiter::RateLimiter(int per_minute)
    : m_capacity(std::max(1, per_minute)), m_per_second(std::max(1, per_minute) / 60.0) {}

int RateLimiter::Acquire(const std::string& key, Clock::time_point now) {
    std::lock_guard lock(m_mutex);
    if (m_buckets.size() >= kPruneAbove && m_buckets.count(key) == 0) {
        Prune(now);
    }
    auto [it, inserted] = m_buckets.try_emplace(key);
    Bucket& b = it->second;
    if (inserted) {
        b.tokens = m_capacity;
        b.last = now;
    }
    const double elapsed_s = std::chrono::duration<double>(now - b.last).count();
    if (elapsed_s > 0) {
        b.tokens = std::min(m_capacity, b.tokens + elapsed_s * m_per_second);
        b.last = now;
    }
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / m_per_second)));
}

void RateLimiter::Prune(Clock::time_point now) {
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        const double elapsed_s = std::chrono::duration<double>(now - it->second.last).count();
        if (it->second.tokens + elapsed_s * m_per_second >= m_capacity) {
            it = m_buckets.erase(it);
        } else {
            ++it;
        }
    }
}

}  // namespace treffpunkt::hub
