#include "kiosk/app/record_edit.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/app/schedule_choice.hpp"
#include "sync/model/validation.hpp"
#include "sync/protocol/authorization.hpp"
#include "sync/replica/replica.hpp"

namespace treffpunkt {

using nlohmann::json;

namespace {

// Looks references up in the replica.
class ReplicaIndex : public RecordIndex {
  public:
    explicit ReplicaIndex(Replica& replica) : m_replica(replica) {}
    std::optional<RecordKind> KindOfId(std::string_view id) const override {
        auto record = m_replica.Get(id);
        if (!record || !*record || MetaOf(**record).deleted) {
            return std::nullopt;
        }
        return KindOf(**record);
    }
    std::optional<std::string> VocabularyOf(std::string_view id) const override {
        auto record = m_replica.Get(id);
        if (!record || !*record) {
            return std::nullopt;
        }
        if (const auto* term = std::get_if<TaxonomyTerm>(&**record)) {
            return term->vocabulary;
        }
        return std::nullopt;
    }

  private:
    Replica& m_replica;
};

// The record's body as the protocol sends it: without id, revision, updated, deleted.
json Body(const AnyRecord& record) {
    json body = ToJson(record);
    for (const char* meta : {"id", "revision", "updated", "deleted"}) {
        body.erase(meta);
    }
    return body;
}

std::vector<std::string> StringList(const std::string& json_text) {
    std::vector<std::string> out;
    const json list = json::parse(json_text, nullptr, false);
    if (!list.is_array()) {
        return {"\x01"};  // marks the entry as damaged for the caller
    }
    for (const json& item : list) {
        if (!item.is_string()) {
            return {"\x01"};
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

}  // namespace

std::optional<protocol::VolunteerAccount> AccountFromEntry(const VolunteerEntry& entry) {
    protocol::VolunteerAccount account;
    account.id = entry.id;
    account.name = entry.name;
    const auto role = protocol::VolunteerRoleFromName(entry.role);
    if (!role) {
        return std::nullopt;
    }
    account.role = *role;
    account.places = StringList(entry.places_json);
    account.organizations = StringList(entry.organizations_json);
    for (const auto* list : {&account.places, &account.organizations}) {
        if (list->size() == 1 && list->front() == "\x01") {
            return std::nullopt;
        }
    }
    account.verifier = entry.verifier;
    return account;
}

Result<OutboxEntry> PrepareEdit(Replica& replica, const protocol::VolunteerAccount& volunteer,
                                const std::optional<AnyRecord>& before, const AnyRecord& after,
                                UtcTime now, std::vector<Problem>& problems) {
    const bool deleting = MetaOf(after).deleted;
    // Who may: the record as it was (for a change or a deletion) and as it will be.
    if (before) {
        if (auto why = protocol::WhyNotEditable(volunteer, *before)) {
            return Fail("edit.not_allowed", *why);
        }
    }
    if (!deleting) {
        if (auto why = protocol::WhyNotEditable(volunteer, after)) {
            return Fail("edit.not_allowed", *why);
        }
        const size_t problems_before = problems.size();
        ValidateRecord(after, "", problems);
        ValidateReferences(after, ReplicaIndex(replica), "", problems);
        if (problems.size() != problems_before) {
            return Fail("edit.invalid", std::to_string(problems.size() - problems_before) +
                                            " problem(s) in the record");
        }
    }

    OutboxEntry entry;
    entry.edit_id = NewUuid();
    entry.kind = std::string(RecordKindName(KindOf(after)));
    entry.record_id = MetaOf(after).id;
    entry.volunteer_id = volunteer.id;
    entry.made_at = now;
    json fields = json::object();
    if (!before) {
        entry.op = "create";
        entry.base_revision = 0;
        fields = Body(after);
    } else if (deleting) {
        entry.op = "delete";
        entry.base_revision = MetaOf(*before).revision;
    } else {
        entry.op = "update";
        entry.base_revision = MetaOf(*before).revision;
        const json old_body = Body(*before);
        const json new_body = Body(after);
        for (const auto& [key, value] : new_body.items()) {
            if (!old_body.contains(key) || old_body[key] != value) {
                fields[key] = value;
            }
        }
        for (const auto& [key, value] : old_body.items()) {
            if (!new_body.contains(key)) {
                fields[key] = nullptr;  // cleared
            }
        }
        if (fields.empty()) {
            return Fail("edit.unchanged", "nothing was changed");
        }
    }
    entry.fields_json = fields.dump();
    return entry;
}

AnyRecord ConfirmedOn(AnyRecord record, Date today) {
    MetaOf(record).last_checked = today;
    return record;
}

Result<Offer> Paused(Offer offer, Date from, Date until, const LocalizedText& note) {
    if (!offer.schedule) {
        return Fail("edit.no_schedule", "the offer has no schedule to pause");
    }
    AddClosure(*offer.schedule, from, until, note);
    return offer;
}

Offer Retired(Offer offer) {
    offer.status = OfferStatus::kRetired;
    return offer;
}

}  // namespace treffpunkt
