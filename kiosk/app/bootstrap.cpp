#include "kiosk/app/bootstrap.hpp"

#include <filesystem>

#include "kiosk/app/paths.hpp"
#include "sync/model/dataset.hpp"

namespace treffpunkt {

Result<Dataset> LoadDatasetFile(const std::string& path, std::vector<Problem>& problems) {
    auto text = ReadTextFile(path);
    if (!text) {
        return Unexpected<Error>(text.error());
    }
    return ParseDataset(*text, problems);
}

Result<Replica> OpenKioskReplica(const std::string& db_path, bool seed_with_sample_if_empty,
                                 UtcTime now) {
    const std::filesystem::path parent = std::filesystem::path(db_path).parent_path();
    if (!parent.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(parent, ec);
        if (ec) {
            return Fail("db.open", "cannot create the data directory " + parent.string() + ": " +
                                       ec.message());
        }
    }
    auto replica = Replica::Open(db_path);
    if (!replica) {
        return replica;
    }
    if (seed_with_sample_if_empty) {
        auto empty = replica->IsEmpty();
        if (!empty) {
            return Unexpected<Error>(empty.error());
        }
        if (*empty) {
            const std::string sample = AssetPath("sample/saarlouis.json");
            std::vector<Problem> problems;
            auto dataset = LoadDatasetFile(sample, problems);
            if (!dataset) {
                return Fail(
                    "sample.invalid",
                    "the built-in sample data " + sample + " cannot be used: " +
                        (problems.empty() ? dataset.error().message : problems.front().ToString()));
            }
            if (auto r = replica->ReplaceDataset(*dataset, now); !r) {
                return Unexpected<Error>(r.error());
            }
        }
    }
    if (auto r = replica->RefreshSessions(now); !r) {
        return Unexpected<Error>(r.error());
    }
    return replica;
}

}  // namespace treffpunkt
