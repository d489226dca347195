#include "sync/hub/hub_store.hpp"

#include <array>

#include "sync/hub/secrets.hpp"
#include "sync/model/json_codec.hpp"

namespace treffpunkt::hub {

namespace {

// Numbered migrations: kMigrations[i] brings the schema from version i to i + 1. Never edit a
// migration that has shipped; add a new one.
constexpr std::array<std::string_view, 1> kMigrations = {
    R"sql(
-- The feed: one row. last_seq numbers every change; purged_through is the newest sequence
-- number of a tombstone that was purged (older cursors must resync); epoch changes on restore.
CREATE TABLE feed (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    epoch TEXT NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0,
    purged_through INTEGER NOT NULL DEFAULT 0,
    volunteers_version INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

-- The newest state of each record, tombstones included (until purged).
CREATE TABLE records (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    revision INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    deleted_at INTEGER,
    vocabulary TEXT,
    body TEXT NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX records_by_seq ON records (seq);

-- Every revision of every record, so that a pushed edit can be compared with its base.
CREATE TABLE revisions (
    id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (id, revision)
) WITHOUT ROWID;

-- Every change: who, from which kiosk, when, before and after.
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    revision INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    kiosk_id TEXT,
    edit_id TEXT,
    made_at INTEGER,
    before TEXT,
    after TEXT NOT NULL
);
CREATE INDEX audit_by_record ON audit (record_id, seq);

CREATE TABLE kiosks (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    place_id TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    first_used_at INTEGER,
    last_seen_at INTEGER,
    last_address TEXT,
    heartbeat_at INTEGER,
    version TEXT,
    cursor TEXT,
    outbox INTEGER,
    last_error TEXT,
    free_disk_bytes INTEGER,
    uptime_s INTEGER,
    kiosk_clock INTEGER
) WITHOUT ROWID;

CREATE TABLE pairings (
    code TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL UNIQUE,
    kiosk_name TEXT,
    version TEXT,
    address TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    kiosk_id TEXT,
    approved_at INTEGER,
    finished_at INTEGER
) WITHOUT ROWID;

CREATE TABLE volunteers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('volunteer', 'coordinator')),
    verifier TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    disabled_at INTEGER
) WITHOUT ROWID;
CREATE TABLE volunteer_places (
    volunteer_id TEXT NOT NULL REFERENCES volunteers (id),
    place_id TEXT NOT NULL,
    PRIMARY KEY (volunteer_id, place_id)
) WITHOUT ROWID;
CREATE INDEX volunteer_places_by_place ON volunteer_places (place_id);
CREATE TABLE volunteer_organizations (
    volunteer_id TEXT NOT NULL REFERENCES volunteers (id),
    organization_id TEXT NOT NULL,
    PRIMARY KEY (volunteer_id, organization_id)
) WITHOUT ROWID;

-- Every pushed edit with the answer it got: a replay gets the same answer.
CREATE TABLE edits (
    edit_id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    request TEXT NOT NULL,
    answer TEXT NOT NULL,
    status TEXT NOT NULL,
    received_at INTEGER NOT NULL
) WITHOUT ROWID;

-- The moderation queue.
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    op TEXT NOT NULL,
    edit_id TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    volunteer_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    made_at INTEGER,
    base_revision INTEGER NOT NULL,
    hub_revision INTEGER NOT NULL,
    fields TEXT NOT NULL,
    resolved_at INTEGER,
    resolved_by TEXT,
    resolution TEXT
);
CREATE INDEX conflicts_open ON conflicts (resolved_at, id);
)sql",
};

std::int64_t Unix(UtcTime t) {
    return t.time_since_epoch().count();
}
UtcTime FromUnix(std::int64_t s) {
    return UtcTime{std::chrono::seconds{s}};
}
std::optional<UtcTime> OptionalTime(const Statement& q, int column) {
    const auto v = q.OptionalInt(column);
    return v ? std::optional(FromUnix(*v)) : std::nullopt;
}
std::optional<std::int64_t> OptionalUnix(const std::optional<UtcTime>& t) {
    return t ? std::optional(Unix(*t)) : std::nullopt;
}

RecordKind KindFromColumn(std::string_view name) {
    return RecordKindFromName(name).value_or(RecordKind::kOffer);
}

template <class T>
Result<T> Finish(Database& db, T value) {
    if (auto ok = db.TakeError(); !ok) {
        return Unexpected<Error>(ok.error());
    }
    return value;
}

Result<void> FinishVoid(Database& db) {
    return db.TakeError();
}

constexpr const char* kRecordColumns = "id, kind, revision, seq, deleted, body";

StoredRecord ReadStored(const Statement& q) {
    StoredRecord r;
    r.id = q.Text(0);
    r.kind = KindFromColumn(q.TextView(1));
    r.revision = q.Int(2);
    r.seq = q.Int(3);
    r.deleted = q.Int(4) != 0;
    r.body = q.Text(5);
    return r;
}

constexpr const char* kKioskSelect =
    "SELECT id, name, place_id, created_at, revoked_at, token_hash IS NOT NULL, first_used_at, "
    "last_seen_at, last_address, heartbeat_at, version, cursor, outbox, last_error, "
    "free_disk_bytes, uptime_s, kiosk_clock FROM kiosks";

KioskRow ReadKiosk(const Statement& q) {
    KioskRow k;
    k.id = q.Text(0);
    k.name = q.Text(1);
    k.place_id = q.Text(2);
    k.created_at = FromUnix(q.Int(3));
    k.revoked_at = OptionalTime(q, 4);
    k.has_token = q.Int(5) != 0;
    k.first_used_at = OptionalTime(q, 6);
    k.last_seen_at = OptionalTime(q, 7);
    k.last_address = q.Text(8);
    k.heartbeat_at = OptionalTime(q, 9);
    k.version = q.Text(10);
    k.cursor = q.Text(11);
    k.outbox = q.OptionalInt(12);
    k.last_error = q.Text(13);
    k.free_disk_bytes = q.OptionalInt(14);
    k.uptime_s = q.OptionalInt(15);
    k.kiosk_clock = OptionalTime(q, 16);
    return k;
}

constexpr const char* kPairingSelect =
    "SELECT code, kiosk_name, version, address, created_at, expires_at, kiosk_id, approved_at, "
    "finished_at FROM pairings";

PairingRow ReadPairing(const Statement& q) {
    PairingRow p;
    p.code = q.Text(0);
    p.kiosk_name = q.Text(1);
    p.version = q.Text(2);
    p.address = q.Text(3);
    p.created_at = FromUnix(q.Int(4));
    p.expires_at = FromUnix(q.Int(5));
    p.kiosk_id = q.Text(6);
    p.approved_at = OptionalTime(q, 7);
    p.finished_at = OptionalTime(q, 8);
    return p;
}

constexpr const char* kConflictSelect =
    "SELECT id, record_id, kind, op, edit_id, kiosk_id, volunteer_id, created_at, made_at, "
    "base_revision, hub_revision, fields, resolved_at, resolved_by, resolution FROM conflicts";

ConflictRow ReadConflict(const Statement& q) {
    ConflictRow c;
    c.id = q.Int(0);
    c.record_id = q.Text(1);
    c.kind = KindFromColumn(q.TextView(2));
    c.op = q.Text(3);
    c.edit_id = q.Text(4);
    c.kiosk_id = q.Text(5);
    c.volunteer_id = q.Text(6);
    c.created_at = FromUnix(q.Int(7));
    c.made_at = OptionalTime(q, 8);
    c.base_revision = q.Int(9);
    c.hub_revision = q.Int(10);
    const nlohmann::json fields =
        nlohmann::json::parse(q.TextView(11), nullptr, /*allow_exceptions=*/false);
    if (fields.is_array()) {
        for (const auto& f : fields) {
            if (!f.is_object()) {
                continue;
            }
            protocol::FieldConflict fc;
            fc.field = f.value("field", "");
            fc.base = f.value("base", nlohmann::json());
            fc.hub = f.value("hub", nlohmann::json());
            fc.kiosk = f.value("kiosk", nlohmann::json());
            c.fields.push_back(std::move(fc));
        }
    }
    c.resolved_at = OptionalTime(q, 12);
    c.resolved_by = q.Text(13);
    c.resolution = q.Text(14);
    return c;
}

}  // namespace

int HubSchemaVersion() {
    return static_cast<int>(kMigrations.size());
}

Result<std::unique_ptr<HubStore>> HubStore::Open(const std::string& path,
                                                 const DatabaseOptions& options) {
    auto db = Database::Open(path, options);
    if (!db) {
        return Unexpected<Error>(db.error());
    }
    std::unique_ptr<HubStore> store(new HubStore(std::move(*db)));
    auto version = store->db().UserVersion();
    if (!version) {
        return Unexpected<Error>(version.error());
    }
    if (*version > HubSchemaVersion()) {
        return Fail("db.newer_schema",
                    path + " was written by a newer treffpunkt-hub (schema version " +
                        std::to_string(*version) + "; this program knows up to " +
                        std::to_string(HubSchemaVersion()) +
                        "). Update treffpunkt-hub; the file was left untouched.");
    }
    if (options.read_only) {
        if (*version != HubSchemaVersion()) {
            return Fail(*version > HubSchemaVersion() ? "db.newer_schema" : "db.old_schema",
                        path + " has schema version " + std::to_string(*version) +
                            "; this treffpunkt-hub reads version " +
                            std::to_string(HubSchemaVersion()));
        }
        return store;
    }
    if (*version == 0) {
        auto q = store->db().Query("SELECT count(*) FROM sqlite_schema");
        const bool has_tables = q.Step() && q.Int(0) > 0;
        if (has_tables) {
            return Fail("db.open", path +
                                       " is some other SQLite database, not a Treffpunkt hub "
                                       "database");
        }
    }
    // synchronous=NORMAL is per connection; with WAL a power cut may lose the last commits but
    // never corrupts the file.
    if (!store->db().Exec("PRAGMA synchronous=NORMAL;")) {
        return Unexpected<Error>(store->db().TakeError().error());
    }
    // WAL lets the server's readers and one writer (server or admin command) work at once. A
    // new database, and a restored backup (which is written in rollback-journal mode), switch.
    bool wal = false;
    {
        auto q = store->db().Query("PRAGMA journal_mode");
        wal = q.Step() && q.TextView(0) == "wal";
    }
    if (!wal && !store->db().Exec("PRAGMA journal_mode=WAL;")) {
        const Error e = store->db().TakeError().error();
        return Fail(e.code, "cannot switch " + path + " to WAL: " + e.message);
    }
    if (*version == HubSchemaVersion()) {
        return store;  // the usual case: no write lock needed to open
    }
    if (auto migrated = store->Migrate(); !migrated) {
        return Unexpected<Error>(migrated.error());
    }
    return store;
}

Result<void> HubStore::Migrate() {
    Database& db = *m_db;
    Transaction tx(db);
    int version = 0;
    {
        auto q = db.Query("PRAGMA user_version");
        version = q.Step() ? static_cast<int>(q.Int(0)) : 0;
    }
    if (!db.ok()) {
        return db.TakeError();
    }
    if (version > HubSchemaVersion()) {
        return Fail("db.newer_schema",
                    db.path() + " was written by a newer treffpunkt-hub (schema version " +
                        std::to_string(version) + "; this program knows up to " +
                        std::to_string(HubSchemaVersion()) +
                        "). Update treffpunkt-hub; the file was left untouched.");
    }
    if (version == HubSchemaVersion()) {
        return Ok();
    }
    if (version == 0) {
        // A file that has tables but no version is not ours.
        auto q = db.Query("SELECT count(*) FROM sqlite_schema");
        if (q.Step() && q.Int(0) > 0) {
            return Fail("db.open", db.path() +
                                       " is some other SQLite database, not a "
                                       "Treffpunkt hub database");
        }
    }
    for (int v = version; v < HubSchemaVersion(); ++v) {
        db.Exec(kMigrations[static_cast<size_t>(v)]);
    }
    if (version == 0) {
        db.Query("INSERT INTO feed (id, epoch, created_at) VALUES (1, ?1, strftime('%s','now'))")
            .Bind(1, RandomEpoch())
            .Run();
    }
    db.Exec("PRAGMA user_version = " + std::to_string(HubSchemaVersion()));
    return tx.Commit();
}

// --- Feed and records ------------------------------------------------------------------------

Result<FeedState> HubStore::Feed() {
    auto q = m_db->Query(
        "SELECT epoch, last_seq, purged_through, volunteers_version FROM feed WHERE id = 1");
    FeedState f;
    if (q.Step()) {
        f.epoch = q.Text(0);
        f.last_seq = q.Int(1);
        f.purged_through = q.Int(2);
        f.volunteers_version = q.Int(3);
    } else if (m_db->ok()) {
        m_db->SetError("db.corrupt", "the feed row is missing");
    }
    return Finish(*m_db, std::move(f));
}

Result<std::vector<FeedRow>> HubStore::ChangesAfter(std::int64_t since, std::int64_t limit) {
    auto q =
        m_db->Query("SELECT kind, seq, body FROM records WHERE seq > ?1 ORDER BY seq LIMIT ?2");
    q.Bind(1, since).Bind(2, limit);
    std::vector<FeedRow> rows;
    while (q.Step()) {
        rows.push_back({KindFromColumn(q.TextView(0)), q.Int(1), q.Text(2)});
    }
    return Finish(*m_db, std::move(rows));
}

Result<std::int64_t> HubStore::CountChangesAfter(std::int64_t since) {
    auto q = m_db->Query("SELECT count(*) FROM records WHERE seq > ?1");
    q.Bind(1, since);
    const std::int64_t n = q.Step() ? q.Int(0) : 0;
    return Finish(*m_db, n);
}

Result<std::optional<StoredRecord>> HubStore::Record(std::string_view id) {
    auto q =
        m_db->Query("SELECT id, kind, revision, seq, deleted, body FROM records WHERE id = ?1");
    q.Bind(1, id);
    std::optional<StoredRecord> r;
    if (q.Step()) {
        r = ReadStored(q);
    }
    return Finish(*m_db, std::move(r));
}

Result<std::optional<std::string>> HubStore::RevisionBody(std::string_view id,
                                                          std::int64_t revision) {
    auto q = m_db->Query("SELECT body FROM revisions WHERE id = ?1 AND revision = ?2");
    q.Bind(1, id).Bind(2, revision);
    std::optional<std::string> body;
    if (q.Step()) {
        body = q.Text(0);
    }
    return Finish(*m_db, std::move(body));
}

Result<std::vector<StoredRecord>> HubStore::AllRecords(bool include_tombstones) {
    auto q = m_db->Query(
        "SELECT id, kind, revision, seq, deleted, body FROM records WHERE deleted = 0 OR ?1 "
        "ORDER BY kind, id");
    q.Bind(1, std::int64_t{include_tombstones ? 1 : 0});
    std::vector<StoredRecord> rows;
    while (q.Step()) {
        rows.push_back(ReadStored(q));
    }
    return Finish(*m_db, std::move(rows));
}

Result<std::vector<StoredRecord>> HubStore::RecordsMentioning(std::string_view id) {
    auto q = m_db->Query(
        "SELECT id, kind, revision, seq, deleted, body FROM records "
        "WHERE deleted = 0 AND id <> ?1 AND instr(body, ?1) > 0");
    q.Bind(1, id);
    std::vector<StoredRecord> rows;
    while (q.Step()) {
        rows.push_back(ReadStored(q));
    }
    return Finish(*m_db, std::move(rows));
}

Result<StoredRecord> HubStore::WriteRecord(const AnyRecord& record, std::string_view before_body,
                                           const ChangeAuthor& author, UtcTime now) {
    Database& db = *m_db;
    const RecordMeta& meta = MetaOf(record);
    StoredRecord stored;
    stored.id = meta.id;
    stored.kind = KindOf(record);
    stored.revision = meta.revision;
    stored.deleted = meta.deleted;
    stored.body = ToJson(record).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    {
        auto q =
            db.Query("UPDATE feed SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq");
        if (q.Step()) {
            stored.seq = q.Int(0);
        }
        q.Run();
    }
    const std::string kind(RecordKindName(stored.kind));
    std::string vocabulary;
    if (const auto* term = std::get_if<TaxonomyTerm>(&record)) {
        vocabulary = term->vocabulary;
    }
    db.Query("INSERT OR REPLACE INTO revisions (id, revision, body) VALUES (?1, ?2, ?3)")
        .Bind(1, stored.id)
        .Bind(2, stored.revision)
        .Bind(3, stored.body)
        .Run();
    db.Query(
          "INSERT INTO records (id, kind, revision, seq, deleted, deleted_at, vocabulary, body) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO UPDATE SET "
          "kind = excluded.kind, revision = excluded.revision, seq = excluded.seq, "
          "deleted = excluded.deleted, deleted_at = excluded.deleted_at, "
          "vocabulary = excluded.vocabulary, body = excluded.body")
        .Bind(1, stored.id)
        .Bind(2, kind)
        .Bind(3, stored.revision)
        .Bind(4, stored.seq)
        .Bind(5, std::int64_t{stored.deleted ? 1 : 0})
        .BindOptional(6, stored.deleted ? std::optional(Unix(now)) : std::nullopt)
        .BindOptional(7, vocabulary)
        .Bind(8, stored.body)
        .Run();
    db.Query(
          "INSERT INTO audit (seq, at, record_id, kind, revision, action, actor, kiosk_id, "
          "edit_id, made_at, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
          "?11, ?12)")
        .Bind(1, stored.seq)
        .Bind(2, Unix(now))
        .Bind(3, stored.id)
        .Bind(4, kind)
        .Bind(5, stored.revision)
        .Bind(6, author.action)
        .Bind(7, author.actor)
        .BindOptional(8, author.kiosk_id)
        .BindOptional(9, author.edit_id)
        .BindOptional(10, OptionalUnix(author.made_at))
        .BindOptional(11, before_body)
        .Bind(12, stored.body)
        .Run();
    return Finish(db, std::move(stored));
}

Result<std::int64_t> HubStore::PurgeTombstones(UtcTime cutoff) {
    Database& db = *m_db;
    Transaction tx(db);
    std::int64_t newest = 0;
    std::int64_t count = 0;
    {
        auto q = db.Query(
            "SELECT count(*), coalesce(max(seq), 0) FROM records WHERE deleted = 1 AND "
            "deleted_at < ?1");
        q.Bind(1, Unix(cutoff));
        if (q.Step()) {
            count = q.Int(0);
            newest = q.Int(1);
        }
    }
    if (count > 0) {
        db.Query(
              "DELETE FROM revisions WHERE id IN (SELECT id FROM records WHERE deleted = 1 AND "
              "deleted_at < ?1)")
            .Bind(1, Unix(cutoff))
            .Run();
        db.Query("DELETE FROM records WHERE deleted = 1 AND deleted_at < ?1")
            .Bind(1, Unix(cutoff))
            .Run();
        db.Query("UPDATE feed SET purged_through = max(purged_through, ?1) WHERE id = 1")
            .Bind(1, newest)
            .Run();
    }
    if (auto ok = tx.Commit(); !ok) {
        return Unexpected<Error>(ok.error());
    }
    return count;
}

Result<void> HubStore::RenewEpoch() {
    m_db->Query("UPDATE feed SET epoch = ?1 WHERE id = 1").Bind(1, RandomEpoch()).Run();
    return FinishVoid(*m_db);
}

Result<std::vector<AuditEntry>> HubStore::Audit(std::string_view record_id, std::int64_t limit) {
    auto q = m_db->Query(
        "SELECT seq, at, record_id, kind, revision, action, actor, kiosk_id, edit_id, made_at, "
        "before, after FROM audit WHERE (?1 = '' OR record_id = ?1) ORDER BY seq DESC LIMIT ?2");
    q.Bind(1, record_id).Bind(2, limit);
    std::vector<AuditEntry> rows;
    while (q.Step()) {
        AuditEntry e;
        e.seq = q.Int(0);
        e.at = FromUnix(q.Int(1));
        e.record_id = q.Text(2);
        e.kind = KindFromColumn(q.TextView(3));
        e.revision = q.Int(4);
        e.author.action = q.Text(5);
        e.author.actor = q.Text(6);
        e.author.kiosk_id = q.Text(7);
        e.author.edit_id = q.Text(8);
        e.author.made_at = OptionalTime(q, 9);
        e.before = q.Text(10);
        e.after = q.Text(11);
        rows.push_back(std::move(e));
    }
    return Finish(*m_db, std::move(rows));
}

// --- Kiosks and pairing ----------------------------------------------------------------------

Result<std::optional<KioskAuth>> HubStore::KioskByTokenHash(std::string_view token_hash) {
    auto q = m_db->Query(
        "SELECT id, place_id, revoked_at IS NOT NULL, first_used_at IS NULL FROM kiosks "
        "WHERE token_hash = ?1");
    q.Bind(1, token_hash);
    std::optional<KioskAuth> auth;
    if (q.Step()) {
        auth = KioskAuth{q.Text(0), q.Text(1), q.Int(2) != 0, q.Int(3) != 0};
    }
    return Finish(*m_db, std::move(auth));
}

Result<void> HubStore::MarkFirstUse(std::string_view kiosk_id, UtcTime now) {
    m_db->Query("UPDATE kiosks SET first_used_at = ?2 WHERE id = ?1 AND first_used_at IS NULL")
        .Bind(1, kiosk_id)
        .Bind(2, Unix(now))
        .Run();
    return FinishVoid(*m_db);
}

Result<void> HubStore::AddKiosk(const KioskRow& kiosk, std::string_view token_hash) {
    m_db->Query(
            "INSERT INTO kiosks (id, name, place_id, token_hash, created_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5)")
        .Bind(1, kiosk.id)
        .Bind(2, kiosk.name)
        .Bind(3, kiosk.place_id)
        .BindOptional(4, token_hash)
        .Bind(5, Unix(kiosk.created_at))
        .Run();
    return FinishVoid(*m_db);
}

Result<void> HubStore::SetKioskToken(std::string_view kiosk_id, std::string_view token_hash) {
    m_db->Query("UPDATE kiosks SET token_hash = ?2 WHERE id = ?1 AND revoked_at IS NULL")
        .Bind(1, kiosk_id)
        .Bind(2, token_hash)
        .Run();
    return FinishVoid(*m_db);
}

Result<std::vector<KioskRow>> HubStore::Kiosks() {
    auto q = m_db->Query(std::string(kKioskSelect) + " ORDER BY created_at, id");
    std::vector<KioskRow> rows;
    while (q.Step()) {
        rows.push_back(ReadKiosk(q));
    }
    return Finish(*m_db, std::move(rows));
}

Result<std::optional<KioskRow>> HubStore::Kiosk(std::string_view id) {
    auto q = m_db->Query(std::string(kKioskSelect) + " WHERE id = ?1");
    q.Bind(1, id);
    std::optional<KioskRow> row;
    if (q.Step()) {
        row = ReadKiosk(q);
    }
    return Finish(*m_db, std::move(row));
}

Result<bool> HubStore::RevokeKiosk(std::string_view id, UtcTime now) {
    m_db->Query("UPDATE kiosks SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1")
        .Bind(1, id)
        .Bind(2, Unix(now))
        .Run();
    const bool found = m_db->ChangedRows() > 0;
    m_db->Query("UPDATE pairings SET finished_at = coalesce(finished_at, ?2) WHERE kiosk_id = ?1")
        .Bind(1, id)
        .Bind(2, Unix(now))
        .Run();
    return Finish(*m_db, found);
}

Result<void> HubStore::SaveHeartbeat(std::string_view kiosk_id,
                                     const protocol::Heartbeat& heartbeat, UtcTime now,
                                     std::string_view address) {
    m_db->Query(
            "UPDATE kiosks SET heartbeat_at = ?2, last_seen_at = ?2, last_address = ?3, "
            "version = ?4, cursor = ?5, outbox = ?6, last_error = ?7, free_disk_bytes = ?8, "
            "uptime_s = ?9, kiosk_clock = ?10 WHERE id = ?1")
        .Bind(1, kiosk_id)
        .Bind(2, Unix(now))
        .Bind(3, address)
        .Bind(4, heartbeat.version)
        .Bind(5, heartbeat.cursor)
        .Bind(6, heartbeat.outbox)
        .Bind(7, heartbeat.last_error)
        .Bind(8, heartbeat.free_disk_bytes)
        .Bind(9, heartbeat.uptime_s)
        .BindOptional(10, OptionalUnix(heartbeat.clock))
        .Run();
    return FinishVoid(*m_db);
}

Result<void> HubStore::TouchKiosk(std::string_view kiosk_id, UtcTime seen,
                                  std::string_view address) {
    m_db->Query(
            "UPDATE kiosks SET last_seen_at = max(coalesce(last_seen_at, 0), ?2), "
            "last_address = ?3 WHERE id = ?1")
        .Bind(1, kiosk_id)
        .Bind(2, Unix(seen))
        .Bind(3, address)
        .Run();
    return FinishVoid(*m_db);
}

Result<void> HubStore::AddPairing(const PairingRow& p, std::string_view secret_hash) {
    m_db->Query(
            "INSERT INTO pairings (code, secret_hash, kiosk_name, version, address, created_at, "
            "expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .Bind(1, p.code)
        .Bind(2, secret_hash)
        .Bind(3, p.kiosk_name)
        .Bind(4, p.version)
        .Bind(5, p.address)
        .Bind(6, Unix(p.created_at))
        .Bind(7, Unix(p.expires_at))
        .Run();
    return FinishVoid(*m_db);
}

Result<std::int64_t> HubStore::CountOpenPairings(UtcTime now) {
    auto q =
        m_db->Query("SELECT count(*) FROM pairings WHERE approved_at IS NULL AND expires_at > ?1");
    q.Bind(1, Unix(now));
    const std::int64_t n = q.Step() ? q.Int(0) : 0;
    return Finish(*m_db, n);
}

Result<bool> HubStore::PairingCodeTaken(std::string_view code) {
    auto q = m_db->Query("SELECT 1 FROM pairings WHERE code = ?1");
    q.Bind(1, code);
    const bool taken = q.Step();
    return Finish(*m_db, taken);
}

Result<std::vector<PairingRow>> HubStore::OpenPairings(UtcTime now) {
    auto q = m_db->Query(std::string(kPairingSelect) +
                         " WHERE approved_at IS NULL AND expires_at > ?1 ORDER BY created_at");
    q.Bind(1, Unix(now));
    std::vector<PairingRow> rows;
    while (q.Step()) {
        rows.push_back(ReadPairing(q));
    }
    return Finish(*m_db, std::move(rows));
}

Result<std::optional<PairingRow>> HubStore::PairingBySecretHash(std::string_view secret_hash) {
    auto q = m_db->Query(std::string(kPairingSelect) + " WHERE secret_hash = ?1");
    q.Bind(1, secret_hash);
    std::optional<PairingRow> row;
    if (q.Step()) {
        row = ReadPairing(q);
    }
    return Finish(*m_db, std::move(row));
}

Result<std::optional<PairingRow>> HubStore::PairingByCode(std::string_view code) {
    auto q = m_db->Query(std::string(kPairingSelect) + " WHERE code = ?1");
    q.Bind(1, code);
    std::optional<PairingRow> row;
    if (q.Step()) {
        row = ReadPairing(q);
    }
    return Finish(*m_db, std::move(row));
}

Result<void> HubStore::ApprovePairing(std::string_view code, std::string_view kiosk_id,
                                      UtcTime now) {
    m_db->Query("UPDATE pairings SET kiosk_id = ?2, approved_at = ?3 WHERE code = ?1")
        .Bind(1, code)
        .Bind(2, kiosk_id)
        .Bind(3, Unix(now))
        .Run();
    return FinishVoid(*m_db);
}

Result<void> HubStore::FinishPairing(std::string_view kiosk_id, UtcTime now) {
    m_db->Query("UPDATE pairings SET finished_at = ?2 WHERE kiosk_id = ?1 AND finished_at IS NULL")
        .Bind(1, kiosk_id)
        .Bind(2, Unix(now))
        .Run();
    return FinishVoid(*m_db);
}

Result<void> HubStore::ForgetPairings(UtcTime cutoff) {
    m_db->Query(
            "DELETE FROM pairings WHERE (approved_at IS NULL AND expires_at < ?1) OR "
            "finished_at < ?1")
        .Bind(1, Unix(cutoff))
        .Run();
    return FinishVoid(*m_db);
}

// --- Volunteers ------------------------------------------------------------------------------

Result<void> HubStore::AddVolunteer(const VolunteerRow& v) {
    Database& db = *m_db;
    db.Query(
          "INSERT INTO volunteers (id, name, role, verifier, created_at, updated_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?5)")
        .Bind(1, v.account.id)
        .Bind(2, v.account.name)
        .Bind(3, protocol::VolunteerRoleName(v.account.role))
        .Bind(4, v.account.verifier)
        .Bind(5, Unix(v.created_at))
        .Run();
    for (const std::string& place : v.account.places) {
        db.Query("INSERT OR IGNORE INTO volunteer_places (volunteer_id, place_id) VALUES (?1, ?2)")
            .Bind(1, v.account.id)
            .Bind(2, place)
            .Run();
    }
    for (const std::string& org : v.account.organizations) {
        db.Query(
              "INSERT OR IGNORE INTO volunteer_organizations (volunteer_id, organization_id) "
              "VALUES (?1, ?2)")
            .Bind(1, v.account.id)
            .Bind(2, org)
            .Run();
    }
    db.Query("UPDATE feed SET volunteers_version = volunteers_version + 1 WHERE id = 1").Run();
    return FinishVoid(db);
}

namespace {

void LoadMemberships(Database& db, protocol::VolunteerAccount& account) {
    auto places =
        db.Query("SELECT place_id FROM volunteer_places WHERE volunteer_id = ?1 ORDER BY place_id");
    places.Bind(1, account.id);
    while (places.Step()) {
        account.places.push_back(places.Text(0));
    }
    auto orgs = db.Query(
        "SELECT organization_id FROM volunteer_organizations WHERE volunteer_id = ?1 "
        "ORDER BY organization_id");
    orgs.Bind(1, account.id);
    while (orgs.Step()) {
        account.organizations.push_back(orgs.Text(0));
    }
}

constexpr const char* kVolunteerSelect =
    "SELECT id, name, role, verifier, created_at, disabled_at FROM volunteers";

VolunteerRow ReadVolunteer(const Statement& q) {
    VolunteerRow v;
    v.account.id = q.Text(0);
    v.account.name = q.Text(1);
    v.account.role = protocol::VolunteerRoleFromName(q.TextView(2))
                         .value_or(protocol::VolunteerRole::kVolunteer);
    v.account.verifier = q.Text(3);
    v.created_at = FromUnix(q.Int(4));
    v.disabled_at = OptionalTime(q, 5);
    return v;
}

}  // namespace

Result<std::optional<VolunteerRow>> HubStore::Volunteer(std::string_view id) {
    std::optional<VolunteerRow> row;
    {
        auto q = m_db->Query(std::string(kVolunteerSelect) + " WHERE id = ?1");
        q.Bind(1, id);
        if (q.Step()) {
            row = ReadVolunteer(q);
        }
    }
    if (row) {
        LoadMemberships(*m_db, row->account);
    }
    return Finish(*m_db, std::move(row));
}

Result<std::vector<VolunteerRow>> HubStore::Volunteers() {
    std::vector<VolunteerRow> rows;
    {
        auto q = m_db->Query(std::string(kVolunteerSelect) + " ORDER BY name, id");
        while (q.Step()) {
            rows.push_back(ReadVolunteer(q));
        }
    }
    for (VolunteerRow& row : rows) {
        LoadMemberships(*m_db, row.account);
    }
    return Finish(*m_db, std::move(rows));
}

Result<std::vector<protocol::VolunteerAccount>> HubStore::VolunteersAtPlace(
    std::string_view place_id) {
    std::vector<protocol::VolunteerAccount> list;
    {
        auto q = m_db->Query(
            "SELECT v.id, v.name, v.role, v.verifier, v.created_at, v.disabled_at "
            "FROM volunteers v JOIN volunteer_places p ON p.volunteer_id = v.id "
            "WHERE p.place_id = ?1 AND v.disabled_at IS NULL ORDER BY v.name, v.id");
        q.Bind(1, place_id);
        while (q.Step()) {
            list.push_back(ReadVolunteer(q).account);
        }
    }
    for (protocol::VolunteerAccount& account : list) {
        LoadMemberships(*m_db, account);
    }
    return Finish(*m_db, std::move(list));
}

Result<bool> HubStore::SetVerifier(std::string_view id, std::string_view verifier, UtcTime now) {
    m_db->Query("UPDATE volunteers SET verifier = ?2, updated_at = ?3 WHERE id = ?1")
        .Bind(1, id)
        .Bind(2, verifier)
        .Bind(3, Unix(now))
        .Run();
    const bool found = m_db->ChangedRows() > 0;
    m_db->Query("UPDATE feed SET volunteers_version = volunteers_version + 1 WHERE id = 1").Run();
    return Finish(*m_db, found);
}

Result<bool> HubStore::DisableVolunteer(std::string_view id, UtcTime now) {
    m_db->Query(
            "UPDATE volunteers SET disabled_at = coalesce(disabled_at, ?2), updated_at = ?2 "
            "WHERE id = ?1")
        .Bind(1, id)
        .Bind(2, Unix(now))
        .Run();
    const bool found = m_db->ChangedRows() > 0;
    m_db->Query("UPDATE feed SET volunteers_version = volunteers_version + 1 WHERE id = 1").Run();
    return Finish(*m_db, found);
}

// --- Pushed edits and conflicts --------------------------------------------------------------

Result<std::optional<PriorEdit>> HubStore::FindEdit(std::string_view edit_id) {
    auto q = m_db->Query("SELECT kiosk_id, request, answer FROM edits WHERE edit_id = ?1");
    q.Bind(1, edit_id);
    std::optional<PriorEdit> prior;
    if (q.Step()) {
        prior = PriorEdit{q.Text(0), q.Text(1), q.Text(2)};
    }
    return Finish(*m_db, std::move(prior));
}

Result<void> HubStore::SaveEdit(std::string_view edit_id, std::string_view kiosk_id,
                                std::string_view request, std::string_view answer,
                                std::string_view status, UtcTime now) {
    m_db->Query(
            "INSERT INTO edits (edit_id, kiosk_id, request, answer, status, received_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .Bind(1, edit_id)
        .Bind(2, kiosk_id)
        .Bind(3, request)
        .Bind(4, answer)
        .Bind(5, status)
        .Bind(6, Unix(now))
        .Run();
    return FinishVoid(*m_db);
}

Result<std::int64_t> HubStore::AddConflict(const ConflictRow& c) {
    nlohmann::json fields = nlohmann::json::array();
    for (const protocol::FieldConflict& f : c.fields) {
        fields.push_back(
            {{"field", f.field}, {"base", f.base}, {"hub", f.hub}, {"kiosk", f.kiosk}});
    }
    auto q = m_db->Query(
        "INSERT INTO conflicts (record_id, kind, op, edit_id, kiosk_id, volunteer_id, created_at, "
        "made_at, base_revision, hub_revision, fields) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        "?9, ?10, ?11) RETURNING id");
    q.Bind(1, c.record_id)
        .Bind(2, RecordKindName(c.kind))
        .Bind(3, c.op)
        .Bind(4, c.edit_id)
        .Bind(5, c.kiosk_id)
        .Bind(6, c.volunteer_id)
        .Bind(7, Unix(c.created_at))
        .BindOptional(8, OptionalUnix(c.made_at))
        .Bind(9, c.base_revision)
        .Bind(10, c.hub_revision)
        .Bind(11, fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    const std::int64_t id = q.Step() ? q.Int(0) : 0;
    q.Run();
    return Finish(*m_db, id);
}

Result<std::optional<ConflictRow>> HubStore::Conflict(std::int64_t id) {
    auto q = m_db->Query(std::string(kConflictSelect) + " WHERE id = ?1");
    q.Bind(1, id);
    std::optional<ConflictRow> row;
    if (q.Step()) {
        row = ReadConflict(q);
    }
    return Finish(*m_db, std::move(row));
}

Result<std::vector<ConflictRow>> HubStore::Conflicts(bool include_resolved) {
    auto q =
        m_db->Query(std::string(kConflictSelect) + " WHERE resolved_at IS NULL OR ?1 ORDER BY id");
    q.Bind(1, std::int64_t{include_resolved ? 1 : 0});
    std::vector<ConflictRow> rows;
    while (q.Step()) {
        rows.push_back(ReadConflict(q));
    }
    return Finish(*m_db, std::move(rows));
}

Result<void> HubStore::ResolveConflict(std::int64_t id, std::string_view by,
                                       std::string_view resolution, UtcTime now) {
    m_db->Query(
            "UPDATE conflicts SET resolved_at = ?2, resolved_by = ?3, resolution = ?4 "
            "WHERE id = ?1 AND resolved_at IS NULL")
        .Bind(1, id)
        .Bind(2, Unix(now))
        .Bind(3, by)
        .Bind(4, resolution)
        .Run();
    return FinishVoid(*m_db);
}

// --- Index -----------------------------------------------------------------------------------

std::optional<RecordKind> StoreRecordIndex::KindOfId(std::string_view id) const {
    if (id == m_hidden) {
        return std::nullopt;
    }
    auto q = m_store.db().Query("SELECT kind FROM records WHERE id = ?1 AND deleted = 0");
    q.Bind(1, id);
    if (!q.Step()) {
        return std::nullopt;
    }
    return RecordKindFromName(q.TextView(0));
}

std::optional<std::string> StoreRecordIndex::VocabularyOf(std::string_view id) const {
    if (id == m_hidden) {
        return std::nullopt;
    }
    auto q = m_store.db().Query(
        "SELECT vocabulary FROM records WHERE id = ?1 AND deleted = 0 AND vocabulary IS NOT NULL");
    q.Bind(1, id);
    if (!q.Step()) {
        return std::nullopt;
    }
    return q.Text(0);
}

}  // namespace treffpunkt::hub
