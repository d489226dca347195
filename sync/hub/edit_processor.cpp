#include "sync/hub/edit_processor.hpp"

#include <algorithm>
#include <map>

#include "sync/hub/merge.hpp"
#include "sync/model/json_codec.hpp"
#include "sync/model/validation.hpp"
#include "sync/protocol/api.hpp"
#include "sync/protocol/authorization.hpp"
#include "sync/protocol/codec.hpp"

namespace treffpunkt::hub {

using nlohmann::json;
using protocol::EditAnswer;
using protocol::EditOp;
using protocol::EditStatus;
namespace errors = protocol::errors;

namespace {

// Fields every record has that an edit never sets.
bool IsMetaKey(const std::string& key) {
    return key == "id" || key == "revision" || key == "updated" || key == "deleted";
}

json ParseBody(std::string_view body) {
    return json::parse(body, nullptr, false);
}

std::string Dump(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

AnyRecord DecodeStored(RecordKind kind, const json& body) {
    std::vector<Problem> ignored;
    return RecordFromJson(kind, body, "", ignored, UnknownFields::kIgnore);
}

std::string FirstProblems(const std::vector<Problem>& problems) {
    std::string text;
    for (size_t i = 0; i < problems.size() && i < 3; ++i) {
        text += (i == 0 ? "" : "; ") + problems[i].ToString();
    }
    if (problems.size() > 3) {
        text += " (and " + std::to_string(problems.size() - 3) + " more)";
    }
    return text;
}

// Problems that the references of `referrer` would have if `id` were gone.
std::vector<Problem> BrokenReferences(HubStore& store, const StoredRecord& referrer,
                                      const std::string& id) {
    StoreRecordIndex index(store);
    index.Hide(id);
    std::vector<Problem> problems;
    const AnyRecord record = DecodeStored(referrer.kind, ParseBody(referrer.body));
    ValidateReferences(record, index,
                       std::string(RecordKindName(referrer.kind)) + "[" + referrer.id + "]",
                       problems);
    std::erase_if(problems,
                  [&](const Problem& p) { return p.message.find(id) == std::string::npos; });
    return problems;
}

// What deleting `id` would break; empty if nothing refers to it.
Result<std::vector<Problem>> ReferencesTo(HubStore& store, const std::string& id) {
    auto candidates = store.RecordsMentioning(id);
    if (!candidates) {
        return Unexpected<Error>(candidates.error());
    }
    std::vector<Problem> problems;
    for (const StoredRecord& candidate : *candidates) {
        for (Problem& p : BrokenReferences(store, candidate, id)) {
            problems.push_back(std::move(p));
        }
    }
    if (auto ok = store.db().TakeError(); !ok) {
        return Unexpected<Error>(ok.error());
    }
    return problems;
}

struct Outcome {
    EditAnswer answer;
    bool store_answer{true};  // false when the edit id belongs to another edit
};

class Applier {
  public:
    Applier(HubStore& store, const PushContext& context) : m_store(store), m_context(context) {}

    Result<Outcome> Apply(const protocol::Edit& edit) {
        m_edit = &edit;
        m_request = Dump(protocol::ToJsonValue(protocol::PushRequest{{edit}})["edits"][0]);
        const std::string& request = m_request;
        auto prior = m_store.FindEdit(edit.edit_id);
        if (!prior) {
            return Unexpected<Error>(prior.error());
        }
        if (*prior) {
            if ((*prior)->kiosk_id == m_context.kiosk_id && (*prior)->request == request) {
                return Replay((*prior)->answer);
            }
            Outcome outcome = Reject(errors::kEditIdReused,
                                     "edit id " + edit.edit_id +
                                         " was already used for a different edit; give every "
                                         "edit its own id");
            outcome.store_answer = false;
            return outcome;
        }
        auto volunteer = CheckVolunteer();
        if (!volunteer) {
            return Unexpected<Error>(volunteer.error());
        }
        if (!volunteer->has_value()) {
            return m_rejection;
        }
        m_volunteer = &**volunteer;
        if (edit.resolves_conflict) {
            auto conflict = m_store.Conflict(*edit.resolves_conflict);
            if (!conflict) {
                return Unexpected<Error>(conflict.error());
            }
            if (!*conflict || (*conflict)->record_id != edit.record_id ||
                (*conflict)->resolved_at) {
                return Reject(errors::kEditUnknownConflict,
                              "conflict " + std::to_string(*edit.resolves_conflict) +
                                  " is not an open conflict of record " + edit.record_id);
            }
        }
        Result<Outcome> outcome = Reject("", "");
        switch (edit.op) {
            case EditOp::kCreate:
                outcome = Create();
                break;
            case EditOp::kUpdate:
                outcome = Update();
                break;
            case EditOp::kDelete:
                outcome = Delete();
                break;
        }
        if (outcome && outcome->answer.status != EditStatus::kRejected && edit.resolves_conflict) {
            if (auto ok = m_store.ResolveConflict(*edit.resolves_conflict, edit.volunteer_id,
                                                  "settled by edit " + edit.edit_id, m_context.now);
                !ok) {
                return Unexpected<Error>(ok.error());
            }
        }
        return outcome;
    }

    // The canonical JSON of the edit last applied, as stored for replays.
    const std::string& request() const { return m_request; }

  private:
    Outcome Reject(std::string_view code, std::string message, std::vector<Problem> problems = {}) {
        Outcome o;
        o.answer.edit_id = m_edit->edit_id;
        o.answer.status = EditStatus::kRejected;
        o.answer.error =
            protocol::ApiError{std::string(code), std::move(message), std::move(problems)};
        return o;
    }

    Result<Outcome> Replay(const std::string& stored) {
        std::vector<Problem> problems;
        const json answers = {{"results", json::array({ParseBody(stored)})}};
        auto decoded =
            protocol::DecodeJson<protocol::PushAnswer>(answers, problems, UnknownFields::kIgnore);
        if (!decoded || decoded->results.size() != 1) {
            return Fail("db.corrupt",
                        "the stored answer of edit " + m_edit->edit_id + " cannot be read");
        }
        Outcome o;
        o.answer = std::move(decoded->results[0]);
        o.store_answer = false;
        return o;
    }

    // The volunteer, if they may act at this kiosk; else nullopt with m_rejection set.
    Result<std::optional<protocol::VolunteerAccount>> CheckVolunteer() {
        const std::string& id = m_edit->volunteer_id;
        if (const auto it = m_volunteers.find(id); it == m_volunteers.end()) {
            auto row = m_store.Volunteer(id);
            if (!row) {
                return Unexpected<Error>(row.error());
            }
            m_volunteers.emplace(id, std::move(*row));
        }
        const std::optional<VolunteerRow>& row = m_volunteers.at(id);
        if (!row) {
            m_rejection = Reject(errors::kEditUnknownVolunteer,
                                 "volunteer " + id + " is not known to the hub");
            return std::optional<protocol::VolunteerAccount>();
        }
        if (row->disabled_at) {
            m_rejection = Reject(errors::kEditVolunteerDisabled,
                                 "the account of " + row->account.name + " is disabled");
            return std::optional<protocol::VolunteerAccount>();
        }
        const auto& places = row->account.places;
        if (std::find(places.begin(), places.end(), m_context.kiosk_place_id) == places.end()) {
            m_rejection = Reject(errors::kEditVolunteerElsewhere,
                                 row->account.name + " is not a volunteer of this kiosk's place " +
                                     m_context.kiosk_place_id);
            return std::optional<protocol::VolunteerAccount>();
        }
        return std::optional(row->account);
    }

    ChangeAuthor Author() const {
        ChangeAuthor a;
        a.action = std::string(protocol::EditOpName(m_edit->op));
        a.actor = m_edit->volunteer_id;
        a.kiosk_id = m_context.kiosk_id;
        a.edit_id = m_edit->edit_id;
        a.made_at = m_edit->made_at;
        return a;
    }

    // `record` is the stored record if the caller has it decoded already.
    Outcome Applied(const StoredRecord& stored, std::optional<AnyRecord> record = std::nullopt) {
        Outcome o;
        o.answer.edit_id = m_edit->edit_id;
        o.answer.status = EditStatus::kApplied;
        o.answer.revision = stored.revision;
        o.answer.record =
            record ? std::move(record) : DecodeStored(stored.kind, ParseBody(stored.body));
        return o;
    }

    Result<Outcome> Conflicted(const StoredRecord& stored, std::int64_t base_revision,
                               std::vector<protocol::FieldConflict> fields,
                               std::int64_t hub_revision_before,
                               std::optional<AnyRecord> record = std::nullopt) {
        ConflictRow row;
        row.record_id = m_edit->record_id;
        row.kind = m_edit->kind;
        row.op = std::string(protocol::EditOpName(m_edit->op));
        row.edit_id = m_edit->edit_id;
        row.kiosk_id = m_context.kiosk_id;
        row.volunteer_id = m_edit->volunteer_id;
        row.created_at = m_context.now;
        row.made_at = m_edit->made_at;
        row.base_revision = base_revision;
        row.hub_revision = hub_revision_before;
        row.fields = fields;
        auto id = m_store.AddConflict(row);
        if (!id) {
            return Unexpected<Error>(id.error());
        }
        Outcome o = Applied(stored, std::move(record));
        o.answer.status = EditStatus::kConflict;
        o.answer.conflict_id = *id;
        o.answer.conflicts = std::move(fields);
        return o;
    }

    // Finds the current record for update/delete; nullopt with m_rejection set if unusable.
    Result<std::optional<StoredRecord>> CurrentRecord() {
        auto current = m_store.Record(m_edit->record_id);
        if (!current) {
            return Unexpected<Error>(current.error());
        }
        const std::string kind(RecordKindName(m_edit->kind));
        if (!*current) {
            m_rejection = Reject(errors::kEditNotFound,
                                 "there is no record " + m_edit->record_id + " in " + kind);
            return std::optional<StoredRecord>();
        }
        if ((*current)->kind != m_edit->kind) {
            m_rejection =
                Reject(errors::kEditNotFound, "record " + m_edit->record_id + " is in " +
                                                  std::string(RecordKindName((*current)->kind)) +
                                                  ", not in " + kind);
            return std::optional<StoredRecord>();
        }
        if (m_edit->base_revision > (*current)->revision) {
            m_rejection = Reject(errors::kEditBadBase, "base revision " +
                                                           std::to_string(m_edit->base_revision) +
                                                           " is newer than the hub's revision " +
                                                           std::to_string((*current)->revision) +
                                                           " of record " + m_edit->record_id);
            return std::optional<StoredRecord>();
        }
        return current;
    }

    // Validates a record about to be written; problems are returned.
    std::vector<Problem> Validate(const AnyRecord& record) {
        std::vector<Problem> problems;
        ValidateRecord(record, "", problems);
        StoreRecordIndex index(m_store);
        ValidateReferences(record, index, "", problems);
        return problems;
    }

    Result<Outcome> Create() {
        auto existing = m_store.Record(m_edit->record_id);
        if (!existing) {
            return Unexpected<Error>(existing.error());
        }
        if (*existing) {
            return Reject(errors::kEditExists,
                          (*existing)->deleted
                              ? "record " + m_edit->record_id +
                                    " was deleted on the hub; create a new record with a new id"
                              : "record " + m_edit->record_id + " already exists on the hub");
        }
        json body = m_edit->fields;
        body["id"] = m_edit->record_id;
        body["revision"] = 1;
        body["updated"] = FormatUtcTime(m_context.now);
        std::vector<Problem> problems;
        const AnyRecord record =
            RecordFromJson(m_edit->kind, body, "fields", problems, UnknownFields::kReject);
        if (!problems.empty()) {
            return Reject(errors::kEditInvalid,
                          "the new record cannot be read: " + FirstProblems(problems), problems);
        }
        if (auto why = protocol::WhyNotEditable(*m_volunteer, record)) {
            return Reject(errors::kEditForbidden, *why);
        }
        problems = Validate(record);
        if (!m_store.db().ok()) {
            return Unexpected<Error>(m_store.db().TakeError().error());
        }
        if (!problems.empty()) {
            return Reject(errors::kEditInvalid,
                          "the new record is not valid: " + FirstProblems(problems), problems);
        }
        auto stored = m_store.WriteRecord(record, "", Author(), m_context.now);
        if (!stored) {
            return Unexpected<Error>(stored.error());
        }
        return Applied(*stored);
    }

    Result<Outcome> Update() {
        auto found = CurrentRecord();
        if (!found) {
            return Unexpected<Error>(found.error());
        }
        if (!*found) {
            return m_rejection;
        }
        const StoredRecord& current = **found;
        const json now_json = ParseBody(current.body);
        json base;
        if (m_edit->base_revision == current.revision) {
            base = now_json;  // the common case: nobody changed it since
        } else {
            auto base_body = m_store.RevisionBody(m_edit->record_id, m_edit->base_revision);
            if (!base_body) {
                return Unexpected<Error>(base_body.error());
            }
            if (!*base_body) {
                return Reject(errors::kEditBadBase, "the hub does not know revision " +
                                                        std::to_string(m_edit->base_revision) +
                                                        " of record " + m_edit->record_id);
            }
            base = ParseBody(**base_body);
        }
        // A record deleted since the base is judged as it was when the volunteer saw it.
        if (auto why = protocol::WhyNotEditable(
                *m_volunteer, DecodeStored(current.kind, current.deleted ? base : now_json))) {
            return Reject(errors::kEditForbidden, *why);
        }
        // The record as the kiosk wants it: its base with the edit's fields, normalised by the
        // model's codec so that equal values compare equal.
        json edited = base;
        std::vector<std::string> fields;
        for (const auto& [key, value] : m_edit->fields.items()) {
            if (IsMetaKey(key)) {
                continue;
            }
            fields.push_back(key);
            if (value.is_null()) {
                edited.erase(key);
            } else {
                edited[key] = value;
            }
        }
        std::vector<Problem> problems;
        const AnyRecord edited_record =
            RecordFromJson(current.kind, edited, "fields", problems, UnknownFields::kReject);
        if (!problems.empty()) {
            return Reject(errors::kEditInvalid,
                          "the edit's fields cannot be read: " + FirstProblems(problems), problems);
        }
        const json edited_json = ToJson(edited_record);
        if (current.deleted) {
            // Nothing is dropped: the whole edit waits in the moderation queue.
            std::vector<protocol::FieldConflict> conflicts;
            for (const std::string& f : fields) {
                conflicts.push_back({f, FieldValue(base, f), nullptr, FieldValue(edited_json, f)});
            }
            return Conflicted(current, m_edit->base_revision, std::move(conflicts),
                              current.revision);
        }
        MergeResult merge = MergeFields(base, now_json, edited_json, fields);
        StoredRecord result = current;
        std::optional<AnyRecord> result_record;
        if (!merge.applied.empty()) {
            merge.merged["revision"] = current.revision + 1;
            merge.merged["updated"] = FormatUtcTime(m_context.now);
            AnyRecord record =
                RecordFromJson(current.kind, merge.merged, "", problems, UnknownFields::kReject);
            if (problems.empty()) {
                problems = Validate(record);
            }
            if (!m_store.db().ok()) {
                return Unexpected<Error>(m_store.db().TakeError().error());
            }
            if (!problems.empty()) {
                return Reject(errors::kEditInvalid,
                              "the record would not be valid: " + FirstProblems(problems),
                              problems);
            }
            if (auto why = protocol::WhyNotEditable(*m_volunteer, record)) {
                return Reject(errors::kEditForbidden, "after this edit: " + *why);
            }
            auto stored = m_store.WriteRecord(record, current.body, Author(), m_context.now);
            if (!stored) {
                return Unexpected<Error>(stored.error());
            }
            result = *stored;
            result_record = std::move(record);
        }
        if (!merge.conflicts.empty()) {
            return Conflicted(result, m_edit->base_revision, std::move(merge.conflicts),
                              current.revision, std::move(result_record));
        }
        return Applied(result, std::move(result_record));
    }

    Result<Outcome> Delete() {
        auto found = CurrentRecord();
        if (!found) {
            return Unexpected<Error>(found.error());
        }
        if (!*found) {
            return m_rejection;
        }
        const StoredRecord& current = **found;
        if (current.deleted) {
            return Applied(current);
        }
        const json now_json = ParseBody(current.body);
        if (auto why =
                protocol::WhyNotEditable(*m_volunteer, DecodeStored(current.kind, now_json))) {
            return Reject(errors::kEditForbidden, *why);
        }
        if (m_edit->base_revision != current.revision) {
            auto base_body = m_store.RevisionBody(m_edit->record_id, m_edit->base_revision);
            if (!base_body) {
                return Unexpected<Error>(base_body.error());
            }
            const json base = *base_body ? ParseBody(**base_body) : json::object();
            std::vector<protocol::FieldConflict> conflicts;
            std::vector<std::string> keys;
            for (const auto& [key, value] : now_json.items()) {
                keys.push_back(key);
            }
            for (const auto& [key, value] : base.items()) {
                if (!now_json.contains(key)) {
                    keys.push_back(key);
                }
            }
            for (const std::string& key : keys) {
                if (!IsMetaKey(key) && FieldValue(base, key) != FieldValue(now_json, key)) {
                    conflicts.push_back(
                        {key, FieldValue(base, key), FieldValue(now_json, key), nullptr});
                }
            }
            if (!conflicts.empty()) {
                // Someone changed the record after the volunteer saw it: a person decides.
                return Conflicted(current, m_edit->base_revision, std::move(conflicts),
                                  current.revision);
            }
        }
        auto references = ReferencesTo(m_store, m_edit->record_id);
        if (!references) {
            return Unexpected<Error>(references.error());
        }
        if (!references->empty()) {
            return Reject(errors::kEditReferenced,
                          "record " + m_edit->record_id +
                              " is still referred to: " + FirstProblems(*references),
                          *references);
        }
        const AnyRecord tombstone =
            MakeTombstone(current.kind, current.id, current.revision + 1, m_context.now);
        auto stored = m_store.WriteRecord(tombstone, current.body, Author(), m_context.now);
        if (!stored) {
            return Unexpected<Error>(stored.error());
        }
        return Applied(*stored);
    }

    HubStore& m_store;
    const PushContext& m_context;
    std::string m_request;
    const protocol::Edit* m_edit{nullptr};
    const protocol::VolunteerAccount* m_volunteer{nullptr};
    std::map<std::string, std::optional<VolunteerRow>> m_volunteers;
    Outcome m_rejection;
};

}  // namespace

Result<protocol::PushAnswer> ApplyPush(HubStore& store, const protocol::PushRequest& request,
                                       const PushContext& context) {
    Database& db = store.db();
    Transaction tx(db);
    protocol::PushAnswer answer;
    Applier applier(store, context);
    for (const protocol::Edit& edit : request.edits) {
        Result<Outcome> outcome = Fail("db.error", "not applied");
        {
            Savepoint savepoint(db);
            outcome = applier.Apply(edit);
            if (outcome && outcome->answer.status != EditStatus::kRejected) {
                savepoint.Release();
            }
        }
        if (!outcome) {
            return Unexpected<Error>(outcome.error());
        }
        if (auto ok = db.TakeError(); !ok) {
            return Unexpected<Error>(ok.error());
        }
        if (outcome->store_answer) {
            const json stored =
                protocol::ToJsonValue(protocol::PushAnswer{{outcome->answer}})["results"][0];
            if (auto ok =
                    store.SaveEdit(edit.edit_id, context.kiosk_id, applier.request(), Dump(stored),
                                   protocol::EditStatusName(outcome->answer.status), context.now);
                !ok) {
                return Unexpected<Error>(ok.error());
            }
        }
        answer.results.push_back(std::move(outcome->answer));
    }
    if (auto ok = tx.Commit(); !ok) {
        return Unexpected<Error>(ok.error());
    }
    return answer;
}

Result<std::int64_t> ResolveConflictAsAdmin(HubStore& store, std::int64_t id,
                                            const Resolution& resolution, UtcTime now) {
    Database& db = store.db();
    Transaction tx(db);
    auto conflict = store.Conflict(id);
    if (!conflict) {
        return Unexpected<Error>(conflict.error());
    }
    if (!*conflict) {
        return Fail("conflict.unknown", "there is no conflict " + std::to_string(id));
    }
    const ConflictRow& c = **conflict;
    if (c.resolved_at) {
        return Fail("conflict.resolved", "conflict " + std::to_string(id) +
                                             " was already resolved (" + c.resolution + ")");
    }
    std::vector<std::string> taken;
    std::string text;
    for (const auto& [field, kiosk] : resolution.take_kiosk) {
        const bool known = std::any_of(c.fields.begin(), c.fields.end(),
                                       [&](const auto& f) { return f.field == field; });
        if (!known) {
            return Fail("conflict.invalid",
                        "field \"" + field + "\" is not in conflict " + std::to_string(id));
        }
        text += (text.empty() ? "" : ",") + field + "=" + (kiosk ? "kiosk" : "hub");
        if (kiosk) {
            taken.push_back(field);
        }
    }
    auto current = store.Record(c.record_id);
    if (!current) {
        return Unexpected<Error>(current.error());
    }
    if (!*current) {
        return Fail("conflict.invalid", "record " + c.record_id + " no longer exists on the hub");
    }
    std::int64_t revision = (*current)->revision;
    if (!taken.empty()) {
        ChangeAuthor author{"resolve", "admin", c.kiosk_id, c.edit_id, c.made_at};
        AnyRecord record;
        if (c.op == "delete") {
            auto refs = ReferencesTo(store, c.record_id);
            if (!refs) {
                return Unexpected<Error>(refs.error());
            }
            if (!refs->empty()) {
                return Fail("conflict.invalid",
                            "cannot delete " + c.record_id +
                                ": it is still referred to: " + FirstProblems(*refs));
            }
            record = MakeTombstone(c.kind, c.record_id, revision + 1, now);
        } else {
            json body;
            if ((*current)->deleted) {
                auto base = store.RevisionBody(c.record_id, c.base_revision);
                if (!base) {
                    return Unexpected<Error>(base.error());
                }
                body = *base ? ParseBody(**base) : json::object();
            } else {
                body = ParseBody((*current)->body);
            }
            for (const protocol::FieldConflict& f : c.fields) {
                if (std::find(taken.begin(), taken.end(), f.field) == taken.end()) {
                    continue;
                }
                if (f.kiosk.is_null()) {
                    body.erase(f.field);
                } else {
                    body[f.field] = f.kiosk;
                }
            }
            body["id"] = c.record_id;
            body["revision"] = revision + 1;
            body["updated"] = FormatUtcTime(now);
            body.erase("deleted");
            std::vector<Problem> problems;
            record = RecordFromJson(c.kind, body, "", problems, UnknownFields::kReject);
            if (problems.empty()) {
                ValidateRecord(record, "", problems);
                StoreRecordIndex index(store);
                ValidateReferences(record, index, "", problems);
            }
            if (!problems.empty()) {
                return Fail("conflict.invalid",
                            "taking the kiosk's values would make the record invalid: " +
                                FirstProblems(problems));
            }
        }
        auto stored = store.WriteRecord(record, (*current)->body, author, now);
        if (!stored) {
            return Unexpected<Error>(stored.error());
        }
        revision = stored->revision;
    }
    if (text.empty()) {
        text = "hub";
    }
    if (auto ok = store.ResolveConflict(id, "admin", text, now); !ok) {
        return Unexpected<Error>(ok.error());
    }
    if (auto ok = tx.Commit(); !ok) {
        return Unexpected<Error>(ok.error());
    }
    return revision;
}

}  // namespace treffpunkt::hub
