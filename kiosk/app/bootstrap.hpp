// Opening the kiosk's replica at start-up: creates the data directory, migrates, and seeds an
// empty database from the built-in sample data when asked. No UI.
#pragma once

#include <string>
#include <vector>

#include "sync/model/json_codec.hpp"
#include "sync/model/result.hpp"
#include "sync/model/time.hpp"
#include "sync/replica/replica.hpp"

namespace treffpunkt {

// Opens (creating if needed) the replica at `db_path`. If `seed_with_sample_if_empty` and the
// replica holds no records, imports assets/sample/saarlouis.json. Refreshes the precomputed
// sessions for `now`. Errors as Replica::Open, plus "sample.invalid" if the sample is broken.
Result<Replica> OpenKioskReplica(const std::string& db_path, bool seed_with_sample_if_empty,
                                 UtcTime now);

// Reads, validates and returns the dataset in `path`; every problem is appended to `problems`.
Result<Dataset> LoadDatasetFile(const std::string& path, std::vector<Problem>& problems);

}  // namespace treffpunkt
