#include "sync/hub/merge.hpp"

namespace treffpunkt::hub {

using nlohmann::json;

json FieldValue(const json& record, const std::string& key) {
    if (!record.is_object()) {
        return nullptr;
    }
    const auto it = record.find(key);
    return it == record.end() ? json(nullptr) : *it;
}

namespace {

void SetField(json& record, const std::string& key, const json& value) {
    if (value.is_null()) {
        record.erase(key);
    } else {
        record[key] = value;
    }
}

}  // namespace

MergeResult MergeFields(const json& base, const json& current, const json& edited,
                        const std::vector<std::string>& fields) {
    MergeResult result;
    result.merged = current;
    for (const std::string& field : fields) {
        const json b = FieldValue(base, field);
        const json c = FieldValue(current, field);
        const json e = FieldValue(edited, field);
        if (c == e) {
            continue;
        }
        if (field == "last_checked") {
            // "Stimmt noch" from two kiosks is agreement, not a conflict: keep the later date.
            // Dates are YYYY-MM-DD, so text order is date order.
            if (c.is_null() ||
                (e.is_string() && c.is_string() && e.get<std::string>() > c.get<std::string>())) {
                SetField(result.merged, field, e);
                result.applied.push_back(field);
            }
            continue;
        }
        if (b == c) {
            SetField(result.merged, field, e);
            result.applied.push_back(field);
            continue;
        }
        result.conflicts.push_back({field, b, c, e});
    }
    return result;
}

}  // namespace treffpunkt::hub
