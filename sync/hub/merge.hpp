// Three-way merge of a pushed edit at the granularity of top-level record fields
// (docs/protocol.md, "Merging"). Pure functions over JSON; no storage, no HTTP.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sync/protocol/messages.hpp"

namespace treffpunkt::hub {

struct MergeResult {
    nlohmann::json merged;                           // current + the edit's applicable fields
    std::vector<std::string> applied;                // fields taken from the edit
    std::vector<protocol::FieldConflict> conflicts;  // fields left as they are on the hub
};

// `base`, `current` and `edited` are whole records as the model encodes them (ToJson), so
// that equal values have equal JSON; an absent key means "empty". For each name in `fields`:
//   - unchanged on the hub since base (base == current): the edit's value is taken;
//   - changed on the hub to what the edit wants too (current == edited): nothing to do;
//   - changed on both sides to different values: a conflict; the hub's value stays.
// "last_checked" never conflicts: the later date wins. Fields not named are left as current.
MergeResult MergeFields(const nlohmann::json& base, const nlohmann::json& current,
                        const nlohmann::json& edited, const std::vector<std::string>& fields);

// The value of `key` in a record object, or null if absent.
nlohmann::json FieldValue(const nlohmann::json& record, const std::string& key);

}  // namespace treffpunkt::hub
