// Faults between kiosk and hub, made by a hostile server on 127.0.0.1 that otherwise forwards
// to a real hub. For each: the data on the kiosk is unchanged, the engine's status names the
// problem, and the next sync after the fault is gone succeeds.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sync/client/sync_engine.hpp"
#include "tests/support/hostile_server.hpp"
#include "tests/sync/client/client_fixture.hpp"
#include "tests/sync/client/engine_test_support.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;
using namespace std::chrono;

namespace {

struct FaultCase {
    Fault fault;
    const char* code;  // what the status must say
};

void PrintTo(const FaultCase& c, std::ostream* out) {
    *out << FaultName(c.fault);
}

std::string CafeTitle(const TestKiosk& kiosk) {
    Replica replica = kiosk.Open();
    auto record = replica.Get(kOfferCafe);
    return record && *record ? std::get<Offer>(**record).title.De() : "<absent>";
}

class SyncFaults : public ::testing::TestWithParam<FaultCase> {};

std::unique_ptr<SyncEngine> Start(const TestKiosk& kiosk, const SyncConfig& config) {
    SyncEngineOptions options;
    options.config = config;
    options.db_path = kiosk.db_path();
    options.network = std::make_unique<FakeNetwork>();
    options.backoff_seed = 7;
    options.log = [](const std::string& l) { fprintf(stderr, "LOG %s\n", l.c_str()); };
    auto engine = SyncEngine::Start(std::move(options));
    EXPECT_TRUE(engine) << engine.error().message;
    return engine ? std::move(*engine) : nullptr;
}

TEST_P(SyncFaults, DataStaysStatusNamesItAndTheNextSyncSucceeds) {
    const FaultCase c = GetParam();
    HubFixture hub;
    HostileServer hostile(hub.ca(), hub.dir().path(), hub.BaseUrl(), hub.ca().certificate_path());
    TestKiosk kiosk(hub);
    SyncConfig config = kiosk.config();
    config.hub_url = hostile.BaseUrl();
    config.poll_interval_s = 3600;
    config.max_response_bytes = 1 << 20;
    auto engine = Start(kiosk, config);
    ASSERT_TRUE(engine);
    auto wait = std::make_unique<StatusWaiter>(*engine);
    ASSERT_TRUE(wait->Attempts(1));
    ASSERT_TRUE(engine->Status().online) << engine->Status().last_error_message;

    // Something new on the hub, which the faulty answer keeps from the kiosk.
    ChangeHubData(hub, [](nlohmann::json& d) {
        RecordIn(d, "offers", kOfferCafe)["title"] = {{"de", "Erzählcafé neu"}};
    });
    hostile.SetFault(c.fault);
    engine->RequestSyncNow();
    ASSERT_TRUE(wait->Attempts(2, seconds{60}));
    SyncStatus s = engine->Status();
    EXPECT_FALSE(s.online);
    EXPECT_EQ(s.last_error_code, c.code) << s.last_error_message;
    EXPECT_FALSE(s.last_error_message.empty());
    EXPECT_TRUE(s.last_success);
    EXPECT_EQ(CafeTitle(kiosk), "Erzählcafé");

    hostile.SetFault(Fault::kNone);
    if (c.fault == Fault::kBusyRetryAfter) {
        // The hub asked for 120 s: no try before that, even when asked.
        ASSERT_TRUE(s.next_attempt);
        EXPECT_GE(*s.next_attempt - time_point_cast<seconds>(system_clock::now()), seconds{115});
        // A restart of the kiosk is the next sync here.
        wait.reset();
        engine->Stop();
        engine = Start(kiosk, config);
        wait = std::make_unique<StatusWaiter>(*engine);
        ASSERT_TRUE(wait->Attempts(1, seconds{60}));
    } else {
        engine->RequestSyncNow();
        ASSERT_TRUE(wait->Attempts(3, seconds{60}));
    }
    s = engine->Status();
    EXPECT_TRUE(s.online) << s.last_error_code << ": " << s.last_error_message;
    EXPECT_TRUE(s.last_error_code.empty());
    EXPECT_EQ(CafeTitle(kiosk), "Erzählcafé neu");
}

INSTANTIATE_TEST_SUITE_P(Hostile, SyncFaults,
                         ::testing::Values(FaultCase{Fault::kRefuse, "net.connect"},
                                           FaultCase{Fault::kNoAnswer, "net.timeout"},
                                           FaultCase{Fault::kSlowDrip, "net.timeout"},
                                           FaultCase{Fault::kServerError, "server.internal"},
                                           FaultCase{Fault::kBusyRetryAfter, "server.busy"},
                                           FaultCase{Fault::kCutShort, "net.incomplete"},
                                           FaultCase{Fault::kInvalidJson, "sync.bad_json"},
                                           FaultCase{Fault::kWrongShape, "sync.bad_answer"},
                                           FaultCase{Fault::kTooLarge, "net.too_large"},
                                           FaultCase{Fault::kRedirectHttp, "net.insecure_redirect"},
                                           FaultCase{Fault::kOtherCa, "net.tls_certificate"},
                                           FaultCase{Fault::kExpired, "net.tls_expired"}),
                         [](const ::testing::TestParamInfo<FaultCase>& param) {
                             return std::string(FaultName(param.param.fault));
                         });

}  // namespace
