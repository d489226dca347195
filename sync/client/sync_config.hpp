// The kiosk's [sync] settings (config/kiosk.example.toml documents each key with its default).
// A plain struct, header only and standard library only, so that the kiosk's config reader
// can hold it without linking the sync engine.
#pragma once

#include <cstdint>
#include <string>

namespace treffpunkt {

struct SyncConfig {
    std::string hub_url;              // "https://hub.example:8443"; "" = no sync (https only)
    std::string ca_file;              // PEM file with the hub's CA; "" = the system's CAs
    std::string pinned_public_key;    // "sha256//BASE64…" of the hub's key; "" = no pin
    std::string device_token;         // from `treffpunkt-hub kiosk add`; "" = pair with a code
    std::string kiosk_name;           // shown to the administrator when pairing; "" = host name
    int poll_interval_s{60};          // between syncs while all is well
    int heartbeat_interval_s{600};    // heartbeat at least this often when nothing changed
    int page_size{1000};              // changes per pulled page (the hub caps it at 1000)
    double connect_timeout_s{10.0};   // to establish TCP and TLS
    double request_timeout_s{120.0};  // for one whole request
    int low_speed_bytes_per_s{256};   // an answer slower than this …
    int low_speed_time_s{20};         // … for this long is given up (a drip-feeding server)
    std::int64_t max_response_bytes{64LL << 20};  // larger answers are refused
    int retry_min_s{30};    // first wait after a failure (then doubling, ±20 %)
    int retry_max_s{1800};  // longest wait after failures
    std::string clock_sync_marker{"/run/systemd/timesync/synchronized"};  // "" = none
    bool watch_network{true};  // try at once when a network link or address comes up

    bool enabled() const { return !hub_url.empty(); }
};

}  // namespace treffpunkt
