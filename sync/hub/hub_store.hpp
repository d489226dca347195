// The hub's system of record: one SQLite file (WAL) holding every record revision, the change
// feed, tombstones, the audit log, kiosks, pairings, volunteers, pushed edits and the moderation
// queue. Schema changes are numbered migrations (PRAGMA user_version). No HTTP here.
//
// Threads: a HubStore is one connection, used by one thread at a time. The server keeps a
// pool of them; the admin commands open their own, even while `serve` runs.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/hub/database.hpp"
#include "sync/model/records.hpp"
#include "sync/model/result.hpp"
#include "sync/model/validation.hpp"
#include "sync/protocol/messages.hpp"

namespace treffpunkt::hub {

// The schema version this program writes.
int HubSchemaVersion();

struct FeedState {
    std::string epoch;                   // random id of this feed; changes on restore
    std::int64_t last_seq{0};            // sequence number of the newest change
    std::int64_t purged_through{0};      // newest sequence number of a purged tombstone
    std::int64_t volunteers_version{0};  // bumped on every change to volunteers
};

// The newest state of one record as stored.
struct StoredRecord {
    std::string id;
    RecordKind kind{RecordKind::kOffer};
    std::int64_t revision{0};
    std::int64_t seq{0};  // the change that made this state
    bool deleted{false};
    std::string body;  // canonical JSON, as the protocol sends it
};

// One entry of the change feed.
struct FeedRow {
    RecordKind kind{RecordKind::kOffer};
    std::int64_t seq{0};
    std::string body;
};

// Who made a change, for the audit log.
struct ChangeAuthor {
    std::string action;              // "create", "update", "delete", "import", "resolve"
    std::string actor;               // a volunteer id, "admin" or "import"
    std::string kiosk_id;            // the kiosk the edit came from; empty for admin commands
    std::string edit_id;             // the pushed edit; empty for admin commands
    std::optional<UtcTime> made_at;  // when the volunteer made it (kiosk clock)
};

struct AuditEntry {
    std::int64_t seq{0};
    UtcTime at{};
    std::string record_id;
    RecordKind kind{RecordKind::kOffer};
    std::int64_t revision{0};
    ChangeAuthor author;
    std::string before;  // JSON of the previous revision; empty for a new record
    std::string after;   // JSON of the new revision (a tombstone for a deletion)
};

struct KioskRow {
    std::string id;
    std::string name;
    std::string place_id;
    UtcTime created_at{};
    std::optional<UtcTime> revoked_at;
    bool has_token{false};
    std::optional<UtcTime> first_used_at;
    std::optional<UtcTime> last_seen_at;
    std::string last_address;
    // From the last heartbeat:
    std::optional<UtcTime> heartbeat_at;
    std::string version;
    std::string cursor;
    std::optional<std::int64_t> outbox;
    std::string last_error;
    std::optional<std::int64_t> free_disk_bytes;
    std::optional<std::int64_t> uptime_s;
    std::optional<UtcTime> kiosk_clock;
};

// What a request's token resolves to.
struct KioskAuth {
    std::string id;
    std::string place_id;
    bool revoked{false};
    bool first_use{false};  // the token has not been used before
};

struct PairingRow {
    std::string code;
    std::string kiosk_name;
    std::string version;
    std::string address;
    UtcTime created_at{};
    UtcTime expires_at{};
    std::string kiosk_id;  // set on approval
    std::optional<UtcTime> approved_at;
    std::optional<UtcTime> finished_at;  // the kiosk used its token
};

struct VolunteerRow {
    protocol::VolunteerAccount account;
    UtcTime created_at{};
    std::optional<UtcTime> disabled_at;
};

struct ConflictRow {
    std::int64_t id{0};
    std::string record_id;
    RecordKind kind{RecordKind::kOffer};
    std::string op;  // the edit's op: "update" or "delete"
    std::string edit_id;
    std::string kiosk_id;
    std::string volunteer_id;
    UtcTime created_at{};
    std::optional<UtcTime> made_at;
    std::int64_t base_revision{0};
    std::int64_t hub_revision{0};  // the hub's revision when the conflict arose
    std::vector<protocol::FieldConflict> fields;
    std::optional<UtcTime> resolved_at;
    std::string resolved_by;  // "admin" or a volunteer id
    std::string resolution;   // e.g. "kiosk", "hub", "title=kiosk,schedule=hub"
};

struct PriorEdit {
    std::string kiosk_id;
    std::string request;  // canonical JSON of the edit as first received
    std::string answer;   // JSON of the answer given
};

class HubStore {
  public:
    // Opens the database at `path`, creating it if `options.create`, and migrates it to the
    // current schema (a new database gets a fresh feed epoch). Errors: "db.open", "db.corrupt",
    // "db.newer_schema" (written by a newer treffpunkt-hub; the file is left untouched).
    static Result<std::unique_ptr<HubStore>> Open(const std::string& path,
                                                  const DatabaseOptions& options);

    Database& db() { return *m_db; }

    // --- Feed and records ------------------------------------------------------------------
    Result<FeedState> Feed();
    // Changes with seq > since, oldest first, at most `limit`.
    Result<std::vector<FeedRow>> ChangesAfter(std::int64_t since, std::int64_t limit);
    Result<std::int64_t> CountChangesAfter(std::int64_t since);
    Result<std::optional<StoredRecord>> Record(std::string_view id);
    Result<std::optional<std::string>> RevisionBody(std::string_view id, std::int64_t revision);
    // Every stored record, by kind then id (tombstones only if asked).
    Result<std::vector<StoredRecord>> AllRecords(bool include_tombstones);
    // Live records whose JSON mentions `id` (candidates for references to it).
    Result<std::vector<StoredRecord>> RecordsMentioning(std::string_view id);

    // Stores `record` as its next revision (the caller sets meta.revision and meta.updated):
    // takes the next feed sequence number, keeps the revision, replaces the current state and
    // writes the audit entry. Call inside a Transaction. Returns the stored state.
    Result<StoredRecord> WriteRecord(const AnyRecord& record, std::string_view before_body,
                                     const ChangeAuthor& author, UtcTime now);

    // Removes tombstones deleted before `cutoff` and their revisions; returns how many. Kiosks
    // with a cursor older than the newest purged one must resync (410).
    Result<std::int64_t> PurgeTombstones(UtcTime cutoff);

    // Gives the feed a new epoch: every kiosk's cursor becomes void and it resyncs in full.
    Result<void> RenewEpoch();

    Result<std::vector<AuditEntry>> Audit(std::string_view record_id, std::int64_t limit);

    // --- Kiosks and pairing ----------------------------------------------------------------
    Result<std::optional<KioskAuth>> KioskByTokenHash(std::string_view token_hash);
    Result<void> MarkFirstUse(std::string_view kiosk_id, UtcTime now);
    Result<void> AddKiosk(const KioskRow& kiosk, std::string_view token_hash);
    Result<void> SetKioskToken(std::string_view kiosk_id, std::string_view token_hash);
    Result<std::vector<KioskRow>> Kiosks();
    Result<std::optional<KioskRow>> Kiosk(std::string_view id);
    // Returns false if there is no such kiosk.
    Result<bool> RevokeKiosk(std::string_view id, UtcTime now);
    Result<void> SaveHeartbeat(std::string_view kiosk_id, const protocol::Heartbeat& heartbeat,
                               UtcTime now, std::string_view address);
    // Stores when each kiosk was last seen (kept in memory by the server between flushes).
    Result<void> TouchKiosk(std::string_view kiosk_id, UtcTime seen, std::string_view address);

    Result<void> AddPairing(const PairingRow& pairing, std::string_view secret_hash);
    Result<std::int64_t> CountOpenPairings(UtcTime now);
    Result<bool> PairingCodeTaken(std::string_view code);
    // Pairings waiting for approval that have not expired, oldest first.
    Result<std::vector<PairingRow>> OpenPairings(UtcTime now);
    Result<std::optional<PairingRow>> PairingBySecretHash(std::string_view secret_hash);
    Result<std::optional<PairingRow>> PairingByCode(std::string_view code);
    Result<void> ApprovePairing(std::string_view code, std::string_view kiosk_id, UtcTime now);
    Result<void> FinishPairing(std::string_view kiosk_id, UtcTime now);
    // Forgets pairings that ended or expired before `cutoff`.
    Result<void> ForgetPairings(UtcTime cutoff);

    // --- Volunteers --------------------------------------------------------------------------
    Result<void> AddVolunteer(const VolunteerRow& volunteer);
    Result<std::optional<VolunteerRow>> Volunteer(std::string_view id);
    Result<std::vector<VolunteerRow>> Volunteers();
    // Enabled volunteers with `place_id` among their places.
    Result<std::vector<protocol::VolunteerAccount>> VolunteersAtPlace(std::string_view place_id);
    Result<bool> SetVerifier(std::string_view id, std::string_view verifier, UtcTime now);
    Result<bool> DisableVolunteer(std::string_view id, UtcTime now);

    // --- Pushed edits and conflicts --------------------------------------------------------
    Result<std::optional<PriorEdit>> FindEdit(std::string_view edit_id);
    Result<void> SaveEdit(std::string_view edit_id, std::string_view kiosk_id,
                          std::string_view request, std::string_view answer,
                          std::string_view status, UtcTime now);
    Result<std::int64_t> AddConflict(const ConflictRow& conflict);
    Result<std::optional<ConflictRow>> Conflict(std::int64_t id);
    Result<std::vector<ConflictRow>> Conflicts(bool include_resolved);
    Result<void> ResolveConflict(std::int64_t id, std::string_view by, std::string_view resolution,
                                 UtcTime now);

  private:
    explicit HubStore(std::unique_ptr<Database> db) : m_db(std::move(db)) {}
    Result<void> Migrate();
    std::unique_ptr<Database> m_db;
};

// RecordIndex over the hub's live records (for ValidateReferences). Lookups that fail leave
// their error pending on the store's database.
class StoreRecordIndex : public RecordIndex {
  public:
    explicit StoreRecordIndex(HubStore& store) : m_store(store) {}
    std::optional<RecordKind> KindOfId(std::string_view id) const override;
    std::optional<std::string> VocabularyOf(std::string_view id) const override;

    // Treat `id` as absent (to check what a deletion would break).
    void Hide(std::string id) { m_hidden = std::move(id); }

  private:
    HubStore& m_store;
    std::string m_hidden;
};

}  // namespace treffpunkt::hub
