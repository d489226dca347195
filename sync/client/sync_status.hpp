// What the sync engine tells the UI: a snapshot of its state, copied out under a lock, and the
// error codes it may report (the UI translates codes; messages are English, for logs and the
// details view). Standard library and the model's time only; no GUI, no HTTP, no SQLite.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sync/model/time.hpp"

namespace treffpunkt {

// Error codes in SyncStatus::last_error_code, besides the transport's "net.*" (see
// transport.hpp), the hub's own codes from docs/protocol.md §10 (e.g. "server.busy",
// "server.internal", "request.rate_limited", "auth.revoked", "pairing.too_many") and the
// replica's "db.*".
namespace sync_errors {
inline constexpr std::string_view kBadJson = "sync.bad_json";        // the hub's answer is not JSON
inline constexpr std::string_view kBadAnswer = "sync.bad_answer";    // JSON of the wrong shape
inline constexpr std::string_view kHttpStatus = "sync.http_status";  // an unexpected status
inline constexpr std::string_view kConfig = "sync.config";           // the [sync] settings
inline constexpr std::string_view kStopped = "sync.stopped";         // stopped while running
inline constexpr std::string_view kInternal = "sync.internal";       // the engine failed itself
}  // namespace sync_errors

struct SyncStatus {
    bool enabled{false};                     // a hub is configured ([sync] hub_url)
    bool online{false};                      // the last exchange with the hub succeeded
    bool syncing{false};                     // a sync (or pairing step) is running now
    bool paired{false};                      // the kiosk has a device token
    std::string pairing_code;                // show it large while not paired; "" = none yet
    std::optional<UtcTime> pairing_expires;  // when that code runs out (a new one follows)
    std::optional<UtcTime> last_success;     // "Stand: …": when the data was last up to date
    std::optional<UtcTime> last_attempt;     // when the engine last tried
    std::optional<UtcTime> next_attempt;     // when it will try next (kiosk clock)
    size_t edits_waiting{0};         // local edits not yet answered by the hub ("wird übertragen")
    size_t edits_answered{0};        // conflicts and rejections a volunteer has not seen yet
    std::string last_error_code;     // "" = the last attempt succeeded
    std::string last_error_message;  // English, says what to do
    std::optional<UtcTime> last_error_at;  // when it happened
    bool clock_trusted{false};             // false: never hide listings because of their dates
    std::string clock_note;                // why the clock is not trusted (English), "" if it is
    std::uint64_t data_version{0};         // grows whenever the sync changed records or volunteers
    std::int64_t changes_remaining{0};     // while pulling: changes still to come
    std::string kiosk_id;                  // as the hub knows this kiosk; "" until known
    std::string place_id;                  // the place the kiosk is paired to
};

}  // namespace treffpunkt
