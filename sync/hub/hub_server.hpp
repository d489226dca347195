// The hub's HTTPS server: cpp-httplib (OpenSSL) serving HubService, or plain HTTP behind a
// reverse proxy. Enforces the transport limits (body and header size, time, keep-alive) and
// answers every failure with a JSON error. The only file that includes httplib.h.
#pragma once

#include <memory>
#include <string>

#include "sync/hub/hub_config.hpp"
#include "sync/hub/hub_service.hpp"
#include "sync/model/result.hpp"

namespace treffpunkt::hub {

class HubServer {
  public:
    // Opens the database (migrating it), loads the TLS certificate and key, binds the port and
    // starts serving on background threads. Errors: "config.tls" (certificate or key cannot be
    // used; the message names the file), "server.bind", and the database's errors.
    static Result<std::unique_ptr<HubServer>> Start(const HubConfig& config,
                                                    HubClock clock = SystemNow);

    ~HubServer();  // stops
    HubServer(const HubServer&) = delete;
    HubServer& operator=(const HubServer&) = delete;

    // The port actually bound (useful with port = 0).
    int port() const;
    // Stops accepting, finishes the running requests, records "last seen" times. Idempotent.
    void Stop();

    struct Impl;

  private:
    explicit HubServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace treffpunkt::hub
