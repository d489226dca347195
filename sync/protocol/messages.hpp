// The wire messages of the sync protocol between kiosk and hub (docs/protocol.md), as C++ values.
// Shared by the hub and the kiosk's sync client. No HTTP, no SQLite, no UI here.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/model/json_codec.hpp"
#include "sync/model/records.hpp"
#include "sync/model/time.hpp"

namespace treffpunkt::protocol {

// --- Errors --------------------------------------------------------------------------------

// The body of every 4xx/5xx answer: {"error": {"code", "message", "problems"}}. Also the reason
// of a rejected edit. Codes are listed in docs/protocol.md ("Error codes") and in api.hpp.
struct ApiError {
    std::string code;               // stable, machine-readable, e.g. "auth.revoked"
    std::string message;            // English, for logs and the status screen; says what to do
    std::vector<Problem> problems;  // each problem with its path; may be empty

    bool operator==(const ApiError&) const = default;
};

// --- Pull: GET /api/v1/changes ---------------------------------------------------------------

// One entry of the change feed: the newest state of a record, full or a tombstone
// (MetaOf(record).deleted, carrying only id, revision and updated).
struct Change {
    AnyRecord record;

    bool operator==(const Change&) const = default;
};

struct PullPage {
    std::string cursor;           // opaque; send as `since` next time (unchanged if no changes)
    bool more{false};             // more changes wait after this page: ask again at once
    std::int64_t remaining{0};    // how many changes wait after this page (for progress)
    std::vector<Change> changes;  // in feed order; apply all of them with the cursor at once

    bool operator==(const PullPage&) const = default;
};

// --- Push: POST /api/v1/edits --------------------------------------------------------------

enum class EditOp {
    kCreate,  // a new record: `fields` holds the whole record body
    kUpdate,  // `fields` holds the top-level fields that changed (null clears a field)
    kDelete,  // the record becomes a tombstone; `fields` is empty
};

std::string_view EditOpName(EditOp op);  // "create", "update", "delete"

// One change a volunteer made on a kiosk, as it waits in the kiosk's outbox.
struct Edit {
    std::string edit_id;  // UUID made by the kiosk; sending it again applies it once
    EditOp op{EditOp::kUpdate};
    RecordKind kind{RecordKind::kOffer};
    std::string record_id;          // UUID; for create chosen by the kiosk
    std::int64_t base_revision{0};  // the hub revision the edit was made on; 0 for create
    nlohmann::json fields = nlohmann::json::object();  // top-level record fields -> new value
    std::string volunteer_id;                          // who made the edit (UUID)
    UtcTime made_at{};                                 // when, by the kiosk's clock
    std::optional<std::int64_t> resolves_conflict;     // a conflict id this edit settles

    bool operator==(const Edit&) const = default;
};

struct PushRequest {
    std::vector<Edit> edits;  // in the order they were made; the hub applies them in order

    bool operator==(const PushRequest&) const = default;
};

enum class EditStatus {
    kApplied,   // every field applied (or nothing to change); `revision` is the new revision
    kConflict,  // some fields conflicted and wait for moderation; the others were applied
    kRejected,  // nothing applied; `error` says why. Final: do not send it again
};

std::string_view EditStatusName(EditStatus status);  // "applied", "conflict", "rejected"

// A field changed on both sides since the base revision, to different values.
struct FieldConflict {
    std::string field;     // top-level field name, e.g. "schedule"
    nlohmann::json base;   // value at the base revision (null = absent)
    nlohmann::json hub;    // value on the hub now (kept)
    nlohmann::json kiosk;  // value the edit wanted (kept in the moderation queue)

    bool operator==(const FieldConflict&) const = default;
};

struct EditAnswer {
    std::string edit_id;
    EditStatus status{EditStatus::kApplied};
    std::int64_t revision{0};              // applied/conflict: the record's revision now
    std::optional<AnyRecord> record;       // applied/conflict: the record as the hub has it
    std::int64_t conflict_id{0};           // conflict: its id in the moderation queue
    std::vector<FieldConflict> conflicts;  // conflict: the fields that wait
    std::optional<ApiError> error;         // rejected: the reason

    bool operator==(const EditAnswer&) const = default;
};

struct PushAnswer {
    std::vector<EditAnswer> results;  // one per edit, in request order

    bool operator==(const PushAnswer&) const = default;
};

// --- Heartbeat: POST /api/v1/heartbeat -------------------------------------------------------

struct Heartbeat {
    std::string version;              // kiosk software version, e.g. "0.1.0"
    std::string cursor;               // the kiosk's pull cursor; "" before the first sync
    std::int64_t outbox{0};           // edits waiting to be sent
    std::string last_error;           // the last sync error in plain words; "" = none
    std::int64_t free_disk_bytes{0};  // free space on the data partition
    std::int64_t uptime_s{0};         // seconds since the kiosk program started
    std::optional<UtcTime> clock;     // the kiosk's clock when sending (to spot a wrong clock)

    bool operator==(const Heartbeat&) const = default;
};

struct HeartbeatAnswer {
    UtcTime server_time{};  // the hub's clock
    std::string kiosk_id;   // who the hub thinks this kiosk is
    std::string place_id;   // the place the kiosk is paired to

    bool operator==(const HeartbeatAnswer&) const = default;
};

// --- Pairing: POST /api/v1/pairing and /api/v1/pairing/poll ----------------------------------

struct PairingRequest {
    std::string kiosk_name;  // optional, shown to the administrator, e.g. the host name
    std::string version;     // kiosk software version

    bool operator==(const PairingRequest&) const = default;
};

struct PairingTicket {
    std::string code;        // shown on the kiosk's screen, e.g. "K7M4QP"
    std::string secret;      // kept by the kiosk, sent with each poll; never shown
    UtcTime expires_at{};    // the code is void after this
    int poll_interval_s{5};  // how often to poll

    bool operator==(const PairingTicket&) const = default;
};

struct PairingPoll {
    std::string secret;

    bool operator==(const PairingPoll&) const = default;
};

enum class PairingState { kPending, kApproved };

struct PairingPollAnswer {
    PairingState state{PairingState::kPending};
    std::string token;     // approved: the device token (Authorization: Bearer …)
    std::string kiosk_id;  // approved
    std::string place_id;  // approved

    bool operator==(const PairingPollAnswer&) const = default;
};

// --- Volunteers: GET /api/v1/volunteers ----------------------------------------------------

enum class VolunteerRole { kVolunteer, kCoordinator };

std::string_view VolunteerRoleName(VolunteerRole role);  // "volunteer", "coordinator"
std::optional<VolunteerRole> VolunteerRoleFromName(std::string_view name);

struct VolunteerAccount {
    std::string id;    // UUID
    std::string name;  // shown after login
    VolunteerRole role{VolunteerRole::kVolunteer};
    std::vector<std::string> places;         // place ids
    std::vector<std::string> organizations;  // organization ids (role volunteer)
    std::string verifier;                    // Argon2id PHC string ("$argon2id$v=19$m=…")

    bool operator==(const VolunteerAccount&) const = default;
};

struct VolunteerList {
    std::string place_id;                      // the kiosk's place
    std::vector<VolunteerAccount> volunteers;  // replaces the kiosk's whole list

    bool operator==(const VolunteerList&) const = default;
};

// --- Health: GET /api/v1/health (no token) -------------------------------------------------

struct HealthAnswer {
    std::string status;   // "ok"
    std::string version;  // hub software version
    std::string api;      // "v1"

    bool operator==(const HealthAnswer&) const = default;
};

}  // namespace treffpunkt::protocol
