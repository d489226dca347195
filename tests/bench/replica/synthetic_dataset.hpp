// Synthetic datasets of any size with realistic German text, for benchmarks. Deterministic
// for a given size and seed.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sync/model/records.hpp"

namespace treffpunkt::bench {

// A dataset with `offers` offers spread over places in the Saarlouis districts, plus the
// taxonomy, organizations, contacts and helpers they refer to.
Dataset SyntheticDataset(size_t offers, unsigned seed = 1);

// 200 queries a resident might type (German, some with umlauts, compounds and typos).
std::vector<std::string> RealisticQueries();

}  // namespace treffpunkt::bench
