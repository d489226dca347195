#include "sync/replica/sync_store.hpp"

#include "sync/replica/database.hpp"
#include "sync/replica/replica.hpp"

namespace treffpunkt {

namespace {

std::int64_t ToUnix(UtcTime t) {
    return t.time_since_epoch().count();
}
UtcTime FromUnix(std::int64_t s) {
    return UtcTime{std::chrono::seconds{s}};
}

std::optional<OutboxState> StateFromName(std::string_view name) {
    for (OutboxState s : {OutboxState::kPending, OutboxState::kConflict, OutboxState::kRejected}) {
        if (OutboxStateName(s) == name) {
            return s;
        }
    }
    return std::nullopt;
}

constexpr const char* kOutboxColumns =
    "seq, edit_id, op, kind, record_id, base_revision, fields, volunteer_id, made_at, "
    "resolves_conflict, state, answer";

OutboxEntry ReadEntry(Statement& s) {
    OutboxEntry e;
    e.seq = s.Int(0);
    e.edit_id = s.Text(1);
    e.op = s.Text(2);
    e.kind = s.Text(3);
    e.record_id = s.Text(4);
    e.base_revision = s.Int(5);
    e.fields_json = s.Text(6);
    e.volunteer_id = s.Text(7);
    e.made_at = FromUnix(s.Int(8));
    if (!s.IsNull(9)) {
        e.resolves_conflict = s.Int(9);
    }
    e.state = StateFromName(s.TextView(10)).value_or(OutboxState::kPending);
    e.answer_json = s.Text(11);
    return e;
}

}  // namespace

std::string_view OutboxStateName(OutboxState state) {
    switch (state) {
        case OutboxState::kPending:
            return "pending";
        case OutboxState::kConflict:
            return "conflict";
        case OutboxState::kRejected:
            return "rejected";
    }
    return "pending";
}

SyncStore::SyncStore(Replica& replica) : m_db(replica.db()) {}

Result<void> SyncStore::Set(const char* key, const std::string& value) {
    auto& stmt = m_db.Cached(
        "INSERT INTO sync_state (key, value) VALUES (?1, ?2) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    return stmt.Bind(1, key).Bind(2, value).Run();
}

Result<SyncState> SyncStore::State() {
    SyncState state;
    auto& stmt = m_db.Cached("SELECT key, value FROM sync_state");
    while (true) {
        auto row = stmt.Step();
        if (!row) {
            return ErrorFrom(row);
        }
        if (!*row) {
            break;
        }
        const std::string_view key = stmt.TextView(0);
        std::string value = stmt.Text(1);
        if (key == "cursor") {
            state.cursor = std::move(value);
        } else if (key == "etag") {
            state.etag = std::move(value);
        } else if (key == "last_success") {
            state.last_success = ParseUtcTime(value);
        } else if (key == "last_attempt") {
            state.last_attempt = ParseUtcTime(value);
        } else if (key == "last_error_code") {
            state.last_error_code = std::move(value);
        } else if (key == "last_error_message") {
            state.last_error_message = std::move(value);
        } else if (key == "device_token") {
            state.device_token = std::move(value);
        } else if (key == "kiosk_id") {
            state.kiosk_id = std::move(value);
        } else if (key == "place_id") {
            state.place_id = std::move(value);
        } else if (key == "pairing_code") {
            state.pairing_code = std::move(value);
        } else if (key == "pairing_secret") {
            state.pairing_secret = std::move(value);
        } else if (key == "pairing_expires") {
            state.pairing_expires = ParseUtcTime(value);
        }
    }
    return state;
}

Result<void> SyncStore::SetCursor(const std::string& cursor, const std::string& etag) {
    if (auto r = Set("cursor", cursor); !r) {
        return r;
    }
    return Set("etag", etag);
}

Result<void> SyncStore::RecordSuccess(UtcTime now) {
    for (const auto& [key, value] :
         {std::pair<const char*, std::string>{"last_success", FormatUtcTime(now)},
          {"last_attempt", FormatUtcTime(now)},
          {"last_error_code", ""},
          {"last_error_message", ""}}) {
        if (auto r = Set(key, value); !r) {
            return r;
        }
    }
    return Ok();
}

Result<void> SyncStore::RecordFailure(UtcTime now, const Error& error) {
    for (const auto& [key, value] :
         {std::pair<const char*, std::string>{"last_attempt", FormatUtcTime(now)},
          {"last_error_code", error.code},
          {"last_error_message", error.message}}) {
        if (auto r = Set(key, value); !r) {
            return r;
        }
    }
    return Ok();
}

Result<void> SyncStore::SetPairing(const std::string& code, const std::string& secret,
                                   UtcTime expires) {
    for (const auto& [key, value] : {std::pair<const char*, std::string>{"pairing_code", code},
                                     {"pairing_secret", secret},
                                     {"pairing_expires", FormatUtcTime(expires)}}) {
        if (auto r = Set(key, value); !r) {
            return r;
        }
    }
    return Ok();
}

Result<void> SyncStore::SetCredentials(const std::string& token, const std::string& kiosk_id,
                                       const std::string& place_id) {
    for (const auto& [key, value] : {std::pair<const char*, std::string>{"device_token", token},
                                     {"kiosk_id", kiosk_id},
                                     {"place_id", place_id}}) {
        if (auto r = Set(key, value); !r) {
            return r;
        }
    }
    return m_db.Exec(
        "DELETE FROM sync_state WHERE key IN ('pairing_code', 'pairing_secret', "
        "'pairing_expires')");
}

Result<void> SyncStore::ClearCredentials() {
    return m_db.Exec(
        "DELETE FROM sync_state WHERE key IN ('device_token', 'kiosk_id', 'cursor', 'etag', "
        "'pairing_code', 'pairing_secret', 'pairing_expires')");
}

Result<void> SyncStore::ResetCursor() {
    return m_db.Exec("DELETE FROM sync_state WHERE key IN ('cursor', 'etag')");
}

Result<std::int64_t> SyncStore::Enqueue(const OutboxEntry& e) {
    auto& stmt = m_db.Cached(
        "INSERT INTO outbox (edit_id, op, kind, record_id, base_revision, fields, volunteer_id, "
        "made_at, resolves_conflict, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "'pending')");
    stmt.Bind(1, e.edit_id)
        .Bind(2, e.op)
        .Bind(3, e.kind)
        .Bind(4, e.record_id)
        .Bind(5, e.base_revision)
        .Bind(6, e.fields_json)
        .Bind(7, e.volunteer_id)
        .Bind(8, ToUnix(e.made_at))
        .Bind(9, e.resolves_conflict);
    if (auto r = stmt.Run(); !r) {
        return ErrorFrom(r);
    }
    return m_db.LastInsertRowId();
}

Result<std::vector<OutboxEntry>> SyncStore::Pending(size_t limit) {
    auto stmt = m_db.Prepare(std::string("SELECT ") + kOutboxColumns +
                             " FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?1");
    if (!stmt) {
        return ErrorFrom(stmt);
    }
    stmt->Bind(1, static_cast<std::int64_t>(limit));
    return Collect<OutboxEntry>(*stmt, ReadEntry);
}

Result<std::vector<OutboxEntry>> SyncStore::All() {
    auto stmt = m_db.Prepare(std::string("SELECT ") + kOutboxColumns + " FROM outbox ORDER BY seq");
    if (!stmt) {
        return ErrorFrom(stmt);
    }
    return Collect<OutboxEntry>(*stmt, ReadEntry);
}

Result<std::vector<OutboxEntry>> SyncStore::PendingFor(std::string_view record_id) {
    auto stmt = m_db.Prepare(std::string("SELECT ") + kOutboxColumns +
                             " FROM outbox WHERE record_id = ?1 AND state = 'pending' "
                             "ORDER BY seq");
    if (!stmt) {
        return ErrorFrom(stmt);
    }
    stmt->Bind(1, record_id);
    return Collect<OutboxEntry>(*stmt, ReadEntry);
}

Result<size_t> SyncStore::PendingCount() {
    auto& stmt = m_db.Cached("SELECT count(*) FROM outbox WHERE state = 'pending'");
    auto row = stmt.Step();
    if (!row) {
        return ErrorFrom(row);
    }
    const auto count = static_cast<size_t>(stmt.Int(0));
    stmt.Reset();
    return count;
}

Result<void> SyncStore::MarkApplied(std::string_view edit_id) {
    return m_db.Cached("DELETE FROM outbox WHERE edit_id = ?1").Bind(1, edit_id).Run();
}

Result<void> SyncStore::MarkAnswered(std::string_view edit_id, OutboxState state,
                                     const std::string& answer_json) {
    auto& stmt = m_db.Cached("UPDATE outbox SET state = ?2, answer = ?3 WHERE edit_id = ?1");
    return stmt.Bind(1, edit_id).Bind(2, OutboxStateName(state)).Bind(3, answer_json).Run();
}

Result<void> SyncStore::Acknowledge(std::string_view edit_id) {
    return m_db.Cached("DELETE FROM outbox WHERE edit_id = ?1 AND state != 'pending'")
        .Bind(1, edit_id)
        .Run();
}

Result<void> SyncStore::ReplaceVolunteers(const std::vector<VolunteerEntry>& volunteers) {
    if (auto r = m_db.Exec("DELETE FROM volunteers"); !r) {
        return r;
    }
    for (const VolunteerEntry& v : volunteers) {
        auto& stmt = m_db.Cached(
            "INSERT INTO volunteers (id, name, role, places, organizations, verifier) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        stmt.Bind(1, v.id)
            .Bind(2, v.name)
            .Bind(3, v.role)
            .Bind(4, v.places_json)
            .Bind(5, v.organizations_json)
            .Bind(6, v.verifier);
        if (auto r = stmt.Run(); !r) {
            return r;
        }
    }
    return Ok();
}

Result<std::vector<VolunteerEntry>> SyncStore::Volunteers() {
    auto& stmt = m_db.Cached(
        "SELECT id, name, role, places, organizations, verifier FROM volunteers ORDER BY name");
    return Collect<VolunteerEntry>(stmt, [](Statement& s) {
        return VolunteerEntry{s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5)};
    });
}

}  // namespace treffpunkt
