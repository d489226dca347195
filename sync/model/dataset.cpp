#include "sync/model/dataset.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "sync/model/validation.hpp"

namespace treffpunkt {

using nlohmann::json;

namespace {

class DatasetIndex : public RecordIndex {
  public:
    explicit DatasetIndex(const std::vector<AnyRecord>& records) {
        for (const AnyRecord& r : records) {
            const RecordMeta& meta = MetaOf(r);
            m_kinds.emplace(meta.id, KindOf(r));
            if (const auto* term = std::get_if<TaxonomyTerm>(&r)) {
                m_vocab.emplace(meta.id, term->vocabulary);
            }
        }
    }
    std::optional<RecordKind> KindOfId(std::string_view id) const override {
        const auto it = m_kinds.find(std::string(id));
        return it == m_kinds.end() ? std::nullopt : std::optional(it->second);
    }
    std::optional<std::string> VocabularyOf(std::string_view id) const override {
        const auto it = m_vocab.find(std::string(id));
        return it == m_vocab.end() ? std::nullopt : std::optional(it->second);
    }

  private:
    std::unordered_map<std::string, RecordKind> m_kinds;
    std::unordered_map<std::string, std::string> m_vocab;
};

std::string PathOf(RecordKind kind, size_t index) {
    return std::string(RecordKindName(kind)) + "[" + std::to_string(index) + "]";
}

// Validates a list of records given with their paths.
void ValidateAll(const std::vector<std::pair<AnyRecord, std::string>>& records,
                 std::vector<Problem>& problems) {
    std::vector<AnyRecord> plain;
    plain.reserve(records.size());
    std::unordered_map<std::string, std::string> first_path;
    for (const auto& [record, path] : records) {
        ValidateRecord(record, path, problems);
        const RecordMeta& meta = MetaOf(record);
        if (meta.deleted) {
            problems.push_back({path + ".deleted", "a dataset file holds no deleted records"});
        }
        if (!meta.id.empty()) {
            const auto [it, inserted] = first_path.emplace(meta.id, path);
            if (!inserted) {
                problems.push_back(
                    {path + ".id", "\"" + meta.id + "\" is already used by " + it->second});
            }
        }
        plain.push_back(record);
    }
    const DatasetIndex index(plain);
    for (const auto& [record, path] : records) {
        ValidateReferences(record, index, path, problems);
    }
}

std::vector<std::pair<AnyRecord, std::string>> WithPaths(const Dataset& dataset) {
    std::vector<std::pair<AnyRecord, std::string>> out;
    std::unordered_map<int, size_t> counters;
    for (AnyRecord& r : AllRecords(dataset)) {
        const RecordKind kind = KindOf(r);
        const size_t i = counters[static_cast<int>(kind)]++;
        out.emplace_back(std::move(r), PathOf(kind, i));
    }
    return out;
}

std::string ErrnoText() {
    return std::strerror(errno);
}

}  // namespace

std::vector<AnyRecord> AllRecords(const Dataset& d) {
    std::vector<AnyRecord> out;
    out.reserve(d.taxonomy.size() + d.organizations.size() + d.places.size() + d.contacts.size() +
                d.offers.size() + d.helpers.size() + d.networks.size());
    out.insert(out.end(), d.taxonomy.begin(), d.taxonomy.end());
    out.insert(out.end(), d.organizations.begin(), d.organizations.end());
    out.insert(out.end(), d.places.begin(), d.places.end());
    out.insert(out.end(), d.contacts.begin(), d.contacts.end());
    out.insert(out.end(), d.offers.begin(), d.offers.end());
    out.insert(out.end(), d.helpers.begin(), d.helpers.end());
    out.insert(out.end(), d.networks.begin(), d.networks.end());
    return out;
}

void AddRecord(Dataset& d, AnyRecord record) {
    std::visit(
        [&](auto&& r) {
            using R = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<R, TaxonomyTerm>) {
                d.taxonomy.push_back(std::move(r));
            } else if constexpr (std::is_same_v<R, Organization>) {
                d.organizations.push_back(std::move(r));
            } else if constexpr (std::is_same_v<R, Place>) {
                d.places.push_back(std::move(r));
            } else if constexpr (std::is_same_v<R, Contact>) {
                d.contacts.push_back(std::move(r));
            } else if constexpr (std::is_same_v<R, Offer>) {
                d.offers.push_back(std::move(r));
            } else if constexpr (std::is_same_v<R, Helper>) {
                d.helpers.push_back(std::move(r));
            } else if constexpr (std::is_same_v<R, Network>) {
                d.networks.push_back(std::move(r));
            }
        },
        std::move(record));
}

Result<Dataset> ParseDataset(std::string_view text, std::vector<Problem>& problems) {
    const size_t problems_before = problems.size();
    const json root = ParseJsonText(text, problems);
    if (root.is_discarded()) {
        return Fail("dataset.invalid", problems.back().ToString());
    }
    Dataset dataset;
    std::vector<std::pair<AnyRecord, std::string>> records;
    if (!root.is_object()) {
        problems.push_back({"", "the dataset must be a JSON object (see docs/dataset.md)"});
        return Fail("dataset.invalid", problems.back().ToString());
    }
    const auto format = root.find("format");
    if (format == root.end() || *format != "treffpunkt-dataset") {
        problems.push_back({"format",
                            "must be \"treffpunkt-dataset\" (is this a Treffpunkt "
                            "dataset file?)"});
    }
    const auto version = root.find("format_version");
    if (version == root.end() || !version->is_number_integer()) {
        problems.push_back({"format_version", "is required (a whole number, currently " +
                                                  std::to_string(kDatasetFormatVersion) + ")"});
    } else if (version->get<std::int64_t>() > kDatasetFormatVersion) {
        problems.push_back({"format_version", "is " + std::to_string(version->get<std::int64_t>()) +
                                                  ", newer than this program understands (" +
                                                  std::to_string(kDatasetFormatVersion) +
                                                  "): update Treffpunkt to read this file"});
    } else if (version->get<std::int64_t>() < 1) {
        problems.push_back({"format_version", "must be at least 1"});
    } else {
        dataset.format_version = static_cast<int>(version->get<std::int64_t>());
    }
    if (const auto generated = root.find("generated"); generated != root.end()) {
        const auto t =
            generated->is_string() ? ParseUtcTime(generated->get<std::string>()) : std::nullopt;
        if (!t) {
            problems.push_back({"generated", "must be a time like \"2026-03-17T09:30:00Z\""});
        } else {
            dataset.generated = *t;
        }
    }
    if (const auto source = root.find("source"); source != root.end()) {
        if (!source->is_string()) {
            problems.push_back({"source", "must be a string"});
        } else {
            dataset.source = source->get<std::string>();
        }
    }
    for (const auto& [key, value] : root.items()) {
        if (key == "format" || key == "format_version" || key == "generated" || key == "source") {
            continue;
        }
        const auto kind = RecordKindFromName(key);
        if (!kind) {
            problems.push_back({key,
                                "is not a known section (taxonomy, organizations, places, "
                                "contacts, offers, helpers, networks)"});
            continue;
        }
        if (!value.is_array()) {
            problems.push_back({key, "must be a list of records"});
            continue;
        }
        for (size_t i = 0; i < value.size(); ++i) {
            const std::string path = PathOf(*kind, i);
            AnyRecord record =
                RecordFromJson(*kind, value[i], path, problems, UnknownFields::kReject);
            records.emplace_back(record, path);
            AddRecord(dataset, std::move(record));
        }
    }
    ValidateAll(records, problems);
    if (problems.size() != problems_before) {
        return Fail("dataset.invalid", std::to_string(problems.size() - problems_before) +
                                           " problem(s) in the dataset");
    }
    return dataset;
}

void ValidateDataset(const Dataset& dataset, std::vector<Problem>& problems) {
    ValidateAll(WithPaths(dataset), problems);
}

std::string SerializeDataset(const Dataset& dataset) {
    json root = json::object();
    root["format"] = "treffpunkt-dataset";
    root["format_version"] = dataset.format_version;
    root["generated"] = FormatUtcTime(dataset.generated);
    if (!dataset.source.empty()) {
        root["source"] = dataset.source;
    }
    for (RecordKind kind : kAllRecordKinds) {
        root[std::string(RecordKindName(kind))] = json::array();
    }
    for (const AnyRecord& r : AllRecords(dataset)) {
        root[std::string(RecordKindName(KindOf(r)))].push_back(ToJson(r));
    }
    return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<std::string> ReadTextFile(const std::string& path, size_t max_bytes) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return Fail("io.open", "cannot open " + path + ": " + ErrnoText());
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return Fail("io.open", path + " is not a regular file");
    }
    if (static_cast<size_t>(st.st_size) > max_bytes) {
        ::close(fd);
        return Fail("io.too_large", path + " is " + std::to_string(st.st_size) +
                                        " bytes; at most " + std::to_string(max_bytes) +
                                        " are accepted");
    }
    std::string content;
    content.resize(static_cast<size_t>(st.st_size));
    size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::read(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            ::close(fd);
            return Fail("io.read", "cannot read " + path + ": " + ErrnoText());
        }
        done += static_cast<size_t>(n);
    }
    ::close(fd);
    return content;
}

Result<void> WriteFileAtomically(const std::string& path, std::string_view content) {
    const std::filesystem::path target(path);
    const std::filesystem::path dir =
        target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) {
        return Fail("io.write", "cannot create a file in " + dir.string() + ": " + ErrnoText());
    }
    size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const std::string reason = ErrnoText();
            ::close(fd);
            ::unlink(temp.c_str());
            return Fail("io.write", "cannot write " + path + ": " + reason);
        }
        done += static_cast<size_t>(n);
    }
    ::fchmod(fd, 0644);
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const std::string reason = ErrnoText();
        ::unlink(temp.c_str());
        return Fail("io.write", "cannot write " + path + ": " + reason);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string reason = ErrnoText();
        ::unlink(temp.c_str());
        return Fail("io.write", "cannot replace " + path + ": " + reason);
    }
    const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
    return Ok();
}

}  // namespace treffpunkt
