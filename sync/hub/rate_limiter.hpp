// Requests per key (a device token or a client address) per minute, as a token bucket: a
// burst of up to the per-minute limit, refilled evenly. Thread-safe; the clock is passed in.
// Standard library only.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace treffpunkt::hub {

class RateLimiter {
  public:
    using Clock = std::chrono::steady_clock;

    explicit RateLimiter(int per_minute);

    // Counts one request for `key` at `now`. Returns 0 if it is allowed, else the whole seconds
    // to wait before the next one would be (for Retry-After; at least 1).
    int Acquire(const std::string& key, Clock::time_point now);

  private:
    struct Bucket {
        double tokens{0};
        Clock::time_point last;
    };
    void Prune(Clock::time_point now);

    double m_capacity;
    double m_per_second;
    std::mutex m_mutex;
    std::unordered_map<std::string, Bucket> m_buckets;
};

}  // namespace treffpunkt::hub
