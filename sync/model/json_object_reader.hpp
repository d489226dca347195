// Reading one JSON object field by field while collecting every problem with its path; the
// keys nobody asked for are reported as unknown. The base of the dataset and protocol codecs.
// nlohmann::json only; no SQLite, no UI.
#pragma once

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sync/model/json_codec.hpp"

namespace treffpunkt {

class JsonObjectReader {
  public:
    // Reports "must be an object" at `path` if `object` is not one. `docs` names the document
    // an unknown-field message points to (e.g. "docs/dataset.md").
    JsonObjectReader(const nlohmann::json& object, std::string path, std::vector<Problem>& problems,
                     UnknownFields unknown, std::string_view docs = "docs/dataset.md");

    bool IsObject() const { return m_object.is_object(); }
    const std::string& path() const { return m_path; }
    std::vector<Problem>& problems() { return m_problems; }
    UnknownFields unknown() const { return m_unknown; }

    // path + "." + key (or key at the top).
    std::string PathOf(std::string_view key) const;
    // Records a problem at PathOf(key) (or at the object itself for an empty key).
    void Report(std::string_view key, std::string message);

    // The value of `key`, or nullptr if absent; JSON null counts as absent. Marks the key known.
    const nlohmann::json* Get(std::string_view key);
    // The value of `key` including null; nullptr only if absent. Marks the key known.
    const nlohmann::json* GetRaw(std::string_view key);

    // Reports every key nobody asked for (in kReject mode).
    void Finish();

  private:
    const nlohmann::json& m_object;
    std::string m_path;
    std::vector<Problem>& m_problems;
    UnknownFields m_unknown;
    std::string m_docs;
    std::set<std::string, std::less<>> m_known;
};

}  // namespace treffpunkt
