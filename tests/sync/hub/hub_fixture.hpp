// A real hub for tests: its own directory, a test CA and server certificate, a database with
// the seed dataset (data/seed_dataset.json), and HubServer serving HTTPS on 127.0.0.1 (any
// free port) with a clock the test can move.
#pragma once

#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sync/hub/hub_config.hpp"
#include "sync/hub/hub_server.hpp"
#include "sync/hub/hub_store.hpp"
#include "tests/support/https_client.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_ca.hpp"

namespace treffpunkt::test {

// Ids of the seed dataset.
inline constexpr const char* kTermEducation = "10000000-0000-4000-8000-000000000001";
inline constexpr const char* kTermShopping = "10000000-0000-4000-8000-000000000002";
inline constexpr const char* kTermSeniors = "10000000-0000-4000-8000-000000000003";
inline constexpr const char* kOrgCaritas = "20000000-0000-4000-8000-000000000001";
inline constexpr const char* kOrgAwo = "20000000-0000-4000-8000-000000000002";
inline constexpr const char* kPlaceRoden = "30000000-0000-4000-8000-000000000001";
inline constexpr const char* kPlaceFraulautern = "30000000-0000-4000-8000-000000000002";
inline constexpr const char* kContactRoden = "40000000-0000-4000-8000-000000000001";
inline constexpr const char* kContactFraulautern = "40000000-0000-4000-8000-000000000002";
inline constexpr const char* kOfferGerman =
    "50000000-0000-4000-8000-000000000001";                                        // Roden, Caritas
inline constexpr const char* kOfferCafe = "50000000-0000-4000-8000-000000000002";  // Roden, none
inline constexpr const char* kOfferAdvice =
    "50000000-0000-4000-8000-000000000003";  // Fraulautern, AWO
inline constexpr const char* kOfferSewing = "50000000-0000-4000-8000-000000000004";   // Roden, AWO
inline constexpr const char* kHelperIngrid = "60000000-0000-4000-8000-000000000001";  // Roden
inline constexpr int kSeedRecords = 14;

// The seed dataset file and its text.
std::string SeedDatasetPath();
std::string SeedDatasetText();

struct HubFixtureOptions {
    bool start_server{true};
    hub::ServerMode mode{hub::ServerMode::kHttps};
    bool import_seed{true};
    int requests_per_minute{100000};
    int pairing_requests_per_minute{100000};
};

class HubFixture {
  public:
    explicit HubFixture(HubFixtureOptions options = {});
    ~HubFixture();

    hub::HubConfig& config() { return m_config; }
    const TestCa& ca() const { return m_ca; }
    const TempDir& dir() const { return m_dir; }
    int port() const;
    std::string BaseUrl() const;

    // Starts (or restarts) the server with the current config().
    void Start();
    void Stop();

    // A connection of the test's own to the hub's database.
    std::unique_ptr<hub::HubStore> Store() const;
    std::unique_ptr<HttpsClient> Client() const;

    // The hub's clock (starts at the real time).
    UtcTime Now() const;
    void Advance(std::chrono::seconds by);

    // A kiosk at `place_id` with a device token (as `kiosk add` makes it); returns the token.
    std::string AddKiosk(const std::string& place_id, std::string* kiosk_id = nullptr);
    // A volunteer (PIN "123456") with a fixed or new id; returns the id.
    std::string AddVolunteer(const std::string& name, protocol::VolunteerRole role,
                             const std::vector<std::string>& places,
                             const std::vector<std::string>& organizations = {},
                             const std::string& id = "");

    // The feed's newest sequence number (to check that nothing was written).
    std::int64_t LastSeq() const;
    // The current revision of a record (0 if absent).
    std::int64_t RevisionOf(const std::string& id) const;
    // The current JSON of a record (null if absent).
    nlohmann::json RecordJson(const std::string& id) const;

  private:
    TempDir m_dir;
    TestCa m_ca;
    CertFiles m_cert;
    hub::HubConfig m_config;
    std::shared_ptr<std::atomic<std::int64_t>> m_clock_s;
    std::unique_ptr<hub::HubServer> m_server;
};

// An edit JSON object (update unless `op` says otherwise), for building push bodies.
nlohmann::json EditJson(const std::string& edit_id, const std::string& op, const std::string& kind,
                        const std::string& record_id, std::int64_t base_revision,
                        const nlohmann::json& fields, const std::string& volunteer_id);

}  // namespace treffpunkt::test
