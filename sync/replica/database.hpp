// RAII wrapper over one SQLite connection: statements, transactions (BEGIN IMMEDIATE, rolled
// back unless committed), errors as values. The only header of the replica that knows SQLite
// exists; sqlite3.h itself stays inside database.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sync/model/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace treffpunkt {

class Database;

// A prepared statement. Bind parameters are 1-based, columns 0-based (as in SQLite).
class Statement {
  public:
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) noexcept;
    ~Statement();

    Statement& Bind(int index, std::int64_t value);
    Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
    Statement& Bind(int index, double value);
    Statement& Bind(int index, std::string_view text);  // copied by SQLite
    Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
    Statement& BindNull(int index);
    Statement& Bind(int index, const std::optional<std::int64_t>& value);

    // Steps once: true if a row is available, false when done.
    Result<bool> Step();
    // Runs to completion, ignoring rows.
    Result<void> Run();
    // Resets for re-use and clears bindings.
    void Reset();

    std::int64_t Int(int column) const;
    double Double(int column) const;
    std::string Text(int column) const;
    std::string_view TextView(int column) const;  // valid until the next Step/Reset
    bool IsNull(int column) const;

  private:
    friend class Database;
    Statement(Database* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    Database* m_db{nullptr};
    sqlite3_stmt* m_stmt{nullptr};
};

class Database {
  public:
    // Opens or creates the file; sets WAL, a busy timeout, foreign keys, secure_delete.
    // Errors: "db.open", "db.corrupt".
    static Result<std::unique_ptr<Database>> Open(const std::string& path);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs one or more statements without results.
    Result<void> Exec(std::string_view sql);
    Result<Statement> Prepare(std::string_view sql);
    // A statement prepared once per connection and reset on every call. `sql` must be a
    // string literal (its address is the cache key). Asserts the SQL compiles.
    Statement& Cached(const char* sql);

    // Resets every cached statement, so that none holds a read open (DDL such as DROP TABLE
    // fails while any statement of the connection is active).
    void ResetCached();

    std::int64_t LastInsertRowId() const;
    int Changes() const;
    const std::string& path() const { return m_path; }

    // PRAGMA user_version.
    Result<int> UserVersion();
    Result<void> SetUserVersion(int version);

    // The error of the last failing call, as a value. Codes: "db.corrupt", "db.busy",
    // "db.full", "db.readonly", "db.error".
    Error LastError(std::string_view what) const;

    sqlite3* handle() { return m_db; }

  private:
    Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db;
    std::string m_path;
    std::unordered_map<const char*, std::unique_ptr<Statement>> m_cache;
};

// BEGIN IMMEDIATE … COMMIT. Rolls back in the destructor unless committed.
class Transaction {
  public:
    static Result<Transaction> Begin(Database& db);
    Transaction(Transaction&& other) noexcept : m_db(other.m_db) { other.m_db = nullptr; }
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();
    Result<void> Commit();

  private:
    explicit Transaction(Database* db) : m_db(db) {}
    Database* m_db;
};

// Steps through all rows of `stmt`; `read(stmt)` turns the current row into a T.
template <class T, class Read>
Result<std::vector<T>> Collect(Statement& stmt, Read read) {
    std::vector<T> out;
    while (true) {
        auto row = stmt.Step();
        if (!row) {
            return ErrorFrom(row);
        }
        if (!*row) {
            return out;
        }
        out.push_back(read(stmt));
    }
}

}  // namespace treffpunkt
