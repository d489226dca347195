#include "sync/hub/database.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace treffpunkt::hub {

namespace {

std::string CodeFor(int rc) {
    switch (rc & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return "db.busy";
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return "db.corrupt";
        case SQLITE_FULL:
            return "db.full";
        case SQLITE_READONLY:
            return "db.read_only";
        case SQLITE_CANTOPEN:
            return "db.open";
        default:
            return "db.error";
    }
}

}  // namespace

// --- Statement -------------------------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) {
    other.m_stmt = nullptr;
}

Statement::~Statement() {
    if (m_stmt != nullptr) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
}

bool Statement::Usable() const {
    return m_stmt != nullptr && m_db->ok();
}

Statement& Statement::Bind(int index, std::int64_t value) {
    if (Usable()) {
        const int rc = sqlite3_bind_int64(m_stmt, index, value);
        if (rc != SQLITE_OK) {
            m_db->SetSqliteError(rc, "bind");
        }
    }
    return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
    if (Usable()) {
        const int rc = sqlite3_bind_text64(m_stmt, index, text.data(), text.size(),
                                           SQLITE_TRANSIENT, SQLITE_UTF8);
        if (rc != SQLITE_OK) {
            m_db->SetSqliteError(rc, "bind");
        }
    }
    return *this;
}

Statement& Statement::BindBlob(int index, const void* data, size_t size) {
    if (Usable()) {
        const int rc = sqlite3_bind_blob64(m_stmt, index, data, size, SQLITE_TRANSIENT);
        if (rc != SQLITE_OK) {
            m_db->SetSqliteError(rc, "bind");
        }
    }
    return *this;
}

Statement& Statement::BindNull(int index) {
    if (Usable()) {
        sqlite3_bind_null(m_stmt, index);
    }
    return *this;
}

Statement& Statement::BindOptional(int index, std::string_view text) {
    return text.empty() ? BindNull(index) : Bind(index, text);
}

Statement& Statement::BindOptional(int index, std::optional<std::int64_t> value) {
    return value ? Bind(index, *value) : BindNull(index);
}

bool Statement::Step() {
    if (!Usable()) {
        return false;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc != SQLITE_DONE) {
        m_db->SetSqliteError(rc, sqlite3_sql(m_stmt));
    }
    return false;
}

bool Statement::Run() {
    while (Step()) {
    }
    return m_db->ok();
}

std::int64_t Statement::Int(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

std::string Statement::Text(int column) const {
    return std::string(TextView(column));
}

std::string_view Statement::TextView(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (text == nullptr) {
        return {};
    }
    return {text, static_cast<size_t>(sqlite3_column_bytes(m_stmt, column))};
}

bool Statement::IsNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::optional<std::int64_t> Statement::OptionalInt(int column) const {
    if (IsNull(column)) {
        return std::nullopt;
    }
    return Int(column);
}

// --- Database --------------------------------------------------------------------------------

Result<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                 const DatabaseOptions& options) {
    int flags = SQLITE_OPEN_NOMUTEX;
    if (options.read_only) {
        flags |= SQLITE_OPEN_READONLY;
    } else {
        flags |= SQLITE_OPEN_READWRITE;
        if (options.create) {
            flags |= SQLITE_OPEN_CREATE;
        }
    }
    if (!options.create && !std::filesystem::exists(path)) {
        return Fail("db.open",
                    "the database " + path + " does not exist; run `treffpunkt-hub init` first");
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        sqlite3_close(raw);
        return Fail("db.open", "cannot open the database " + path + ": " + message);
    }
    std::unique_ptr<Database> db(new Database(raw, path));
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, options.busy_timeout_ms);
    // Reading the schema is the first thing that fails on a file that is not a database.
    if (!db->Exec("SELECT count(*) FROM sqlite_schema")) {
        const Error e = db->TakeError().error();
        return Fail(e.code == "db.corrupt" ? "db.corrupt" : "db.open",
                    path + " is not a Treffpunkt hub database (" + e.message + ")");
    }
    // journal_mode=WAL is the owner's decision (it changes the file), after checking the schema.
    db->Exec("PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;");
    if (auto ok = db->TakeError(); !ok) {
        return Fail(ok.error().code, "cannot set up " + path + ": " + ok.error().message);
    }
    return db;
}

Database::~Database() {
    for (auto& [sql, stmt] : m_cache) {
        sqlite3_finalize(stmt);
    }
    sqlite3_close(m_db);
}

Statement Database::Query(std::string_view sql) {
    const std::string key(sql);
    if (const auto it = m_cache.find(key); it != m_cache.end()) {
        return Statement(this, it->second);
    }
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        SetSqliteError(rc, sql);
        return Statement(this, nullptr);
    }
    m_cache.emplace(key, stmt);
    return Statement(this, stmt);
}

bool Database::Exec(std::string_view sql) {
    if (!ok()) {
        return false;
    }
    char* message = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        SetError(CodeFor(sqlite3_extended_errcode(m_db)),
                 std::string(message != nullptr ? message : sqlite3_errstr(rc)) +
                     " (in: " + text.substr(0, 80) + ")");
        sqlite3_free(message);
        return false;
    }
    return true;
}

Result<void> Database::TakeError() {
    if (!m_error) {
        return Ok();
    }
    Error e = std::move(*m_error);
    m_error.reset();
    return Fail(std::move(e.code), std::move(e.message));
}

void Database::SetError(std::string code, std::string message) {
    if (!m_error) {
        m_error = Error{std::move(code), std::move(message)};
    }
}

void Database::SetSqliteError(int rc, std::string_view what) {
    std::string message = sqlite3_errmsg(m_db);
    if (message == "not an error" || message.empty()) {
        message = sqlite3_errstr(rc);
    }
    SetError(CodeFor(rc), message + " (in: " + std::string(what.substr(0, 80)) + ")");
}

std::int64_t Database::ChangedRows() const {
    return sqlite3_changes64(m_db);
}

Result<int> Database::UserVersion() {
    auto q = Query("PRAGMA user_version");
    const int version = q.Step() ? static_cast<int>(q.Int(0)) : 0;
    if (auto ok = TakeError(); !ok) {
        return Unexpected<Error>(ok.error());
    }
    return version;
}

Result<void> Database::BackupTo(const std::string& target) {
    const std::filesystem::path target_path(target);
    const std::string temp = target + ".partial";
    std::filesystem::remove(temp);
    sqlite3* out = nullptr;
    int rc =
        sqlite3_open_v2(temp.c_str(), &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = out != nullptr ? sqlite3_errmsg(out) : sqlite3_errstr(rc);
        sqlite3_close(out);
        return Fail("backup.open", "cannot create " + temp + ": " + message);
    }
    sqlite3_backup* backup = sqlite3_backup_init(out, "main", m_db, "main");
    if (backup == nullptr) {
        const std::string message = sqlite3_errmsg(out);
        sqlite3_close(out);
        std::filesystem::remove(temp);
        return Fail("backup.failed", "cannot start the backup: " + message);
    }
    // Copy in steps so that writers are held up only briefly; a write by another connection
    // restarts the copy, which is fine for a database of this size.
    do {
        rc = sqlite3_backup_step(backup, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            sqlite3_sleep(20);
        }
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        const std::string message = sqlite3_errstr(rc);
        sqlite3_close(out);
        std::filesystem::remove(temp);
        return Fail("backup.failed", "the backup failed: " + message);
    }
    // The copy stands alone: one file, no WAL beside it.
    rc = sqlite3_exec(out, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
    sqlite3_close(out);
    if (rc != SQLITE_OK) {
        std::filesystem::remove(temp);
        return Fail("backup.failed", "cannot finish the backup file " + temp);
    }
    std::error_code ec;
    std::filesystem::rename(temp, target_path, ec);
    if (ec) {
        std::filesystem::remove(temp);
        return Fail("backup.failed", "cannot move the backup to " + target + ": " + ec.message());
    }
    return Ok();
}

// --- Transaction -----------------------------------------------------------------------------

Transaction::Transaction(Database& db) : m_db(db) {
    m_open = m_db.Exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (m_open) {
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

Result<void> Transaction::Commit() {
    if (!m_open) {
        auto e = m_db.TakeError();
        if (!e) {
            return e;
        }
        return Fail("db.error", "the transaction was not started");
    }
    if (!m_db.ok()) {
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        m_open = false;
        return m_db.TakeError();
    }
    m_open = false;
    if (!m_db.Exec("COMMIT")) {
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        return m_db.TakeError();
    }
    return Ok();
}

// --- ReadTransaction -------------------------------------------------------------------------

ReadTransaction::ReadTransaction(Database& db) : m_db(db) {
    m_open = m_db.Exec("BEGIN");
}

ReadTransaction::~ReadTransaction() {
    if (m_open) {
        sqlite3_exec(m_db.handle(), "COMMIT", nullptr, nullptr, nullptr);
    }
}

// --- Savepoint -------------------------------------------------------------------------------

Savepoint::Savepoint(Database& db) : m_db(db) {
    m_open = m_db.Exec("SAVEPOINT edit");
}

Savepoint::~Savepoint() {
    if (m_open) {
        sqlite3_exec(m_db.handle(), "ROLLBACK TO edit; RELEASE edit", nullptr, nullptr, nullptr);
    }
}

void Savepoint::Release() {
    if (m_open && m_db.ok()) {
        m_db.Exec("RELEASE edit");
        m_open = false;
    }
}

}  // namespace treffpunkt::hub
