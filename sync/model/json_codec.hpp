// JSON codec for the records (docs/dataset.md): encoding, and decoding that reports every
// problem with its path instead of stopping at the first. No SQLite, no UI.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "sync/model/records.hpp"

namespace treffpunkt {

// One thing wrong with an input, where it is and what is wrong, e.g.
// {"offers[12].schedule.rrule", "BYDAY=XX is not a weekday"}.
struct Problem {
    std::string path;     // JSONPath-like; empty for the whole document
    std::string message;  // English, says what is expected

    std::string ToString() const { return path.empty() ? message : path + ": " + message; }
    bool operator==(const Problem&) const = default;
};

// What to do with fields the decoder does not know: datasets and pushed edits reject them
// (a typo must not vanish silently); a kiosk reading from a newer hub ignores them.
enum class UnknownFields { kReject, kIgnore };

nlohmann::json ToJson(const LocalizedText& text);
nlohmann::json ToJson(const Schedule& schedule);
nlohmann::json ToJson(const AnyRecord& record);  // a tombstone encodes only its meta fields

// Decodes one record of `kind` from `json`. Structural problems (missing or mistyped fields,
// unknown fields in kReject mode) are appended to `problems` under `path`; the returned record
// holds whatever could be read. A record with "deleted": true decodes as a tombstone.
AnyRecord RecordFromJson(RecordKind kind, const nlohmann::json& json, const std::string& path,
                         std::vector<Problem>& problems, UnknownFields unknown);

// Decodes a schedule object (as found under "schedule"), same conventions.
Schedule ScheduleFromJson(const nlohmann::json& json, const std::string& path,
                          std::vector<Problem>& problems, UnknownFields unknown);

// Parses JSON text; on a syntax error appends one problem naming line and column and returns
// a discarded value. Invalid UTF-8 is a syntax error.
nlohmann::json ParseJsonText(std::string_view text, std::vector<Problem>& problems);

}  // namespace treffpunkt
