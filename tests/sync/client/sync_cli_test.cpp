// `treffpunkt-kiosk sync [--once]` against the real hub: what it prints, pairing from the
// command line, exit codes, and Ctrl+C.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>

#include "sync/hub/admin.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/sync/client/client_fixture.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;
using namespace std::chrono;

namespace {

std::string WriteConfig(TestKiosk& kiosk, const std::string& hub_url, const std::string& token) {
    const std::string path = kiosk.dir().File("kiosk.toml");
    std::ofstream config(path);
    config << "[sync]\n"
           << "hub_url = \"" << hub_url << "\"\n"
           << "ca_file = \"" << kiosk.config().ca_file << "\"\n"
           << "device_token = \"" << token << "\"\n"
           << "connect_timeout_s = 2.0\nrequest_timeout_s = 10.0\n"
           << "clock_sync_marker = \"\"\nwatch_network = false\n";
    return path;
}

std::vector<std::string> Command(const std::string& config, const std::string& db,
                                 std::vector<std::string> rest) {
    std::vector<std::string> argv = {TREFFPUNKT_KIOSK_BINARY, "--config", config, "--db", db};
    argv.insert(argv.end(), rest.begin(), rest.end());
    return argv;
}

class SyncCommand : public ::testing::Test {
  protected:
    HubFixture hub;
};

TEST_F(SyncCommand, OnceSyncsAndSaysWhatItDid) {
    TestKiosk kiosk(hub, "");
    std::string kiosk_id;
    const std::string token = hub.AddKiosk(kPlaceRoden, &kiosk_id);
    const std::string config = WriteConfig(kiosk, hub.BaseUrl(), token);
    const ProcessResult r =
        RunProcess(Command(config, kiosk.db_path(), {"sync", "--once"}), "", seconds{60});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("full sync complete: 14 records"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Sync complete"), std::string::npos) << r.out;
    // Again: nothing changed.
    const ProcessResult again =
        RunProcess(Command(config, kiosk.db_path(), {"sync", "--once"}), "", seconds{60});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
    EXPECT_NE(again.out.find("no changes"), std::string::npos) << again.out;
}

TEST_F(SyncCommand, OncePairsFirstAndPrintsTheCode) {
    hub.config().pairing.poll_interval_s = 1;
    hub.Start();
    TestKiosk kiosk(hub, "");
    const std::string config = WriteConfig(kiosk, hub.BaseUrl(), "");
    BackgroundProcess sync(Command(config, kiosk.db_path(), {"sync", "--once"}));
    std::string code;
    for (int i = 0; i < 20 && code.empty(); ++i) {
        const std::string line = sync.ReadLine(milliseconds{10'000});
        ASSERT_FALSE(line.empty()) << "no pairing code printed; stderr: " << sync.err();
        if (line.starts_with("pairing: code ")) {
            code = line.substr(14, 6);
        }
    }
    ASSERT_EQ(code.size(), 6u);
    auto approved = hub::ApprovePairing(*hub.Store(), code, kPlaceRoden, "", hub.Now());
    ASSERT_TRUE(approved) << approved.error().message;
    EXPECT_EQ(sync.Wait(milliseconds{30'000}), 0) << sync.err();
    Replica replica = kiosk.Open();
    EXPECT_TRUE(*replica.Get(kOfferCafe));
}

TEST_F(SyncCommand, FailureExitsNonZeroWithTheReason) {
    TestKiosk kiosk(hub, "");
    const std::string token = hub.AddKiosk(kPlaceRoden);
    const std::string url = hub.BaseUrl();
    hub.Stop();
    const std::string config = WriteConfig(kiosk, url, token);
    const ProcessResult r =
        RunProcess(Command(config, kiosk.db_path(), {"sync", "--once"}), "", seconds{60});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("net.connect"), std::string::npos) << r.err;
}

TEST_F(SyncCommand, WithoutAHubItSaysWhatToSet) {
    TestKiosk kiosk(hub, "");
    const std::string config = kiosk.dir().File("empty.toml");
    std::ofstream(config) << "[kiosk]\n";
    const ProcessResult r =
        RunProcess(Command(config, kiosk.db_path(), {"sync", "--once"}), "", seconds{30});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("hub_url"), std::string::npos) << r.err;
}

TEST_F(SyncCommand, WithoutOnceItKeepsSyncingUntilInterrupted) {
    TestKiosk kiosk(hub, "");
    const std::string token = hub.AddKiosk(kPlaceRoden);
    const std::string config = WriteConfig(kiosk, hub.BaseUrl(), token);
    BackgroundProcess sync(Command(config, kiosk.db_path(), {"sync"}));
    bool done = false;
    for (int i = 0; i < 20 && !done; ++i) {
        const std::string line = sync.ReadLine(milliseconds{10'000});
        ASSERT_FALSE(line.empty()) << sync.err();
        done = line.starts_with("sync: done");
    }
    sync.Signal(SIGINT);
    EXPECT_EQ(sync.Wait(milliseconds{10'000}), 0) << sync.err();
}

}  // namespace
