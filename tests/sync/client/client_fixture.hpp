// A kiosk for the sync tests: its own directory and database, and a SyncConfig that points at
// a hub on loopback with short timeouts. Also small helpers to change the hub's data and to
// look into the kiosk's files. Failures throw std::runtime_error.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "sync/client/sync_config.hpp"
#include "sync/client/sync_runner.hpp"
#include "sync/replica/replica.hpp"
#include "sync/replica/sync_store.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/sync/hub/hub_fixture.hpp"

namespace treffpunkt::test {

// Maria, a volunteer at Roden for the Caritas (as in docs/protocol.md).
inline constexpr const char* kMaria = "8a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

class TestKiosk {
  public:
    // A kiosk of `hub` at `place_id` with a device token (empty place = no token: it pairs).
    explicit TestKiosk(HubFixture& hub, const std::string& place_id = kPlaceRoden);

    const std::string& db_path() const { return m_db_path; }
    SyncConfig& config() { return m_config; }
    const std::string& token() const { return m_token; }
    const std::string& kiosk_id() const { return m_kiosk_id; }
    const TempDir& dir() const { return m_dir; }

    // A new connection to the kiosk's database.
    Replica Open() const;
    // A runner on `replica` with this kiosk's config.
    std::unique_ptr<SyncRunner> Runner(Replica& replica, RunnerOptions options = {}) const;
    // Stores the token in the database as pairing would.
    void StoreToken(Replica& replica) const;
    // One whole cycle (heartbeat included); throws on failure.
    CycleReport SyncOnce() const;

  private:
    TempDir m_dir;
    std::string m_db_path;
    SyncConfig m_config;
    std::string m_token;
    std::string m_kiosk_id;
};

// Changes the hub's data as an import would: `change` edits the hub's current dataset (JSON of
// the dataset file); records left out become tombstones.
void ChangeHubData(HubFixture& hub, const std::function<void(nlohmann::json&)>& change);
// The record with `id` in a dataset JSON (throws if there is none).
nlohmann::json& RecordIn(nlohmann::json& dataset, const std::string& list, const std::string& id);

// True if any of the database's files (db, -wal, -shm) holds `text`, ignoring ASCII case.
bool FilesContain(const std::string& db_path, const std::string& text);

// An outbox entry of Maria's, ready for LocalEdits::Save.
OutboxEntry MariaEdit(const std::string& op, const std::string& kind, const std::string& record_id,
                      std::int64_t base_revision, const nlohmann::json& fields);

}  // namespace treffpunkt::test
