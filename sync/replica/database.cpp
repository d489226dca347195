#include "sync/replica/database.hpp"

#include <sqlite3.h>

#include <cassert>

namespace treffpunkt {

namespace {

std::string CodeFor(int rc) {
    switch (rc & 0xFF) {
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return "db.corrupt";
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return "db.busy";
        case SQLITE_FULL:
            return "db.full";
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_CANTOPEN:
            return "db.readonly";
        default:
            return "db.error";
    }
}

}  // namespace

// --- Statement -----------------------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) {
    other.m_stmt = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = other.m_stmt;
        other.m_stmt = nullptr;
    }
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement& Statement::Bind(int index, std::int64_t value) {
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::Bind(int index, double value) {
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
    sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

Statement& Statement::BindNull(int index) {
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Statement& Statement::Bind(int index, const std::optional<std::int64_t>& value) {
    return value ? Bind(index, *value) : BindNull(index);
}

Result<bool> Statement::Step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    const Error error = m_db->LastError("query failed");
    sqlite3_reset(m_stmt);
    return Unexpected<Error>(error);
}

Result<void> Statement::Run() {
    while (true) {
        auto row = Step();
        if (!row) {
            return Unexpected<Error>(row.error());
        }
        if (!*row) {
            return Ok();
        }
    }
}

void Statement::Reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::Int(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::Double(int column) const {
    return sqlite3_column_double(m_stmt, column);
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

// --- Database ------------------------------------------------------------------------------

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
    sqlite3* handle = nullptr;
    const int rc = sqlite3_open_v2(
        path.c_str(), &handle,
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
        nullptr);
    if (rc != SQLITE_OK) {
        std::string message = handle != nullptr ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
        sqlite3_close(handle);
        return Fail(rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT ? "db.corrupt" : "db.open",
                    "cannot open database " + path + ": " + message);
    }
    std::unique_ptr<Database> db(new Database(handle, path));
    sqlite3_busy_timeout(handle, 5000);
    sqlite3_extended_result_codes(handle, 1);
    // journal_mode is the first statement that reads the file: a non-database fails here.
    // secure_delete overwrites deleted content so removed records leave no trace in the file.
    if (auto r = db->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                          "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;");
        !r) {
        return Fail(r.error().code, "cannot open database " + path + ": " + r.error().message);
    }
    return db;
}

Database::~Database() {
    m_cache.clear();
    sqlite3_close_v2(m_db);
}

Error Database::LastError(std::string_view what) const {
    const int rc = sqlite3_extended_errcode(m_db);
    return Error{CodeFor(rc),
                 std::string(what) + ": " + sqlite3_errmsg(m_db) + " (" + m_path + ")"};
}

Result<void> Database::Exec(std::string_view sql) {
    const std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string detail = message != nullptr ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        return Fail(CodeFor(rc), detail + " (" + m_path + ")");
    }
    return Ok();
}

Result<Statement> Database::Prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        return Unexpected<Error>(LastError("cannot prepare statement"));
    }
    return Statement(this, stmt);
}

Statement& Database::Cached(const char* sql) {
    auto& slot = m_cache[sql];
    if (!slot) {
        auto stmt = Prepare(sql);
        assert(stmt && "cached statement must compile");
        slot = std::make_unique<Statement>(std::move(*stmt));
    } else {
        slot->Reset();
    }
    return *slot;
}

void Database::ResetCached() {
    for (auto& [sql, stmt] : m_cache) {
        stmt->Reset();
    }
}

std::int64_t Database::LastInsertRowId() const {
    return sqlite3_last_insert_rowid(m_db);
}

int Database::Changes() const {
    return sqlite3_changes(m_db);
}

Result<int> Database::UserVersion() {
    auto stmt = Prepare("PRAGMA user_version");
    if (!stmt) {
        return Unexpected<Error>(stmt.error());
    }
    auto row = stmt->Step();
    if (!row) {
        return Unexpected<Error>(row.error());
    }
    return static_cast<int>(stmt->Int(0));
}

Result<void> Database::SetUserVersion(int version) {
    return Exec("PRAGMA user_version=" + std::to_string(version));
}

// --- Transaction ---------------------------------------------------------------------------

Result<Transaction> Transaction::Begin(Database& db) {
    if (auto r = db.Exec("BEGIN IMMEDIATE"); !r) {
        return Unexpected<Error>(r.error());
    }
    return Transaction(&db);
}

Transaction::~Transaction() {
    if (m_db != nullptr) {
        (void)m_db->Exec("ROLLBACK");
    }
}

Result<void> Transaction::Commit() {
    assert(m_db != nullptr);
    auto r = m_db->Exec("COMMIT");
    if (r) {
        m_db = nullptr;
    }
    return r;
}

}  // namespace treffpunkt
