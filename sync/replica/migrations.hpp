// The replica's schema migrations, embedded at build time from assets/migrations/replica/
// (NNNN_name.sql, applied in order; migration N brings the schema to version N).
#pragma once

#include <string_view>
#include <vector>

#include "sync/model/result.hpp"

namespace treffpunkt {

class Database;

// SQL of migrations 1..N, in order.
const std::vector<std::string_view>& ReplicaMigrations();

// Brings the database to `target` (default: the newest) one migration per transaction.
// A database newer than this program is refused ("db.newer_schema") and left untouched.
Result<void> MigrateReplica(Database& db, int target = -1);

}  // namespace treffpunkt
