// A deliberately misbehaving HTTPS server on 127.0.0.1, for the sync engine's fault tests.
// OpenSSL directly (no HTTP library stands in the way of a broken answer); each connection on
// its own thread. Without a fault it forwards every request to a real hub and returns the
// hub's answer, so a test can check that the next sync after the fault succeeds.
// Failures to set up throw std::runtime_error.
#pragma once

#include <memory>
#include <string>

#include "tests/support/test_ca.hpp"

namespace treffpunkt::test {

enum class Fault {
    kNone,            // forward to the upstream hub
    kRefuse,          // nobody listens on the port: connection refused
    kNoAnswer,        // TLS is set up and the request read, but no answer ever comes
    kSlowDrip,        // a 200 answer that trickles one byte every 200 ms
    kServerError,     // 500 with an error body (server.internal)
    kBusyRetryAfter,  // 503 with Retry-After: 120 (server.busy)
    kCutShort,        // Content-Length: 1000, then 100 bytes and the connection closes
    kInvalidJson,     // 200 with a body that is not JSON
    kWrongShape,      // 200 with JSON that is not the expected message
    kTooLarge,        // 200 with 8 MiB of body, chunked (no Content-Length to refuse early)
    kRedirectHttp,    // 302 to http://
    kOtherCa,         // a certificate for 127.0.0.1 from another CA
    kExpired,         // a certificate from the right CA that expired yesterday
};

const char* FaultName(Fault fault);

class HostileServer {
  public:
    // Listens on 127.0.0.1 (any free port) with a certificate from `ca`, files in `dir`.
    // `upstream_url` and `upstream_ca` are the real hub requests are forwarded to.
    HostileServer(const TestCa& ca, const std::string& dir, std::string upstream_url,
                  std::string upstream_ca);
    ~HostileServer();
    HostileServer(const HostileServer&) = delete;
    HostileServer& operator=(const HostileServer&) = delete;

    // Applies to the next request; open connections are closed, so that the client connects
    // anew (and sees the new certificate).
    void SetFault(Fault fault);

    int port() const;
    std::string BaseUrl() const;  // "https://127.0.0.1:PORT"
    // Requests read so far (all faults).
    int requests() const;

  private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace treffpunkt::test
