// The hub's settings (config/hub.example.toml documents every key) and reading them from TOML.
// Plain structs with defaults; no SQLite, no HTTP here.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sync/hub/secrets.hpp"
#include "sync/model/result.hpp"

namespace treffpunkt::hub {

// Where `treffpunkt-hub` looks for its configuration without --config.
inline constexpr std::string_view kDefaultConfigPath = "/etc/treffpunkt-hub/hub.toml";

enum class ServerMode {
    kHttps,            // TLS served by the hub itself from [tls]
    kHttpBehindProxy,  // plain HTTP; a reverse proxy in front terminates TLS
};

struct DatabaseSettings {
    std::string path = "/var/lib/treffpunkt-hub/hub.db";  // the SQLite file (WAL beside it)
    int busy_timeout_ms = 5000;  // how long a write waits for another writer
};

struct ServerSettings {
    std::string listen_address = "0.0.0.0";  // "127.0.0.1" behind a proxy on the same machine
    int port = 8443;                         // 0 = any free port (printed at start)
    ServerMode mode = ServerMode::kHttps;
    int threads = 16;                    // connections served at once (keep-alive holds one)
    int keep_alive_timeout_s = 5;        // idle keep-alive connections close after this
    int keep_alive_max_requests = 1000;  // requests on one connection before it is closed
    std::vector<std::string> trusted_proxies = {"127.0.0.1", "::1"};  // X-Forwarded-* from these
    bool log_requests = true;  // one line per request on stderr (journald)
};

struct TlsSettings {
    std::string certificate = "/etc/treffpunkt-hub/tls/fullchain.pem";  // PEM, chain included
    std::string private_key = "/etc/treffpunkt-hub/tls/privkey.pem";    // PEM
};

struct SyncSettings {
    int tombstone_retention_days = 90;  // deleted records are announced this long
    int default_page_size = 500;        // changes per page when the kiosk asks for no limit
    int max_page_size = 1000;           // larger `limit`s are capped to this
    int max_edits_per_push = 200;       // more edits in one push: 413
};

struct PairingSettings {
    int code_ttl_s = 900;     // a pairing code is valid this long (15 min)
    int poll_interval_s = 5;  // what the kiosk is told to poll at
    int max_open = 20;        // unapproved, unexpired pairings at once
};

struct LimitSettings {
    std::size_t max_body_bytes = 1u << 20;  // request bodies (after gzip decompression)
    std::size_t max_header_bytes = 8192;    // all request headers together
    int request_timeout_s = 20;             // reading a request, writing an answer
    int requests_per_minute = 120;          // per device token (burst up to this)
    int pairing_requests_per_minute = 30;   // unauthenticated requests per client address
};

struct StatusSettings {
    int online_within_s = 600;  // seen this recently: online
    int offline_after_s =
        86400;  // not seen for this long (or never): offline; between: disconnected
};

struct Argon2Settings {
    Argon2Params params;                    // opslimit, memlimit (see hub.example.toml)
    bool insecure_test_parameters = false;  // tests only: libsodium's minimum, instant
};

struct HubConfig {
    std::string source;  // the file it was read from; "" for defaults
    DatabaseSettings database;
    ServerSettings server;
    TlsSettings tls;
    SyncSettings sync;
    PairingSettings pairing;
    LimitSettings limits;
    StatusSettings status;
    Argon2Settings argon2;

    // The Argon2 parameters to use for new verifiers.
    Argon2Params PinParams() const;
};

// Reads TOML text. Unknown sections and keys, wrong types and values out of range are errors
// that name the key (code "config.invalid"); all of them are reported in one message. Relative
// paths are taken relative to `base_dir`.
Result<HubConfig> ParseHubConfig(std::string_view text, const std::string& source_name,
                                 const std::string& base_dir);

// Reads the file at `path` (error "config.missing" if there is none).
Result<HubConfig> LoadHubConfig(const std::string& path);

}  // namespace treffpunkt::hub
