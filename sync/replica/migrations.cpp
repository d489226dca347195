#include "sync/replica/migrations.hpp"

#include "sync/replica/database.hpp"

namespace treffpunkt {

Result<void> MigrateReplica(Database& db, int target) {
    const auto& migrations = ReplicaMigrations();
    const int newest = static_cast<int>(migrations.size());
    if (target < 0) {
        target = newest;
    }
    auto version = db.UserVersion();
    if (!version) {
        return Unexpected<Error>(version.error());
    }
    if (*version > newest) {
        return Fail("db.newer_schema", "the database " + db.path() + " has schema version " +
                                           std::to_string(*version) +
                                           ", written by a newer Treffpunkt (this one "
                                           "knows up to " +
                                           std::to_string(newest) +
                                           "); update Treffpunkt — the file was left unchanged");
    }
    for (int v = *version; v < target; ++v) {
        auto tx = Transaction::Begin(db);
        if (!tx) {
            return Unexpected<Error>(tx.error());
        }
        if (auto r = db.Exec(migrations[static_cast<size_t>(v)]); !r) {
            return Fail(r.error().code, "migration to schema version " + std::to_string(v + 1) +
                                            " failed: " + r.error().message);
        }
        if (auto r = db.SetUserVersion(v + 1); !r) {
            return r;
        }
        if (auto r = tx->Commit(); !r) {
            return r;
        }
    }
    return Ok();
}

}  // namespace treffpunkt
