// HTTPS requests to the hub for the kiosk's sync engine: one reused libcurl handle, HTTPS only,
// the hub's CA (and optionally a key pin), timeouts, a cap on response size, gzip. Transport
// failures are errors ("net.*"); any HTTP status is a response. curl.h stays in transport.cpp.
//
// Threads: a Transport belongs to one thread (the sync thread).
#pragma once

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sync/model/result.hpp"

namespace treffpunkt {

struct TransportConfig {
    std::string base_url;                  // "https://hub.example:8443" (no trailing slash needed)
    std::string ca_file;                   // PEM file with the hub's CA; empty = the system's CAs
    std::string pinned_public_key;         // "sha256//BASE64…" of the hub's key; empty = no pin
    long connect_timeout_ms{10'000};       // to establish TCP + TLS
    long total_timeout_ms{120'000};        // for a whole request
    long low_speed_bytes_per_s{256};       // slower than this …
    long low_speed_time_s{20};             // … for this long aborts (a drip-feeding server)
    size_t max_response_bytes{64u << 20};  // larger responses are refused
    std::string user_agent{"treffpunkt-kiosk"};
};

struct HttpRequest {
    std::string method{"GET"};         // GET, POST, PUT
    std::string path;                  // "/api/v1/changes?since=…", from the base URL
    std::vector<std::string> headers;  // "Name: value"
    std::string body;                  // sent as is (set Content-Type in headers)
};

struct HttpResponse {
    long status{0};                              // HTTP status, e.g. 200, 304, 410, 503
    std::map<std::string, std::string> headers;  // lower-case names; last value wins
    std::string body;                            // decoded (gzip already undone)

    // The value of a header, or "" (name in lower case).
    const std::string& Header(std::string_view name) const;
};

// Error codes of transport failures (Error::code), each with an English message that says
// what happened; the kiosk shows a translation of the code.
//   net.resolve            the hub's name could not be resolved
//   net.connect            connection refused or unreachable
//   net.timeout            no answer in time, or an answer slower than the low-speed limit
//   net.tls_certificate    the hub's certificate is not signed by the configured CA
//   net.tls_expired        the hub's certificate has expired (or is not yet valid)
//   net.tls_pin            the hub's key does not match the configured pin
//   net.tls                another TLS failure
//   net.insecure_redirect  a redirect to something other than https
//   net.too_large          the response is larger than max_response_bytes
//   net.incomplete         the connection closed before the whole response arrived
//   net.config             the transport is misconfigured (e.g. base_url is not https)
//   net.aborted            stopped through the abort flag (SetAbortFlag)
//   net.other              anything else
class Transport {
  public:
    explicit Transport(TransportConfig config);
    ~Transport();
    Transport(const Transport&) = delete;
    Transport& operator=(const Transport&) = delete;

    // Sends one request and waits for the whole response (bounded by the timeouts).
    Result<HttpResponse> Send(const HttpRequest& request);

    const TransportConfig& config() const { return m_config; }

    // Bytes received (headers and body, before decompression) by the last Send.
    size_t last_bytes_received() const { return m_last_bytes_received; }
    // Bytes sent (request line, headers and body) by the last Send. Neither count includes
    // TLS records or the handshake.
    size_t last_bytes_sent() const { return m_last_bytes_sent; }

    // While *flag is true, a running Send stops within about a second with "net.aborted"
    // (the flag is read from the sending thread; another thread may set it). nullptr = none.
    void SetAbortFlag(const std::atomic<bool>* flag) { m_abort = flag; }

  private:
    struct Handle;
    TransportConfig m_config;
    std::unique_ptr<Handle> m_handle;
    size_t m_last_bytes_received{0};
    size_t m_last_bytes_sent{0};
    const std::atomic<bool>* m_abort{nullptr};
};

// curl_global_init, once per process: call it before starting threads that use a Transport
// (the Transport's constructor calls it too, for single-threaded programs).
void InitTransportGlobals();

}  // namespace treffpunkt
