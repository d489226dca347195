// SyncEngine on its own thread against the real hub: the status the UI reads, the wake
// callback, "jetzt synchronisieren", the network coming back, backoff, revocation and pairing,
// clock trust, and stopping in the middle of a request. Waits are woken by the engine, never
// timed guesses.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "sync/client/sync_engine.hpp"
#include "sync/hub/admin.hpp"
#include "sync/replica/database.hpp"
#include "sync/replica/sync_store.hpp"
#include "tests/support/hostile_server.hpp"
#include "tests/sync/client/client_fixture.hpp"
#include "tests/sync/client/engine_test_support.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;
using namespace std::chrono;

namespace {

std::int64_t DataVersion(Replica& replica) {
    auto stmt = replica.db().Prepare("PRAGMA data_version");
    EXPECT_TRUE(stmt && stmt->Step().value_or(false));
    return stmt ? stmt->Int(0) : -1;
}

UtcTime Now() {
    return time_point_cast<seconds>(system_clock::now());
}

struct Started {
    std::unique_ptr<SyncEngine> engine;
    FakeNetwork* network{nullptr};
};

Started StartEngine(const TestKiosk& kiosk, SyncConfig config, std::int64_t build_unix_s = -1) {
    SyncEngineOptions options;
    options.config = std::move(config);
    options.db_path = kiosk.db_path();
    auto network = std::make_unique<FakeNetwork>();
    FakeNetwork* raw = network.get();
    options.network = std::move(network);
    options.build_unix_s = build_unix_s;
    options.backoff_seed = 42;
    auto engine = SyncEngine::Start(std::move(options));
    EXPECT_TRUE(engine) << engine.error().message;
    return {engine ? std::move(*engine) : nullptr, raw};
}

SyncConfig Quiet(TestKiosk& kiosk) {
    SyncConfig config = kiosk.config();
    config.poll_interval_s = 3600;  // only what the test asks for happens
    return config;
}

TEST(SyncEngine, WithoutAHubItStaysIdle) {
    SyncEngineOptions options;
    options.db_path = "/nonexistent/never-opened.db";
    auto engine = SyncEngine::Start(std::move(options));
    ASSERT_TRUE(engine) << engine.error().message;
    EXPECT_FALSE((*engine)->Status().enabled);
    (*engine)->RequestSyncNow();
    (*engine)->Stop();
}

TEST(SyncEngine, APlainHttpHubIsRefused) {
    HubFixture hub;
    TestKiosk kiosk(hub);
    SyncEngineOptions options;
    options.config = kiosk.config();
    options.config.hub_url = "http://127.0.0.1:1";
    options.db_path = kiosk.db_path();
    auto engine = SyncEngine::Start(std::move(options));
    ASSERT_FALSE(engine);
    EXPECT_EQ(engine.error().code, "sync.config");
}

TEST(SyncEngine, SyncsAtOnceAndPublishesItsStatus) {
    HubFixture hub;
    TestKiosk kiosk(hub);
    auto [engine, network] = StartEngine(kiosk, Quiet(kiosk));
    ASSERT_TRUE(engine);
    StatusWaiter wait(*engine);
    // The UI reads the status while the engine works.
    std::atomic<bool> reading{true};
    std::thread reader([&] {
        while (reading) {
            const SyncStatus s = engine->Status();
            EXPECT_TRUE(s.enabled);
        }
    });
    ASSERT_TRUE(wait.Attempts(1));
    reading = false;
    reader.join();
    const SyncStatus s = engine->Status();
    EXPECT_TRUE(s.online);
    EXPECT_TRUE(s.paired);
    EXPECT_FALSE(s.syncing);
    EXPECT_TRUE(s.last_error_code.empty()) << s.last_error_message;
    ASSERT_TRUE(s.last_success);
    EXPECT_LE(*s.last_success - Now(), seconds{1});
    EXPECT_GT(s.data_version, 0u);
    EXPECT_EQ(s.kiosk_id, kiosk.kiosk_id());
    EXPECT_EQ(s.place_id, kPlaceRoden);
    EXPECT_TRUE(s.clock_trusted) << s.clock_note;  // the hub's clock agrees
    ASSERT_TRUE(s.next_attempt);
    EXPECT_GT(*s.next_attempt - Now(), minutes{50});
    EXPECT_GT(wait.wakes(), 0);
    Replica replica = kiosk.Open();
    EXPECT_TRUE(*replica.Get(kOfferCafe));
    // "Stand" is kept in the database too.
    EXPECT_TRUE(SyncStore(replica).State()->last_success);
}

TEST(SyncEngine, AnUnchangedSyncWritesNothingButRenewsStand) {
    HubFixture hub;
    TestKiosk kiosk(hub);
    auto [engine, network] = StartEngine(kiosk, Quiet(kiosk));
    StatusWaiter wait(*engine);
    ASSERT_TRUE(wait.Attempts(1));
    const SyncStatus first = engine->Status();
    Replica watcher = kiosk.Open();
    const std::int64_t before = DataVersion(watcher);
    engine->RequestSyncNow();
    ASSERT_TRUE(wait.Attempts(2));
    const SyncStatus second = engine->Status();
    EXPECT_TRUE(second.online);
    EXPECT_EQ(second.data_version, first.data_version);
    EXPECT_GE(*second.last_success, *first.last_success);
    EXPECT_EQ(DataVersion(watcher), before);
}

TEST(SyncEngine, AfterAFailureItWaitsAndTriesAtOnceWhenTheNetworkComesBack) {
    HubFixture hub;
    TestKiosk kiosk(hub);
    auto [engine, network] = StartEngine(kiosk, Quiet(kiosk));
    StatusWaiter wait(*engine);
    ASSERT_TRUE(wait.Attempts(1));
    hub.config().server.port = hub.port();  // come back on the same port
    hub.Stop();
    engine->RequestSyncNow();
    ASSERT_TRUE(wait.Attempts(2));
    SyncStatus s = engine->Status();
    EXPECT_FALSE(s.online);
    EXPECT_EQ(s.last_error_code, "net.connect") << s.last_error_message;
    EXPECT_FALSE(s.last_error_message.empty());
    ASSERT_TRUE(s.next_attempt);
    // 30 s ± 20 %: the backoff, not the hour of the poll interval.
    EXPECT_GE(*s.next_attempt - Now(), seconds{22});
    EXPECT_LE(*s.next_attempt - Now(), seconds{37});
    EXPECT_TRUE(s.last_success);  // "Stand" stays

    hub.Start();
    network->ComeBack();
    ASSERT_TRUE(wait.Attempts(3));
    s = engine->Status();
    EXPECT_TRUE(s.online);
    EXPECT_TRUE(s.last_error_code.empty());
}

TEST(SyncEngine, SyncNowTriesAtOnceAfterAFailure) {
    HubFixture hub;
    TestKiosk kiosk(hub);
    auto [engine, network] = StartEngine(kiosk, Quiet(kiosk));
    StatusWaiter wait(*engine);
    ASSERT_TRUE(wait.Attempts(1));
    hub.config().server.port = hub.port();
    hub.Stop();
    engine->RequestSyncNow();
    ASSERT_TRUE(wait.Attempts(2));
    EXPECT_FALSE(engine->Status().online);
    hub.Start();
    engine->RequestSyncNow();
    ASSERT_TRUE(wait.Attempts(3));
    EXPECT_TRUE(engine->Status().online);
}

TEST(SyncEngine, ARevokedKioskShowsAPairingCodeAndSyncsAgainAfterApproval) {
    HubFixture hub;
    TestKiosk kiosk(hub);
    auto [engine, network] = StartEngine(kiosk, Quiet(kiosk));
    StatusWaiter wait(*engine);
    ASSERT_TRUE(wait.Attempts(1));
    ASSERT_TRUE(hub.Store()->RevokeKiosk(kiosk.kiosk_id(), hub.Now()));
    engine->RequestSyncNow();
    ASSERT_TRUE(wait.Until([](const SyncStatus& st) { return !st.pairing_code.empty(); }));
    SyncStatus s = engine->Status();
    EXPECT_FALSE(s.paired);
    ASSERT_TRUE(s.pairing_expires);
    const std::string code = s.pairing_code;
    const std::uint64_t before = s.data_version;
    ASSERT_TRUE(hub::ApprovePairing(*hub.Store(), code, kPlaceRoden, "", hub.Now()));
    engine->RequestSyncNow();  // the next poll would come within the hub's poll interval
    // Paired, and synced in full right after.
    ASSERT_TRUE(wait.Until(
        [&](const SyncStatus& st) { return st.paired && st.online && st.data_version > before; }));
    s = engine->Status();
    EXPECT_TRUE(s.pairing_code.empty());
    EXPECT_TRUE(s.last_error_code.empty());
    EXPECT_NE(s.kiosk_id, kiosk.kiosk_id());
    Replica replica = kiosk.Open();
    EXPECT_TRUE(SyncStore(replica).State()->paired());
    EXPECT_FALSE(SyncStore(replica).State()->cursor.empty());
}

TEST(SyncEngine, AClockEarlierThanTheBuildIsNotTrusted) {
    HubFixture hub;
    TestKiosk kiosk(hub);
    const std::int64_t tomorrow = Now().time_since_epoch().count() + 86400;
    auto [engine, network] = StartEngine(kiosk, Quiet(kiosk), tomorrow);
    EXPECT_FALSE(engine->Status().clock_trusted);
    StatusWaiter wait(*engine);
    ASSERT_TRUE(wait.Attempts(1));
    const SyncStatus s = engine->Status();
    EXPECT_TRUE(s.online);
    EXPECT_FALSE(s.clock_trusted);
    EXPECT_NE(s.clock_note.find("build"), std::string::npos) << s.clock_note;
}

TEST(SyncEngine, StopsPromptlyInTheMiddleOfARequest) {
    HubFixture hub;
    TestKiosk kiosk(hub);
    HostileServer hostile(hub.ca(), hub.dir().path(), hub.BaseUrl(), hub.ca().certificate_path());
    hostile.SetFault(Fault::kNoAnswer);
    SyncConfig config = Quiet(kiosk);
    config.hub_url = hostile.BaseUrl();
    config.request_timeout_s = 120;
    config.low_speed_time_s = 120;
    auto [engine, network] = StartEngine(kiosk, config);
    StatusWaiter wait(*engine);
    ASSERT_TRUE(wait.Until([&](const SyncStatus& s) { return s.syncing; }));
    while (hostile.requests() == 0) {
        std::this_thread::yield();  // the request is on its way
    }
    const auto before = steady_clock::now();
    engine->Stop();
    EXPECT_LT(steady_clock::now() - before, seconds{5});
}

}  // namespace
