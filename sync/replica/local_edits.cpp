#include "sync/replica/local_edits.hpp"

#include <nlohmann/json.hpp>

#include "sync/replica/database.hpp"
#include "sync/replica/replica.hpp"

namespace treffpunkt {

namespace {

using nlohmann::json;

std::string Dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Applies one outbox entry to `record` (null = no record). False if its fields are unusable.
bool ApplyEntry(const OutboxEntry& entry, const std::string& id, json& record) {
    if (entry.op == "delete") {
        record = nullptr;
        return true;
    }
    const json fields = json::parse(entry.fields_json, nullptr, false);
    if (!fields.is_object()) {
        return false;
    }
    if (entry.op == "create") {
        json created = fields;
        if (record.is_object()) {
            // The hub has the record already (the create was applied, its answer not yet in):
            // keep the hub's meta fields.
            for (const char* meta : {"revision", "updated"}) {
                created[meta] = record[meta];
            }
        } else {
            created["revision"] = 0;
            created["updated"] = FormatUtcTime(entry.made_at);
        }
        created["id"] = id;
        record = std::move(created);
        return true;
    }
    if (entry.op != "update") {
        return false;
    }
    if (!record.is_object()) {
        return true;  // an update of a record that is gone stays gone
    }
    for (const auto& [field, value] : fields.items()) {
        if (field == "id" || field == "revision" || field == "updated" || field == "deleted") {
            continue;
        }
        if (value.is_null()) {
            record.erase(field);
        } else {
            record[field] = value;
        }
    }
    return true;
}

std::optional<AnyRecord> Decode(RecordKind kind, const json& record, const std::string& path,
                                std::vector<Problem>& problems) {
    if (!record.is_object()) {
        return std::nullopt;
    }
    std::vector<Problem> found;
    AnyRecord decoded = RecordFromJson(kind, record, path, found, UnknownFields::kReject);
    if (!found.empty()) {
        problems.insert(problems.end(), found.begin(), found.end());
        return std::nullopt;
    }
    return decoded;
}

}  // namespace

std::optional<AnyRecord> ApplyEdits(RecordKind kind, const std::string& id,
                                    const std::optional<AnyRecord>& hub,
                                    const std::vector<OutboxEntry>& pending,
                                    std::vector<Problem>& problems) {
    json record = hub && !MetaOf(*hub).deleted ? ToJson(*hub) : json();
    for (const OutboxEntry& entry : pending) {
        const std::string path = "edits[" + std::to_string(entry.seq) + "]";
        json next = record;
        if (!ApplyEntry(entry, id, next)) {
            problems.push_back({path + ".fields", "must be a JSON object of record fields"});
            continue;
        }
        // Each step must give a whole record, so that one bad entry cannot spoil the others.
        std::vector<Problem> found;
        if (next.is_object() && !Decode(kind, next, path + ".fields", found)) {
            problems.insert(problems.end(), found.begin(), found.end());
            continue;
        }
        record = std::move(next);
    }
    std::vector<Problem> ignored;
    return Decode(kind, record, "", ignored);
}

LocalEdits::LocalEdits(Replica& replica) : m_replica(replica), m_store(replica) {}

Result<std::optional<AnyRecord>> LocalEdits::HubCopy(std::string_view record_id) {
    auto& stmt = m_replica.db().Cached("SELECT kind, body FROM hub_copies WHERE id = ?1");
    stmt.Bind(1, record_id);
    auto row = stmt.Step();
    if (!row) {
        return ErrorFrom(row);
    }
    if (!*row) {
        return std::optional<AnyRecord>{};
    }
    const auto kind = RecordKindFromName(stmt.TextView(0)).value_or(RecordKind::kOffer);
    std::optional<AnyRecord> copy;
    if (stmt.IsNull(1)) {
        copy = MakeTombstone(kind, std::string(record_id), 0, UtcTime{});
    } else {
        const json body = json::parse(stmt.TextView(1), nullptr, false);
        std::vector<Problem> problems;
        copy = RecordFromJson(kind, body, "", problems, UnknownFields::kIgnore);
    }
    stmt.Reset();
    return copy;
}

Result<void> LocalEdits::KeepCopy(RecordKind kind, const std::string& id, const AnyRecord* hub) {
    auto& stmt = m_replica.db().Cached(
        "INSERT INTO hub_copies (id, kind, body) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, body = excluded.body");
    stmt.Bind(1, id).Bind(2, RecordKindName(kind));
    if (hub == nullptr || MetaOf(*hub).deleted) {
        stmt.BindNull(3);
    } else {
        stmt.Bind(3, Dump(ToJson(*hub)));
    }
    return stmt.Run();
}

Result<void> LocalEdits::DropCopy(std::string_view id) {
    return m_replica.db().Cached("DELETE FROM hub_copies WHERE id = ?1").Bind(1, id).Run();
}

Result<void> LocalEdits::Show(RecordKind kind, const std::string& id,
                              const std::optional<AnyRecord>& hub, UtcTime now,
                              std::vector<Problem>& problems) {
    auto pending = m_store.PendingFor(id);
    if (!pending) {
        return ErrorFrom(pending);
    }
    if (pending->empty()) {
        if (auto r = DropCopy(id); !r) {
            return r;
        }
        if (!hub || MetaOf(*hub).deleted) {
            return m_replica.RemoveRecord(id);
        }
        return m_replica.PutRecord(*hub, now);
    }
    if (auto r = KeepCopy(kind, id, hub ? &*hub : nullptr); !r) {
        return r;
    }
    const auto shown = ApplyEdits(kind, id, hub, *pending, problems);
    if (!shown) {
        return m_replica.RemoveRecord(id);
    }
    return m_replica.PutRecord(*shown, now);
}

Result<std::int64_t> LocalEdits::Save(const OutboxEntry& entry, UtcTime now) {
    const auto kind = RecordKindFromName(entry.kind);
    if (!kind) {
        return Fail("edit.invalid", "unknown kind of record \"" + entry.kind + "\"");
    }
    Database& db = m_replica.db();
    if (auto r = db.Exec("PRAGMA synchronous=FULL"); !r) {
        return ErrorFrom(r);
    }
    auto saved = [&]() -> Result<std::int64_t> {
        auto tx = Transaction::Begin(db);
        if (!tx) {
            return ErrorFrom(tx);
        }
        auto copy = HubCopy(entry.record_id);
        if (!copy) {
            return ErrorFrom(copy);
        }
        std::optional<AnyRecord> hub = std::move(*copy);
        if (!hub) {
            // The first pending edit of this record: what is stored now is the hub's version.
            auto current = m_replica.Get(entry.record_id);
            if (!current) {
                return ErrorFrom(current);
            }
            hub = *current ? std::move(*current)
                           : MakeTombstone(*kind, entry.record_id, 0, UtcTime{});
        }
        auto seq = m_store.Enqueue(entry);
        if (!seq) {
            return ErrorFrom(seq);
        }
        std::vector<Problem> problems;
        if (auto r = Show(*kind, entry.record_id, hub, now, problems); !r) {
            return ErrorFrom(r);
        }
        if (!problems.empty()) {
            std::string detail;
            for (const Problem& p : problems) {
                detail += (detail.empty() ? "" : "; ") + p.ToString();
            }
            return Fail("edit.invalid", "the edit does not give a valid record: " + detail);
        }
        if (auto r = tx->Commit(); !r) {
            return ErrorFrom(r);
        }
        return seq;
    }();
    (void)db.Exec("PRAGMA synchronous=NORMAL");
    return saved;
}

Result<void> LocalEdits::PutHubRecord(const AnyRecord& record, UtcTime now) {
    const RecordMeta& meta = MetaOf(record);
    std::vector<Problem> problems;
    return Show(KindOf(record), meta.id, record, now, problems);
}

Result<void> LocalEdits::Reapply(std::string_view record_id, UtcTime now) {
    auto copy = HubCopy(record_id);
    if (!copy) {
        return ErrorFrom(copy);
    }
    if (!*copy) {
        return Ok();  // no local version was kept: the stored record is the hub's
    }
    std::vector<Problem> problems;
    return Show(KindOf(**copy), std::string(record_id), *copy, now, problems);
}

Result<std::vector<std::pair<std::string, RecordKind>>> LocalEdits::RecordsWithPendingEdits() {
    auto& stmt = m_replica.db().Cached(
        "SELECT record_id, kind FROM outbox WHERE state = 'pending' GROUP BY record_id "
        "ORDER BY min(seq)");
    return Collect<std::pair<std::string, RecordKind>>(stmt, [](Statement& s) {
        return std::pair{s.Text(0), RecordKindFromName(s.TextView(1)).value_or(RecordKind::kOffer)};
    });
}

Result<void> LocalEdits::ForgetSettledCopies() {
    return m_replica.db().Exec(
        "DELETE FROM hub_copies WHERE id NOT IN "
        "(SELECT record_id FROM outbox WHERE state = 'pending')");
}

}  // namespace treffpunkt
