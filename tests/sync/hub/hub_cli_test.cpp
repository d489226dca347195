// The treffpunkt-hub program as an administrator uses it: every command, run as a process.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sync/hub/admin.hpp"
#include "sync/hub/edit_processor.hpp"
#include "sync/hub/hub_service.hpp"
#include "sync/model/dataset.hpp"
#include "sync/model/validation.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/sync/hub/hub_fixture.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;
using nlohmann::json;

namespace {

class HubCli : public ::testing::Test {
  protected:
    void SetUp() override {
        cert = ca.IssueServer("hub");
        config_path = dir.File("hub.toml");
        WriteConfig("");
    }

    void WriteConfig(const std::string& extra) {
        std::ofstream(config_path) << "[database]\npath = \"hub.db\"\n"
                                      "[server]\nlisten_address = \"127.0.0.1\"\nport = 0\n"
                                      "log_requests = false\nkeep_alive_timeout_s = 1\n"
                                      "[tls]\ncertificate = \""
                                   << cert.certificate << "\"\nprivate_key = \"" << cert.private_key
                                   << "\"\n[argon2]\ninsecure_test_parameters = true\n"
                                   << extra;
    }

    ProcessResult Hub(std::vector<std::string> args, const std::string& input = "") {
        args.insert(args.begin(), {TREFFPUNKT_HUB_BINARY, "--config", config_path});
        return RunProcess(args, input);
    }

    ProcessResult HubNoConfig(std::vector<std::string> args) {
        args.insert(args.begin(), TREFFPUNKT_HUB_BINARY);
        return RunProcess(args);
    }

    void InitAndImport() {
        ASSERT_EQ(Hub({"init"}).exit_code, 0);
        const ProcessResult r = Hub({"import", SeedDatasetPath()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }

    std::unique_ptr<hub::HubStore> Store() {
        auto store = hub::HubStore::Open(dir.File("hub.db"), {});
        EXPECT_TRUE(store);
        return std::move(*store);
    }

    TempDir dir;
    TestCa ca{dir.path()};
    CertFiles cert;
    std::string config_path;
};

TEST_F(HubCli, HelpAndBadUse) {
    ProcessResult r = HubNoConfig({"--help"});
    EXPECT_EQ(r.exit_code, 0);
    for (const char* command : {"init", "serve", "import", "export", "backup", "restore", "kiosk",
                                "volunteer", "conflicts", "status"}) {
        EXPECT_NE(r.out.find(command), std::string::npos) << command;
    }
    EXPECT_EQ(HubNoConfig({"kiosk", "approve", "--help"}).exit_code, 0);
    r = HubNoConfig({});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_FALSE(r.err.empty());
    r = HubNoConfig({"frobnicate"});
    EXPECT_EQ(r.exit_code, 2);
    r = Hub({"kiosk", "add"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--place"), std::string::npos) << r.err;
    r = Hub({"volunteer", "add", "Maria", "--place", kPlaceRoden, "--role", "boss"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--role"), std::string::npos) << r.err;
    r = Hub({"volunteer", "add", "Maria", "--place", kPlaceRoden, "--role", "volunteer", "--pin",
             "123456"});
    EXPECT_EQ(r.exit_code, 2) << "a PIN is never given on the command line";
}

TEST_F(HubCli, ConfigurationProblemsAreNamed) {
    ProcessResult r =
        RunProcess({TREFFPUNKT_HUB_BINARY, "--config", dir.File("none.toml"), "status"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("none.toml"), std::string::npos);
    WriteConfig("[limits]\nrequests_per_minut = 5\n");
    r = Hub({"status"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("limits.requests_per_minut"), std::string::npos) << r.err;
    WriteConfig("");
    r = Hub({"status"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("treffpunkt-hub init"), std::string::npos) << r.err;
}

TEST_F(HubCli, InitImportExport) {
    ProcessResult r = Hub({"init"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("created"), std::string::npos);
    EXPECT_EQ(Hub({"init"}).exit_code, 0) << "init is idempotent";
    r = Hub({"import", SeedDatasetPath()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("14 new"), std::string::npos) << r.out;
    // A broken file: every problem with its path, nothing imported.
    json broken = json::parse(SeedDatasetText());
    broken["offers"][0]["title"] = json::object();
    broken["offers"][1]["place_id"] = "30000000-0000-4000-8000-0000000000ff";
    std::ofstream(dir.File("broken.json")) << broken.dump();
    r = Hub({"import", dir.File("broken.json")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("offers[0].title.de"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("offers[1].place_id"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("nothing was imported"), std::string::npos);
    // Export to a file and to standard output; the file imports back unchanged.
    r = Hub({"export", dir.File("out.json")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::vector<Problem> problems;
    const auto exported = ParseDataset(*ReadTextFile(dir.File("out.json")), problems);
    ASSERT_TRUE(exported);
    EXPECT_EQ(AllRecords(*exported).size(), static_cast<size_t>(kSeedRecords));
    r = Hub({"export"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("\"format\": \"treffpunkt-dataset\""), std::string::npos);
    r = Hub({"import", dir.File("out.json")});
    EXPECT_NE(r.out.find("14 unchanged"), std::string::npos) << r.out;
    // Records missing from the file are deleted; a dry run only tells.
    json smaller = json::parse(SeedDatasetText());
    smaller["helpers"] = json::array();
    std::ofstream(dir.File("smaller.json")) << smaller.dump();
    r = Hub({"import", "--dry-run", dir.File("smaller.json")});
    EXPECT_NE(r.out.find("would import"), std::string::npos);
    EXPECT_NE(r.out.find("1 deleted"), std::string::npos) << r.out;
    EXPECT_FALSE((*Store()->Record(kHelperIngrid))->deleted);
    r = Hub({"import", dir.File("smaller.json")});
    EXPECT_TRUE((*Store()->Record(kHelperIngrid))->deleted);
}

TEST_F(HubCli, KiosksAndPairing) {
    InitAndImport();
    ProcessResult r = Hub({"kiosk", "add", "--place", kPlaceRoden, "--name", "Eingang"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string token = r.out.substr(0, r.out.find('\n'));
    EXPECT_EQ(token.rfind("tpk_", 0), 0u) << r.out;
    auto auth = Store()->KioskByTokenHash(hub::TokenHash(token));
    ASSERT_TRUE(auth && *auth);
    r = Hub({"kiosk", "add", "--place", kOfferCafe});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no place"), std::string::npos) << r.err;
    r = Hub({"kiosk", "approve", "ZZZZZZ", "--place", kPlaceRoden});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("ZZZZZZ"), std::string::npos);
    r = Hub({"kiosk", "list"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Eingang"), std::string::npos);
    EXPECT_NE(r.out.find("Ort der Begegnung Roden"), std::string::npos);
    r = Hub({"kiosk", "revoke", (*auth)->id.substr(0, 8)});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE((*Store()->KioskByTokenHash(hub::TokenHash(token)))->revoked);
    EXPECT_EQ(Hub({"kiosk", "revoke", "nobody"}).exit_code, 1);
}

TEST_F(HubCli, Volunteers) {
    InitAndImport();
    ProcessResult r = Hub({"volunteer", "add", "Maria Muster", "--place", kPlaceRoden,
                           "--organization", kOrgCaritas, "--role", "volunteer", "--pin-stdin"},
                          "246810\n");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string id = r.out.substr(0, r.out.find('\n'));
    EXPECT_TRUE(IsUuid(id)) << r.out;
    auto volunteer = Store()->Volunteer(id);
    ASSERT_TRUE(volunteer && *volunteer);
    EXPECT_TRUE(hub::VerifyPin((*volunteer)->account.verifier, "246810"));
    EXPECT_EQ((*volunteer)->account.organizations, std::vector<std::string>{kOrgCaritas});
    r = Hub(
        {"volunteer", "add", "Kurt", "--place", kPlaceRoden, "--role", "volunteer", "--pin-stdin"},
        "1234\n");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("at least 6 digits"), std::string::npos) << r.err;
    r = Hub(
        {"volunteer", "add", "Kurt", "--place", kOfferCafe, "--role", "coordinator", "--pin-stdin"},
        "123456\n");
    EXPECT_EQ(r.exit_code, 1);
    r = Hub({"volunteer", "list"});
    EXPECT_NE(r.out.find("Maria Muster"), std::string::npos);
    EXPECT_EQ(r.out.find("Kurt"), std::string::npos);
    r = Hub({"volunteer", "reset-pin", id, "--pin-stdin"}, "13579246\n");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(hub::VerifyPin((*Store()->Volunteer(id))->account.verifier, "13579246"));
    r = Hub({"volunteer", "disable", id.substr(0, 8)});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(Hub({"volunteer", "list"}).out.find("disabled"), std::string::npos);
    EXPECT_TRUE(Store()->VolunteersAtPlace(kPlaceRoden)->empty());
}

TEST_F(HubCli, ConflictsAreListedShownAndResolved) {
    InitAndImport();
    auto store = Store();
    std::string kiosk_id;
    {
        auto added = hub::AddKiosk(*store, "", kPlaceRoden, hub::SystemNow());
        ASSERT_TRUE(added);
        kiosk_id = added->kiosk.id;
    }
    hub::NewVolunteer v{"Maria", protocol::VolunteerRole::kCoordinator, {kPlaceRoden}, {}};
    const auto maria =
        hub::AddVolunteer(*store, v, "123456", hub::InsecureTestArgon2Params(), hub::SystemNow());
    ASSERT_TRUE(maria);
    auto edit = [&](const char* title) {
        protocol::Edit e;
        e.edit_id = NewUuid();
        e.kind = RecordKind::kOffer;
        e.record_id = kOfferCafe;
        e.base_revision = 1;
        e.fields = {{"title", title}};
        e.volunteer_id = maria->account.id;
        e.made_at = hub::SystemNow();
        return e;
    };
    const hub::PushContext context{kiosk_id, kPlaceRoden, hub::SystemNow()};
    ASSERT_TRUE(hub::ApplyPush(*store, {{edit("Café am Montag")}}, context));
    const auto answer = hub::ApplyPush(*store, {{edit("Café am Mittwoch")}}, context);
    ASSERT_TRUE(answer);
    const std::string id = std::to_string(answer->results[0].conflict_id);
    ProcessResult r = Hub({"conflicts", "list"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find(kOfferCafe), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("title"), std::string::npos);
    r = Hub({"conflicts", "show", id});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Café am Montag"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Café am Mittwoch"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Maria"), std::string::npos);
    EXPECT_EQ(Hub({"conflicts", "resolve", id}).exit_code, 1) << "a choice is needed";
    EXPECT_EQ(Hub({"conflicts", "resolve", id, "--field", "title=maybe"}).exit_code, 1);
    r = Hub({"conflicts", "resolve", id, "--field", "title=kiosk"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(json::parse((*Store()->Record(kOfferCafe))->body)["title"]["de"], "Café am Mittwoch");
    EXPECT_NE(Hub({"conflicts", "list"}).out.find("no open conflicts"), std::string::npos);
    EXPECT_NE(Hub({"conflicts", "list", "--all"}).out.find("resolved"), std::string::npos);
    EXPECT_EQ(Hub({"conflicts", "resolve", id, "--take", "hub"}).exit_code, 1);
    r = Hub({"audit", "--record", kOfferCafe});
    EXPECT_NE(r.out.find("resolve"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(maria->account.id), std::string::npos) << r.out;
}

TEST_F(HubCli, StatusShowsTheFleet) {
    InitAndImport();
    auto store = Store();
    auto added = hub::AddKiosk(*store, "Eingang Roden", kPlaceRoden, hub::SystemNow());
    ASSERT_TRUE(added);
    ASSERT_TRUE(hub::AddKiosk(*store, "Lager", kPlaceFraulautern, hub::SystemNow()));
    const protocol::Heartbeat heartbeat{"0.1.0", "", 3, "DNS-Fehler", 5000000, 60, std::nullopt};
    ASSERT_TRUE(store->SaveHeartbeat(added->kiosk.id, heartbeat, hub::SystemNow(), "10.0.0.7"));
    ProcessResult r = Hub({"status"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Eingang Roden"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("online"), std::string::npos);
    EXPECT_NE(r.out.find("offline"), std::string::npos) << "the other kiosk was never seen";
    EXPECT_NE(r.out.find("DNS-Fehler"), std::string::npos);
    r = Hub({"status", "--json"});
    ASSERT_EQ(r.exit_code, 0);
    const json status = json::parse(r.out);
    ASSERT_EQ(status["kiosks"].size(), 2u);
    for (const json& kiosk : status["kiosks"]) {
        if (kiosk["name"] == "Eingang Roden") {
            EXPECT_EQ(kiosk["state"], "online");
            EXPECT_EQ(kiosk["outbox"], 3);
            EXPECT_EQ(kiosk["behind"], kSeedRecords);
            EXPECT_EQ(kiosk["last_error"], "DNS-Fehler");
        } else {
            EXPECT_EQ(kiosk["state"], "offline");
        }
    }
}

TEST_F(HubCli, BackupAndRestore) {
    InitAndImport();
    const std::string epoch = Store()->Feed()->epoch;
    ProcessResult r = Hub({"backup", dir.File("backup.db")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json changed = json::parse(SeedDatasetText());
    changed["offers"] = json::array();
    std::ofstream(dir.File("changed.json")) << changed.dump();
    ASSERT_EQ(Hub({"import", dir.File("changed.json")}).exit_code, 0);
    EXPECT_TRUE((*Store()->Record(kOfferCafe))->deleted);
    EXPECT_EQ(Hub({"restore", dir.File("no-such-backup.db")}).exit_code, 1);
    r = Hub({"restore", dir.File("backup.db")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto store = Store();
    EXPECT_FALSE((*store->Record(kOfferCafe))->deleted);
    EXPECT_NE(store->Feed()->epoch, epoch) << "kiosks must resync after a restore";
}

TEST_F(HubCli, ServeUntilSigterm) {
    InitAndImport();
    BackgroundProcess serve({TREFFPUNKT_HUB_BINARY, "--config", config_path, "serve"});
    const std::string line = serve.ReadLine(std::chrono::seconds(20));
    ASSERT_NE(line.find("listening on https://127.0.0.1:"), std::string::npos) << line;
    const std::string rest = line.substr(line.find("127.0.0.1:") + 10);
    const int port = std::stoi(rest);
    HttpsClient client("https://127.0.0.1:" + std::to_string(port), ca.certificate_path());
    EXPECT_EQ(client.Get("/api/v1/health").status, 200);
    // An administrator's command works while the hub serves; a second server and a restore
    // do not.
    EXPECT_EQ(Hub({"status"}).exit_code, 0);
    ASSERT_EQ(Hub({"backup", dir.File("live.db")}).exit_code, 0);
    ProcessResult r = Hub({"serve"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("already serves"), std::string::npos) << r.err;
    r = Hub({"restore", dir.File("live.db")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("stop it first"), std::string::npos) << r.err;
    serve.Signal(SIGTERM);
    EXPECT_EQ(serve.Wait(std::chrono::seconds(20)), 0) << serve.err();
}

TEST_F(HubCli, ServeRefusesBadTlsFiles) {
    InitAndImport();
    WriteConfig("");
    std::ofstream(cert.certificate) << "not a certificate";
    const ProcessResult r = Hub({"serve"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find(cert.certificate), std::string::npos) << r.err;
}

}  // namespace
