#include "sync/model/json_object_reader.hpp"

#include "sync/model/text.hpp"

namespace treffpunkt {

using nlohmann::json;

JsonObjectReader::JsonObjectReader(const json& object, std::string path,
                                   std::vector<Problem>& problems, UnknownFields unknown,
                                   std::string_view docs)
    : m_object(object),
      m_path(std::move(path)),
      m_problems(problems),
      m_unknown(unknown),
      m_docs(docs) {
    if (!m_object.is_object()) {
        m_problems.push_back({m_path, "must be an object"});
    }
}

std::string JsonObjectReader::PathOf(std::string_view key) const {
    return m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
}

void JsonObjectReader::Report(std::string_view key, std::string message) {
    m_problems.push_back({key.empty() ? m_path : PathOf(key), std::move(message)});
}

const json* JsonObjectReader::GetRaw(std::string_view key) {
    m_known.insert(std::string(key));
    if (!m_object.is_object()) {
        return nullptr;
    }
    const auto it = m_object.find(key);
    return it == m_object.end() ? nullptr : &*it;
}

const json* JsonObjectReader::Get(std::string_view key) {
    const json* value = GetRaw(key);
    return value == nullptr || value->is_null() ? nullptr : value;
}

void JsonObjectReader::Finish() {
    if (m_unknown == UnknownFields::kIgnore || !m_object.is_object()) {
        return;
    }
    for (const auto& [key, value] : m_object.items()) {
        if (m_known.count(key) == 0) {
            m_problems.push_back({PathOf(SanitizeUtf8(key)),
                                  "is not a known field (check the spelling; see " + m_docs + ")"});
        }
    }
}

}  // namespace treffpunkt
