// What the administrator's commands do, apart from parsing and printing: import and export
// of the dataset file, kiosks and pairing, volunteers, the fleet's status. Works on a
// HubStore; the command line (hub_cli.cpp) calls these. No HTTP here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync/hub/hub_config.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/hub/secrets.hpp"
#include "sync/model/records.hpp"
#include "sync/model/result.hpp"

namespace treffpunkt::hub {

struct ImportReport {
    size_t created{0};    // new records (or records deleted before and now back)
    size_t updated{0};    // records whose content changed: a new revision each
    size_t unchanged{0};  // same content: no new revision
    size_t deleted{0};    // records on the hub but not in the file: now tombstones
};

// Makes the hub's records equal to `dataset` (validate it first: ParseDataset). Records new or
// changed get a new revision; records missing from the file become tombstones; unchanged ones
// are left alone ("revision" and "updated" in the file are ignored, the hub sets them). One
// transaction; nothing is written with `dry_run`. Audit actor "import".
// Errors: "import.kind_mismatch" (an id is another kind of record on the hub), storage errors.
Result<ImportReport> ImportDataset(HubStore& store, const Dataset& dataset, UtcTime now,
                                   bool dry_run);

// Every live record, as a dataset file would hold it.
Result<Dataset> ExportDataset(HubStore& store, UtcTime now);

// The place record `place_id`, or error "admin.no_such_place".
Result<Place> RequirePlace(HubStore& store, const std::string& place_id);

struct NewKiosk {
    KioskRow kiosk;
    std::string token;  // shown once, stored only as a hash
};

// A kiosk for `place_id` with a new device token (`kiosk add`).
Result<NewKiosk> AddKiosk(HubStore& store, const std::string& name, const std::string& place_id,
                          UtcTime now);

// Approves the pairing with `code` for `place_id` (`kiosk approve`): the kiosk gets its token
// at its next poll. Errors: "pairing.unknown", "pairing.expired", "pairing.already_approved",
// "admin.no_such_place".
Result<KioskRow> ApprovePairing(HubStore& store, const std::string& code,
                                const std::string& place_id, const std::string& name, UtcTime now);

struct NewVolunteer {
    std::string name;
    protocol::VolunteerRole role{protocol::VolunteerRole::kVolunteer};
    std::vector<std::string> places;         // place ids (must exist)
    std::vector<std::string> organizations;  // organization ids (must exist)
};

// Adds a volunteer with an Argon2id verifier of `pin`. Errors: "admin.bad_pin",
// "admin.bad_name", "admin.no_such_place", "admin.no_such_organization".
Result<VolunteerRow> AddVolunteer(HubStore& store, const NewVolunteer& volunteer,
                                  const std::string& pin, const Argon2Params& params, UtcTime now);
Result<void> ResetPin(HubStore& store, const std::string& volunteer_id, const std::string& pin,
                      const Argon2Params& params, UtcTime now);

enum class KioskState { kOnline, kDisconnected, kOffline, kRevoked };
std::string_view KioskStateName(KioskState state);

// online: seen within status.online_within_s; offline: never seen or not for
// status.offline_after_s; disconnected: in between; revoked: revoked.
KioskState StateOf(const KioskRow& kiosk, const StatusSettings& settings, UtcTime now);

struct FleetEntry {
    KioskRow kiosk;
    std::string place_name;  // German name of the place, or its id if unknown
    KioskState state{KioskState::kOffline};
    std::optional<std::int64_t> behind;  // changes the kiosk has not pulled; nullopt if unknown
    bool needs_resync{false};            // its cursor belongs to an older feed epoch
};

struct FleetStatus {
    FeedState feed;
    std::vector<FleetEntry> kiosks;
    std::int64_t open_conflicts{0};
};

Result<FleetStatus> Fleet(HubStore& store, const StatusSettings& settings, UtcTime now);

}  // namespace treffpunkt::hub
