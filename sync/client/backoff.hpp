// When to try the hub again after a failure: exponential backoff with jitter, Retry-After
// honoured. Pure; the caller supplies the randomness source's seed and reads the clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>

namespace treffpunkt {

struct BackoffPolicy {
    std::chrono::seconds first{30};      // delay after the first failure
    std::chrono::seconds longest{1800};  // never wait longer than this (30 min)
    double factor{2.0};                  // each further failure multiplies the delay
    double jitter{0.2};                  // +-20 %, so that a fleet does not retry in step
};

class Backoff {
  public:
    explicit Backoff(BackoffPolicy policy = {}, std::uint64_t seed = 0x7265666670756e6bULL)
        : m_policy(policy), m_random(seed) {}

    // The delay before the next attempt after another failure. A Retry-After from the hub is
    // honoured (never retried sooner), but capped at `longest`.
    std::chrono::milliseconds NextDelay(std::optional<std::chrono::seconds> retry_after = {});

    // After a success (or when the network comes back): the next failure starts over.
    void Reset() { m_failures = 0; }

    int failures() const { return m_failures; }

  private:
    BackoffPolicy m_policy;
    std::mt19937_64 m_random;
    int m_failures{0};
};

// Parses an HTTP Retry-After header: delay-seconds or an HTTP date (relative to `now`).
// nullopt if it is neither.
std::optional<std::chrono::seconds> ParseRetryAfter(const std::string& value,
                                                    std::chrono::system_clock::time_point now);

}  // namespace treffpunkt
