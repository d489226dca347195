#include "tests/sync/client/client_fixture.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "sync/hub/admin.hpp"
#include "sync/model/dataset.hpp"
#include "sync/model/validation.hpp"
#include "sync/replica/sync_store.hpp"

namespace treffpunkt::test {

TestKiosk::TestKiosk(HubFixture& hub, const std::string& place_id)
    : m_dir("treffpunkt-kiosk-test"), m_db_path(m_dir.File("replica.db")) {
    m_config.hub_url = hub.BaseUrl();
    m_config.ca_file = hub.ca().certificate_path();
    m_config.connect_timeout_s = 2.0;
    m_config.request_timeout_s = 5.0;
    m_config.low_speed_bytes_per_s = 256;
    m_config.low_speed_time_s = 1;
    m_config.max_response_bytes = 4 << 20;
    m_config.clock_sync_marker = "";
    m_config.watch_network = false;
    m_config.kiosk_name = "test-kiosk";
    if (!place_id.empty()) {
        m_token = hub.AddKiosk(place_id, &m_kiosk_id);
    }
    auto replica = Replica::Open(m_db_path);
    if (!replica) {
        throw std::runtime_error("kiosk database: " + replica.error().message);
    }
    if (!m_token.empty()) {
        StoreToken(*replica);
    }
}

Replica TestKiosk::Open() const {
    auto replica = Replica::Open(m_db_path);
    if (!replica) {
        throw std::runtime_error("kiosk database: " + replica.error().message);
    }
    return std::move(*replica);
}

std::unique_ptr<SyncRunner> TestKiosk::Runner(Replica& replica, RunnerOptions options) const {
    options.config = m_config;
    return std::make_unique<SyncRunner>(replica, std::move(options));
}

void TestKiosk::StoreToken(Replica& replica) const {
    if (!SyncStore(replica).SetCredentials(m_token, m_kiosk_id, "")) {
        throw std::runtime_error("cannot store the token");
    }
}

CycleReport TestKiosk::SyncOnce() const {
    Replica replica = Open();
    auto runner = Runner(replica);
    auto report = runner->Cycle(true, {});
    if (!report) {
        throw std::runtime_error("sync failed: " + report.error().code + ": " +
                                 report.error().message);
    }
    return *report;
}

void ChangeHubData(HubFixture& hub, const std::function<void(nlohmann::json&)>& change) {
    auto store = hub.Store();
    auto current = hub::ExportDataset(*store, hub.Now());
    if (!current) {
        throw std::runtime_error("export: " + current.error().message);
    }
    nlohmann::json dataset = nlohmann::json::parse(SerializeDataset(*current));
    change(dataset);
    std::vector<Problem> problems;
    auto parsed = ParseDataset(dataset.dump(), problems);
    if (!parsed) {
        std::string text;
        for (const Problem& p : problems) {
            text += p.ToString() + "; ";
        }
        throw std::runtime_error("changed dataset is invalid: " + text);
    }
    if (!hub::ImportDataset(*store, *parsed, hub.Now(), false)) {
        throw std::runtime_error("import failed");
    }
}

nlohmann::json& RecordIn(nlohmann::json& dataset, const std::string& list, const std::string& id) {
    for (nlohmann::json& record : dataset.at(list)) {
        if (record.at("id") == id) {
            return record;
        }
    }
    throw std::runtime_error("no record " + id + " in " + list);
}

bool FilesContain(const std::string& db_path, const std::string& text) {
    std::string needle = text;
    std::transform(needle.begin(), needle.end(), needle.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::ifstream in(db_path + suffix, std::ios::binary);
        if (!in) {
            continue;
        }
        std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::transform(data.begin(), data.end(), data.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (data.find(needle) != std::string::npos) {
            return true;
        }
    }
    return false;
}

OutboxEntry MariaEdit(const std::string& op, const std::string& kind, const std::string& record_id,
                      std::int64_t base_revision, const nlohmann::json& fields) {
    OutboxEntry e;
    e.edit_id = NewUuid();
    e.op = op;
    e.kind = kind;
    e.record_id = record_id;
    e.base_revision = base_revision;
    e.fields_json = fields.dump();
    e.volunteer_id = kMaria;
    e.made_at =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    return e;
}

}  // namespace treffpunkt::test
