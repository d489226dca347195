// The hub's API (docs/protocol.md) as a function from request to response, independent of the
// HTTP library: authentication, rate limits, the change feed, push, heartbeat, pairing and the
// volunteer list. hub_server.cpp feeds it from cpp-httplib. No TLS or sockets here.
//
// Threads: Handle() is called from many server threads at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sync/hub/hub_config.hpp"
#include "sync/hub/rate_limiter.hpp"
#include "sync/hub/store_pool.hpp"
#include "sync/model/time.hpp"

namespace treffpunkt::hub {

// The hub's clock (injected so that tests can let pairing codes expire).
using HubClock = std::function<UtcTime()>;
UtcTime SystemNow();

// Opaque to kiosks: "<epoch>.<seq>", e.g. "k3v9x2qa.1834".
std::string FormatCursor(const std::string& epoch, std::int64_t seq);
// nullopt unless `text` has that shape.
std::optional<std::pair<std::string, std::int64_t>> ParseCursor(std::string_view text);

struct ApiRequest {
    std::string method;                             // "GET", "POST", …
    std::string path;                               // "/api/v1/changes"
    std::multimap<std::string, std::string> query;  // decoded query parameters
    std::map<std::string, std::string> headers;     // names in lower case
    std::string body;                               // decompressed
    std::string peer_address;                       // the TCP peer
};

struct ApiResponse {
    int status{200};
    std::string body;  // JSON, or empty (304)
    std::vector<std::pair<std::string, std::string>> headers;
    std::string kiosk_id;  // who asked, for the log; empty if unauthenticated
};

// An error answer {"error": {…}} with the status that goes with it.
ApiResponse ErrorResponse(int status, std::string_view code, std::string message,
                          std::vector<Problem> problems = {});

class HubService {
  public:
    HubService(const HubConfig& config, StorePool& pool, HubClock clock);

    ApiResponse Handle(const ApiRequest& request);

    // Writes the "last seen" times gathered in memory since the last call. Called every few
    // seconds by the server and when it stops.
    void FlushLastSeen();

    // Purges old tombstones and forgotten pairings (hourly and at start).
    void Maintain();

  private:
    struct Caller {
        std::string kiosk_id;
        std::string place_id;
        std::string address;
    };

    ApiResponse Dispatch(const ApiRequest& request, const std::string& address);
    std::optional<ApiResponse> Authenticate(const ApiRequest& request, HubStore& store,
                                            Caller& caller);
    ApiResponse Health();
    ApiResponse Changes(const ApiRequest& request, HubStore& store, const Caller& caller);
    ApiResponse Edits(const ApiRequest& request, HubStore& store, const Caller& caller);
    ApiResponse Heartbeat(const ApiRequest& request, HubStore& store, const Caller& caller);
    ApiResponse Volunteers(const ApiRequest& request, HubStore& store, const Caller& caller);
    ApiResponse StartPairing(const ApiRequest& request, HubStore& store, const Caller& caller);
    ApiResponse PollPairing(const ApiRequest& request, HubStore& store);
    void Seen(const Caller& caller);

    const HubConfig& m_config;
    StorePool& m_pool;
    HubClock m_clock;
    RateLimiter m_token_limiter;
    RateLimiter m_address_limiter;
    std::mutex m_seen_mutex;
    std::unordered_map<std::string, std::pair<UtcTime, std::string>> m_seen;
};

}  // namespace treffpunkt::hub
