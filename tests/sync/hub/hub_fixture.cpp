#include "tests/sync/hub/hub_fixture.hpp"

#include <stdexcept>

#include "sync/hub/admin.hpp"
#include "sync/hub/hub_service.hpp"
#include "sync/hub/secrets.hpp"
#include "sync/model/dataset.hpp"

namespace treffpunkt::test {

namespace {

template <class T>
T Check(Result<T> result, const char* what) {
    if (!result) {
        throw std::runtime_error(std::string(what) + ": " + result.error().message);
    }
    return std::move(result).value();
}

void CheckOk(const Result<void>& result, const char* what) {
    if (!result) {
        throw std::runtime_error(std::string(what) + ": " + result.error().message);
    }
}

}  // namespace

std::string SeedDatasetPath() {
    return std::string(TREFFPUNKT_SOURCE_DIR) + "/tests/sync/hub/data/seed_dataset.json";
}

std::string SeedDatasetText() {
    return Check(ReadTextFile(SeedDatasetPath()), "seed dataset");
}

HubFixture::HubFixture(HubFixtureOptions options)
    : m_dir("treffpunkt-hub-test"),
      m_ca(m_dir.path()),
      m_cert(m_ca.IssueServer("hub")),
      m_clock_s(std::make_shared<std::atomic<std::int64_t>>(
          hub::SystemNow().time_since_epoch().count())) {
    CheckOk(hub::InitCrypto(), "crypto");
    m_config.database.path = m_dir.File("hub.db");
    m_config.server.listen_address = "127.0.0.1";
    m_config.server.port = 0;
    m_config.server.mode = options.mode;
    m_config.server.threads = 8;
    m_config.server.keep_alive_timeout_s = 1;  // stopping waits for idle keep-alive connections
    m_config.server.log_requests = false;
    m_config.tls.certificate = m_cert.certificate;
    m_config.tls.private_key = m_cert.private_key;
    m_config.limits.requests_per_minute = options.requests_per_minute;
    m_config.limits.pairing_requests_per_minute = options.pairing_requests_per_minute;
    m_config.argon2.insecure_test_parameters = true;
    hub::DatabaseOptions db_options;
    db_options.create = true;
    auto store = Check(hub::HubStore::Open(m_config.database.path, db_options), "open");
    if (options.import_seed) {
        std::vector<Problem> problems;
        const Dataset seed = Check(ParseDataset(SeedDatasetText(), problems), "seed");
        Check(hub::ImportDataset(*store, seed, Now(), false), "import");
    }
    if (options.start_server) {
        Start();
    }
}

HubFixture::~HubFixture() {
    Stop();
}

void HubFixture::Start() {
    Stop();
    auto clock = m_clock_s;
    m_server =
        Check(hub::HubServer::Start(
                  m_config, [clock] { return UtcTime{std::chrono::seconds{clock->load()}}; }),
              "start hub");
}

void HubFixture::Stop() {
    if (m_server) {
        m_server->Stop();
        m_server.reset();
    }
}

int HubFixture::port() const {
    return m_server ? m_server->port() : 0;
}

std::string HubFixture::BaseUrl() const {
    const bool https = m_config.server.mode == hub::ServerMode::kHttps;
    return std::string(https ? "https" : "http") + "://127.0.0.1:" + std::to_string(port());
}

std::unique_ptr<hub::HubStore> HubFixture::Store() const {
    return Check(hub::HubStore::Open(m_config.database.path, {}), "open store");
}

std::unique_ptr<HttpsClient> HubFixture::Client() const {
    return std::make_unique<HttpsClient>(BaseUrl(), m_ca.certificate_path());
}

UtcTime HubFixture::Now() const {
    return UtcTime{std::chrono::seconds{m_clock_s->load()}};
}

void HubFixture::Advance(std::chrono::seconds by) {
    m_clock_s->fetch_add(by.count());
}

std::string HubFixture::AddKiosk(const std::string& place_id, std::string* kiosk_id) {
    auto store = Store();
    auto kiosk = Check(hub::AddKiosk(*store, "", place_id, Now()), "add kiosk");
    if (kiosk_id != nullptr) {
        *kiosk_id = kiosk.kiosk.id;
    }
    return kiosk.token;
}

std::string HubFixture::AddVolunteer(const std::string& name, protocol::VolunteerRole role,
                                     const std::vector<std::string>& places,
                                     const std::vector<std::string>& organizations,
                                     const std::string& id) {
    auto store = Store();
    if (id.empty()) {
        hub::NewVolunteer v{name, role, places, organizations};
        return Check(hub::AddVolunteer(*store, v, "123456", m_config.PinParams(), Now()),
                     "add volunteer")
            .account.id;
    }
    hub::VolunteerRow row;
    row.account = {id,
                   name,
                   role,
                   places,
                   organizations,
                   Check(hub::MakePinVerifier("123456", m_config.PinParams()), "verifier")};
    row.created_at = Now();
    CheckOk(store->AddVolunteer(row), "add volunteer");
    return id;
}

std::int64_t HubFixture::LastSeq() const {
    return Check(Store()->Feed(), "feed").last_seq;
}

std::int64_t HubFixture::RevisionOf(const std::string& id) const {
    const auto record = Check(Store()->Record(id), "record");
    return record ? record->revision : 0;
}

nlohmann::json HubFixture::RecordJson(const std::string& id) const {
    const auto record = Check(Store()->Record(id), "record");
    return record ? nlohmann::json::parse(record->body) : nlohmann::json();
}

nlohmann::json EditJson(const std::string& edit_id, const std::string& op, const std::string& kind,
                        const std::string& record_id, std::int64_t base_revision,
                        const nlohmann::json& fields, const std::string& volunteer_id) {
    nlohmann::json edit = {{"edit_id", edit_id},
                           {"op", op},
                           {"kind", kind},
                           {"record_id", record_id},
                           {"fields", fields},
                           {"volunteer_id", volunteer_id},
                           {"made_at", "2026-11-24T09:30:00Z"}};
    if (op != "create") {
        edit["base_revision"] = base_revision;
    }
    return edit;
}

}  // namespace treffpunkt::test
