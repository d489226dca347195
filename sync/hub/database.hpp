// A small RAII layer over one SQLite connection for the hub's storage: cached prepared
// statements, IMMEDIATE transactions that roll back unless committed, online backup.
// Only database.cpp sees sqlite3.h; nothing here knows HTTP or the protocol.
//
// Errors are sticky: the first failing call records an Error in the Database and later calls
// do nothing until TakeError() hands it out. Callers run a sequence of statements and check
// once (Transaction::Commit() refuses to commit after an error).
//
// Threads: a Database is one connection and is used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sync/model/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace treffpunkt::hub {

class Database;

// A prepared statement borrowed from the connection's cache. Binds are 1-based, columns
// 0-based. Reset (and its bindings cleared) when the handle goes out of scope.
class Statement {
  public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    ~Statement();

    Statement& Bind(int index, std::int64_t value);
    Statement& Bind(int index, std::string_view text);
    Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
    Statement& BindBlob(int index, const void* data, size_t size);
    Statement& BindNull(int index);
    // Binds text, or NULL when `text` is empty.
    Statement& BindOptional(int index, std::string_view text);
    Statement& BindOptional(int index, std::optional<std::int64_t> value);

    // Steps once: true if a row is ready; false at the end or after an error.
    bool Step();
    // Steps to the end (statements without rows); false after an error.
    bool Run();

    std::int64_t Int(int column) const;
    std::string Text(int column) const;
    std::string_view TextView(int column) const;  // valid until the next Step
    bool IsNull(int column) const;
    std::optional<std::int64_t> OptionalInt(int column) const;

  private:
    friend class Database;
    Statement(Database* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    bool Usable() const;
    Database* m_db;
    sqlite3_stmt* m_stmt;
};

struct DatabaseOptions {
    bool create{false};         // create the file if missing (else "db.open" error)
    int busy_timeout_ms{5000};  // how long a writer waits for another writer
    bool read_only{false};      // open read-only (status, export)
};

class Database {
  public:
    // Opens the file with foreign keys on and the busy timeout set. Errors: "db.open",
    // "db.corrupt" (not a database).
    static Result<std::unique_ptr<Database>> Open(const std::string& path,
                                                  const DatabaseOptions& options);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // A cached prepared statement for `sql` (a string literal or otherwise stable text).
    Statement Query(std::string_view sql);
    // Runs one or more statements without results.
    bool Exec(std::string_view sql);

    bool ok() const { return !m_error.has_value(); }
    // The first error since the last call, and clears it; Ok() if there was none.
    Result<void> TakeError();
    // Records an error unless one is pending (used by the statement and by callers).
    void SetError(std::string code, std::string message);
    // Records the connection's current SQLite error under `what`.
    void SetSqliteError(int rc, std::string_view what);

    std::int64_t ChangedRows() const;
    const std::string& path() const { return m_path; }

    // PRAGMA user_version.
    Result<int> UserVersion();

    // Copies the whole database into `target` with SQLite's online backup, while others keep
    // reading and writing. The copy is written to a temporary file and renamed into place.
    Result<void> BackupTo(const std::string& target);

    sqlite3* handle() { return m_db; }

  private:
    Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db;
    std::string m_path;
    std::unordered_map<std::string, sqlite3_stmt*> m_cache;
    std::optional<Error> m_error;
};

// BEGIN IMMEDIATE … COMMIT; rolls back in the destructor unless committed. Begin errors (busy
// after the timeout: "db.busy") are sticky on the database.
class Transaction {
  public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // Commits if no error is pending; else rolls back and returns the pending error.
    Result<void> Commit();

  private:
    Database& m_db;
    bool m_open{false};
};

// BEGIN … COMMIT for reads that must see one consistent snapshot (WAL); ends in the destructor.
class ReadTransaction {
  public:
    explicit ReadTransaction(Database& db);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

  private:
    Database& m_db;
    bool m_open{false};
};

// A savepoint inside a transaction: Release() keeps its changes, the destructor rolls back to it
// otherwise. Lets one edit of a batch be undone without losing the others.
class Savepoint {
  public:
    explicit Savepoint(Database& db);
    ~Savepoint();
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    void Release();

  private:
    Database& m_db;
    bool m_open{false};
};

}  // namespace treffpunkt::hub
