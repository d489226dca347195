// The examples of docs/protocol.md, sent to a live hub in the order the document tells them:
// each request gets the documented answer (times, tokens, codes and other values that differ
// from run to run are compared by presence only).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sync/hub/admin.hpp"
#include "sync/model/dataset.hpp"
#include "tests/support/markdown_examples.hpp"
#include "tests/sync/hub/hub_fixture.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;
using nlohmann::json;

namespace {

// The volunteer of the examples.
constexpr const char* kMaria = "8a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

// Values that differ from run to run.
const std::set<std::string> kVolatile = {"updated",    "cursor", "code",     "secret",
                                         "expires_at", "token",  "kiosk_id", "server_time",
                                         "verifier",   "version"};

json Normalized(json j) {
    if (j.is_object()) {
        for (auto& [key, value] : j.items()) {
            value = kVolatile.count(key) > 0 ? json("<varies>") : Normalized(value);
        }
    } else if (j.is_array()) {
        for (json& item : j) {
            item = Normalized(item);
        }
    }
    return j;
}

class ProtocolExamples : public ::testing::Test {
  protected:
    void SetUp() override {
        examples = NamedExamples(
            ReadMarkdownBlocks(std::string(TREFFPUNKT_SOURCE_DIR) + "/docs/protocol.md"));
        hub.AddVolunteer("Maria", protocol::VolunteerRole::kVolunteer, {kPlaceRoden}, {kOrgCaritas},
                         kMaria);
        client = hub.Client();
    }

    std::string Example(const std::string& name) {
        const auto it = examples.find(name);
        if (it == examples.end()) {
            ADD_FAILURE() << "docs/protocol.md lacks example " << name;
            return "{}";
        }
        return it->second.text;
    }

    // Compares an answer with a documented example.
    void ExpectDocumented(const HttpResponse& r, long status, const std::string& name) {
        EXPECT_EQ(r.status, status) << name << ": " << r.body << r.error;
        const json actual = json::parse(r.body, nullptr, false);
        const json documented = json::parse(Example(name), nullptr, false);
        EXPECT_EQ(Normalized(actual), Normalized(documented))
            << "docs/protocol.md example " << name << " differs from the hub's answer:\n"
            << actual.dump(2);
    }

    HttpRequestOptions Json(const std::string& token = "") {
        HttpRequestOptions o;
        o.headers = JsonHeaders(token);
        return o;
    }

    std::map<std::string, MarkdownBlock> examples;
    HubFixture hub;
    std::unique_ptr<HttpsClient> client;
};

TEST_F(ProtocolExamples, AKiosksLifeAsTheDocumentTellsIt) {
    ExpectDocumented(client->Get("/api/v1/health"), 200, "health-response");

    // Pairing.
    HttpResponse r = client->Post("/api/v1/pairing", Example("pairing-request"), Json());
    ExpectDocumented(r, 201, "pairing-response");
    const json ticket = json::parse(r.body);
    json poll = json::parse(Example("pairing-poll-request"));
    poll["secret"] = ticket["secret"];
    ExpectDocumented(client->Post("/api/v1/pairing/poll", poll.dump(), Json()), 200,
                     "pairing-poll-pending");
    ASSERT_TRUE(hub::ApprovePairing(*hub.Store(), ticket["code"], kPlaceRoden, "", hub.Now()));
    r = client->Post("/api/v1/pairing/poll", poll.dump(), Json());
    ExpectDocumented(r, 200, "pairing-poll-approved");
    const std::string token = json::parse(r.body)["token"];

    // The first page of a full sync.
    ExpectDocumented(client->Get("/api/v1/changes?since=&limit=2", Json(token)), 200,
                     "pull-response");
    ExpectDocumented(client->Get("/api/v1/changes?since=aaaaaaaa.1", Json(token)), 410,
                     "error-body");

    // Meanwhile the city's office renames the Erzählcafé; then the kiosk pushes its outbox.
    json dataset = json::parse(SeedDatasetText());
    dataset["offers"][1]["title"] = "Erzählcafé im Pfarrheim";
    std::vector<Problem> problems;
    ASSERT_TRUE(hub::ImportDataset(*hub.Store(), *ParseDataset(dataset.dump(), problems), hub.Now(),
                                   false));
    ExpectDocumented(client->Post("/api/v1/edits", Example("push-request"), Json(token)), 200,
                     "push-response");
    ExpectDocumented(client->Post("/api/v1/edits", Example("push-request-invalid"), Json(token)),
                     400, "push-response-invalid");
    for (const char* name : {"edit-create", "edit-delete"}) {
        const json push = {{"edits", json::array({json::parse(Example(name))})}};
        r = client->Post("/api/v1/edits", push.dump(), Json(token));
        ASSERT_EQ(r.status, 200) << name;
        EXPECT_EQ(json::parse(r.body)["results"][0]["status"], "applied") << name << r.body;
    }

    ExpectDocumented(client->Post("/api/v1/heartbeat", Example("heartbeat-request"), Json(token)),
                     200, "heartbeat-response");
    ExpectDocumented(client->Get("/api/v1/volunteers", Json(token)), 200, "volunteers-response");
}

}  // namespace
