// The kiosk's side of synchronisation, kept in the replica's database: cursor and status,
// credentials, the outbox of local edits, and the place's volunteers. No network code here;
// the sync engine (sync/client) drives it. Same thread rules as Replica.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/model/result.hpp"
#include "sync/model/time.hpp"

namespace treffpunkt {

class Database;
class Replica;

// What the status screen shows and the engine needs to continue.
struct SyncState {
    std::string cursor;                   // the hub's change-feed cursor; "" = never synced
    std::string etag;                     // of the last pulled page, for If-None-Match
    std::optional<UtcTime> last_success;  // "Stand: …"
    std::optional<UtcTime> last_attempt;
    std::string last_error_code;     // e.g. "net.timeout"; "" after a success
    std::string last_error_message;  // English detail for the status details view
    std::string device_token;        // "" = not paired
    std::string kiosk_id;
    std::string place_id;
    std::string pairing_code;  // shown while waiting for approval
    std::string pairing_secret;
    std::optional<UtcTime> pairing_expires;

    bool paired() const { return !device_token.empty(); }
};

enum class OutboxState { kPending, kConflict, kRejected };

// One local edit (the replica's form of the protocol's Edit).
struct OutboxEntry {
    std::int64_t seq{0};  // order of edits (assigned on Enqueue)
    std::string edit_id;  // UUID
    std::string op;       // "create", "update", "delete"
    std::string kind;     // "offers", …
    std::string record_id;
    std::int64_t base_revision{0};
    std::string fields_json{"{}"};  // JSON object: top-level field -> new value
    std::string volunteer_id;
    UtcTime made_at{};
    std::optional<std::int64_t> resolves_conflict;
    OutboxState state{OutboxState::kPending};
    std::string answer_json;  // the hub's answer, for conflict/rejected
};

struct VolunteerEntry {
    std::string id;
    std::string name;
    std::string role;  // "volunteer", "coordinator"
    std::string places_json{"[]"};
    std::string organizations_json{"[]"};
    std::string verifier;  // Argon2id PHC string
};

class SyncStore {
  public:
    explicit SyncStore(Replica& replica);

    Result<SyncState> State();

    // Called with the page it belongs to, in the same transaction.
    Result<void> SetCursor(const std::string& cursor, const std::string& etag);
    // After each attempt: success clears the error and sets last_success.
    Result<void> RecordSuccess(UtcTime now);
    Result<void> RecordFailure(UtcTime now, const Error& error);
    Result<void> SetPairing(const std::string& code, const std::string& secret, UtcTime expires);
    Result<void> SetCredentials(const std::string& token, const std::string& kiosk_id,
                                const std::string& place_id);
    // Forgets credentials, cursor and pairing (after a revoke): the kiosk pairs again.
    Result<void> ClearCredentials();
    // Forgets the cursor, for a full resync (410 Gone).
    Result<void> ResetCursor();

    // --- Outbox ----------------------------------------------------------------------------
    // Adds an edit; call inside the transaction that makes the local change. Returns its seq.
    Result<std::int64_t> Enqueue(const OutboxEntry& entry);
    // Pending edits in order, at most `limit`.
    Result<std::vector<OutboxEntry>> Pending(size_t limit);
    // Every entry (pending, conflict, rejected), in order, for the status and edit screens.
    Result<std::vector<OutboxEntry>> All();
    Result<size_t> PendingCount();
    // The hub has applied the edit: it leaves the outbox.
    Result<void> MarkApplied(std::string_view edit_id);
    // The hub answered conflict or rejected: kept with the answer until acknowledged.
    Result<void> MarkAnswered(std::string_view edit_id, OutboxState state,
                              const std::string& answer_json);
    // A volunteer has seen a conflict or rejection: it leaves the outbox.
    Result<void> Acknowledge(std::string_view edit_id);
    // Pending edits of one record, in order (to show the local version over the hub's).
    Result<std::vector<OutboxEntry>> PendingFor(std::string_view record_id);

    // --- Volunteers ------------------------------------------------------------------------
    Result<void> ReplaceVolunteers(const std::vector<VolunteerEntry>& volunteers);
    Result<std::vector<VolunteerEntry>> Volunteers();

  private:
    Result<void> Set(const char* key, const std::string& value);
    Database& m_db;
};

std::string_view OutboxStateName(OutboxState state);  // "pending", "conflict", "rejected"

}  // namespace treffpunkt
