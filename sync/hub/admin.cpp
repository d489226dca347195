#include "sync/hub/admin.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "sync/hub/hub_service.hpp"
#include "sync/model/dataset.hpp"
#include "sync/model/json_codec.hpp"
#include "sync/model/text.hpp"
#include "sync/model/validation.hpp"

namespace treffpunkt::hub {

using nlohmann::json;

namespace {

// A record's content without the fields the hub sets, for "has it changed?".
json Content(json record) {
    record.erase("revision");
    record.erase("updated");
    return record;
}

AnyRecord Decode(RecordKind kind, std::string_view body) {
    std::vector<Problem> ignored;
    return RecordFromJson(kind, json::parse(body, nullptr, false), "", ignored,
                          UnknownFields::kIgnore);
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

template <class T>
Result<T> Forward(const Error& e) {
    return Unexpected<Error>(e);
}

}  // namespace

Result<ImportReport> ImportDataset(HubStore& store, const Dataset& dataset, UtcTime now,
                                   bool dry_run) {
    Transaction tx(store.db());
    auto existing = store.AllRecords(true);
    if (!existing) {
        return Forward<ImportReport>(existing.error());
    }
    std::map<std::string, const StoredRecord*> by_id;
    for (const StoredRecord& r : *existing) {
        by_id.emplace(r.id, &r);
    }
    ImportReport report;
    std::set<std::string> in_file;
    const ChangeAuthor author{"import", "import", "", "", std::nullopt};
    for (AnyRecord& record : AllRecords(dataset)) {
        RecordMeta& meta = MetaOf(record);
        in_file.insert(meta.id);
        const auto it = by_id.find(meta.id);
        const StoredRecord* old = it == by_id.end() ? nullptr : it->second;
        if (old != nullptr && old->kind != KindOf(record)) {
            return Fail("import.kind_mismatch",
                        "record " + meta.id + " is in " + std::string(RecordKindName(old->kind)) +
                            " on the hub but in " + std::string(RecordKindName(KindOf(record))) +
                            " in the file; give it a new id");
        }
        if (old != nullptr && !old->deleted &&
            Content(json::parse(old->body, nullptr, false)) == Content(ToJson(record))) {
            ++report.unchanged;
            continue;
        }
        if (old == nullptr || old->deleted) {
            ++report.created;
        } else {
            ++report.updated;
        }
        meta.revision = old == nullptr ? 1 : old->revision + 1;
        meta.updated = now;
        if (!dry_run) {
            auto stored = store.WriteRecord(record, old == nullptr ? "" : old->body, author, now);
            if (!stored) {
                return Forward<ImportReport>(stored.error());
            }
        }
    }
    for (const StoredRecord& old : *existing) {
        if (old.deleted || in_file.count(old.id) > 0) {
            continue;
        }
        ++report.deleted;
        if (!dry_run) {
            auto stored = store.WriteRecord(MakeTombstone(old.kind, old.id, old.revision + 1, now),
                                            old.body, author, now);
            if (!stored) {
                return Forward<ImportReport>(stored.error());
            }
        }
    }
    if (dry_run) {
        return report;  // the transaction rolls back
    }
    if (auto ok = tx.Commit(); !ok) {
        return Forward<ImportReport>(ok.error());
    }
    return report;
}

Result<Dataset> ExportDataset(HubStore& store, UtcTime now) {
    ReadTransaction snapshot(store.db());
    auto records = store.AllRecords(false);
    if (!records) {
        return Forward<Dataset>(records.error());
    }
    Dataset dataset;
    dataset.generated = now;
    dataset.source = "treffpunkt-hub export";
    for (const StoredRecord& r : *records) {
        AddRecord(dataset, Decode(r.kind, r.body));
    }
    return dataset;
}

Result<Place> RequirePlace(HubStore& store, const std::string& place_id) {
    auto record = store.Record(place_id);
    if (!record) {
        return Forward<Place>(record.error());
    }
    if (!*record || (*record)->deleted || (*record)->kind != RecordKind::kPlace) {
        return Fail("admin.no_such_place",
                    "there is no place " + place_id +
                        " on the hub (import the dataset first; `treffpunkt-hub export` lists "
                        "the places)");
    }
    return std::get<Place>(Decode(RecordKind::kPlace, (*record)->body));
}

Result<NewKiosk> AddKiosk(HubStore& store, const std::string& name, const std::string& place_id,
                          UtcTime now) {
    Transaction tx(store.db());
    auto place = RequirePlace(store, place_id);
    if (!place) {
        return Forward<NewKiosk>(place.error());
    }
    NewKiosk result;
    result.kiosk.id = NewUuid();
    result.kiosk.name = name.empty() ? "Kiosk " + place->name.De() : name;
    result.kiosk.place_id = place_id;
    result.kiosk.created_at = now;
    result.kiosk.has_token = true;
    result.token = RandomToken("tpk_");
    if (auto ok = store.AddKiosk(result.kiosk, TokenHash(result.token)); !ok) {
        return Forward<NewKiosk>(ok.error());
    }
    if (auto ok = tx.Commit(); !ok) {
        return Forward<NewKiosk>(ok.error());
    }
    return result;
}

Result<KioskRow> ApprovePairing(HubStore& store, const std::string& code,
                                const std::string& place_id, const std::string& name, UtcTime now) {
    Transaction tx(store.db());
    const std::string normalized = NormalizePairingCode(code);
    auto pairing = store.PairingByCode(normalized);
    if (!pairing) {
        return Forward<KioskRow>(pairing.error());
    }
    if (!*pairing) {
        return Fail("pairing.unknown", "no kiosk is waiting with code " + normalized +
                                           " (check the code on the kiosk's screen)");
    }
    if ((*pairing)->approved_at) {
        return Fail(
            "pairing.already_approved",
            "code " + normalized + " was already approved (kiosk " + (*pairing)->kiosk_id + ")");
    }
    if ((*pairing)->expires_at <= now) {
        return Fail("pairing.expired", "code " + normalized +
                                           " has expired; the kiosk shows a new code after a "
                                           "restart of its pairing");
    }
    auto place = RequirePlace(store, place_id);
    if (!place) {
        return Forward<KioskRow>(place.error());
    }
    KioskRow kiosk;
    kiosk.id = NewUuid();
    kiosk.name = !name.empty()                     ? name
                 : !(*pairing)->kiosk_name.empty() ? (*pairing)->kiosk_name
                                                   : "Kiosk " + place->name.De();
    kiosk.place_id = place_id;
    kiosk.created_at = now;
    if (auto ok = store.AddKiosk(kiosk, ""); !ok) {
        return Forward<KioskRow>(ok.error());
    }
    if (auto ok = store.ApprovePairing(normalized, kiosk.id, now); !ok) {
        return Forward<KioskRow>(ok.error());
    }
    if (auto ok = tx.Commit(); !ok) {
        return Forward<KioskRow>(ok.error());
    }
    return kiosk;
}

Result<VolunteerRow> AddVolunteer(HubStore& store, const NewVolunteer& volunteer,
                                  const std::string& pin, const Argon2Params& params, UtcTime now) {
    if (const std::string problem = PinProblem(pin); !problem.empty()) {
        return Fail("admin.bad_pin", problem);
    }
    const std::string name(Trim(volunteer.name));
    if (name.empty() || !IsValidUtf8(name) || Utf8Length(name) > 120 ||
        name.find_first_of("\r\n\t") != std::string::npos) {
        return Fail("admin.bad_name", "the name must be one line of 1 to 120 characters");
    }
    if (volunteer.places.empty()) {
        return Fail("admin.no_such_place", "a volunteer needs at least one --place");
    }
    // The slow part first, outside the transaction.
    auto verifier = MakePinVerifier(pin, params);
    if (!verifier) {
        return Forward<VolunteerRow>(verifier.error());
    }
    Transaction tx(store.db());
    for (const std::string& place : volunteer.places) {
        if (auto ok = RequirePlace(store, place); !ok) {
            return Forward<VolunteerRow>(ok.error());
        }
    }
    for (const std::string& org : volunteer.organizations) {
        auto record = store.Record(org);
        if (!record) {
            return Forward<VolunteerRow>(record.error());
        }
        if (!*record || (*record)->deleted || (*record)->kind != RecordKind::kOrganization) {
            return Fail("admin.no_such_organization",
                        "there is no organization " + org + " on the hub");
        }
    }
    VolunteerRow row;
    row.account.id = NewUuid();
    row.account.name = name;
    row.account.role = volunteer.role;
    row.account.places = volunteer.places;
    row.account.organizations = volunteer.organizations;
    row.account.verifier = *verifier;
    row.created_at = now;
    if (auto ok = store.AddVolunteer(row); !ok) {
        return Forward<VolunteerRow>(ok.error());
    }
    if (auto ok = tx.Commit(); !ok) {
        return Forward<VolunteerRow>(ok.error());
    }
    return row;
}

Result<void> ResetPin(HubStore& store, const std::string& volunteer_id, const std::string& pin,
                      const Argon2Params& params, UtcTime now) {
    if (const std::string problem = PinProblem(pin); !problem.empty()) {
        return Fail("admin.bad_pin", problem);
    }
    auto verifier = MakePinVerifier(pin, params);
    if (!verifier) {
        return Unexpected<Error>(verifier.error());
    }
    Transaction tx(store.db());
    auto found = store.SetVerifier(volunteer_id, *verifier, now);
    if (!found) {
        return Unexpected<Error>(found.error());
    }
    if (!*found) {
        return Fail("admin.no_such_volunteer", "there is no volunteer " + volunteer_id);
    }
    return tx.Commit();
}

std::string_view KioskStateName(KioskState state) {
    switch (state) {
        case KioskState::kOnline:
            return "online";
        case KioskState::kDisconnected:
            return "disconnected";
        case KioskState::kOffline:
            return "offline";
        case KioskState::kRevoked:
            return "revoked";
    }
    return "?";
}

KioskState StateOf(const KioskRow& kiosk, const StatusSettings& settings, UtcTime now) {
    if (kiosk.revoked_at) {
        return KioskState::kRevoked;
    }
    if (!kiosk.last_seen_at) {
        return KioskState::kOffline;
    }
    const auto silent_s = (now - *kiosk.last_seen_at).count();
    if (silent_s <= settings.online_within_s) {
        return KioskState::kOnline;
    }
    if (silent_s <= settings.offline_after_s) {
        return KioskState::kDisconnected;
    }
    return KioskState::kOffline;
}

Result<FleetStatus> Fleet(HubStore& store, const StatusSettings& settings, UtcTime now) {
    ReadTransaction snapshot(store.db());
    FleetStatus fleet;
    auto feed = store.Feed();
    if (!feed) {
        return Forward<FleetStatus>(feed.error());
    }
    fleet.feed = *feed;
    auto kiosks = store.Kiosks();
    if (!kiosks) {
        return Forward<FleetStatus>(kiosks.error());
    }
    for (KioskRow& kiosk : *kiosks) {
        FleetEntry entry;
        entry.state = StateOf(kiosk, settings, now);
        auto place = store.Record(kiosk.place_id);
        if (!place) {
            return Forward<FleetStatus>(place.error());
        }
        entry.place_name = kiosk.place_id;
        if (*place && !(*place)->deleted) {
            const AnyRecord decoded = Decode(RecordKind::kPlace, (*place)->body);
            if (const auto* p = std::get_if<Place>(&decoded)) {
                entry.place_name = p->name.De();
            }
        }
        if (!kiosk.cursor.empty()) {
            if (const auto cursor = ParseCursor(kiosk.cursor)) {
                if (cursor->first == feed->epoch) {
                    entry.behind = std::max<std::int64_t>(0, feed->last_seq - cursor->second);
                } else {
                    entry.needs_resync = true;
                }
            }
        } else if (kiosk.heartbeat_at) {
            entry.behind = feed->last_seq;
        }
        entry.kiosk = std::move(kiosk);
        fleet.kiosks.push_back(std::move(entry));
    }
    auto conflicts = store.Conflicts(false);
    if (!conflicts) {
        return Forward<FleetStatus>(conflicts.error());
    }
    fleet.open_conflicts = static_cast<std::int64_t>(conflicts->size());
    return fleet;
}

}  // namespace treffpunkt::hub
