// The hub against a real HTTPS client on 127.0.0.1: the change feed, push, pairing, revocation,
// the volunteer list, heartbeats and the fleet status, and bad input of every kind.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "sync/hub/admin.hpp"
#include "sync/hub/edit_processor.hpp"
#include "sync/hub/secrets.hpp"
#include "sync/model/dataset.hpp"
#include "sync/model/validation.hpp"
#include "sync/protocol/api.hpp"
#include "sync/protocol/codec.hpp"
#include "tests/sync/hub/hub_fixture.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;
using nlohmann::json;

namespace {

constexpr protocol::VolunteerRole kVolunteer = protocol::VolunteerRole::kVolunteer;
constexpr protocol::VolunteerRole kCoordinator = protocol::VolunteerRole::kCoordinator;

HttpRequestOptions Auth(const std::string& token, std::vector<std::string> more = {}) {
    HttpRequestOptions o;
    o.headers = JsonHeaders(token);
    o.headers.insert(o.headers.end(), more.begin(), more.end());
    return o;
}

json Body(const HttpResponse& r) {
    return json::parse(r.body, nullptr, false);
}

std::string ErrorCode(const HttpResponse& r) {
    const json j = Body(r);
    return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
}

class HubTest : public ::testing::Test {
  protected:
    void SetUp() override {
        hub = std::make_unique<HubFixture>();
        token = hub->AddKiosk(kPlaceRoden, &kiosk_id);
        client = hub->Client();
    }

    HttpResponse Pull(const std::string& since, int limit = 0,
                      std::vector<std::string> headers = {}) {
        std::string path = "/api/v1/changes?since=" + since;
        if (limit > 0) {
            path += "&limit=" + std::to_string(limit);
        }
        return client->Get(path, Auth(token, std::move(headers)));
    }

    // Pulls everything from `since`, page by page; returns the last page's JSON.
    json PullAll(std::string& cursor, std::vector<json>& changes, int limit = 0) {
        json page;
        for (int i = 0; i < 100; ++i) {
            const HttpResponse r = Pull(cursor, limit);
            EXPECT_EQ(r.status, 200) << r.body << r.error;
            page = Body(r);
            for (const json& c : page["changes"]) {
                changes.push_back(c);
            }
            cursor = page["cursor"];
            if (!page["more"].get<bool>()) {
                break;
            }
        }
        return page;
    }

    HttpResponse Push(const std::vector<json>& edits, const std::string& with_token = "") {
        return client->Post("/api/v1/edits", json{{"edits", edits}}.dump(),
                            Auth(with_token.empty() ? token : with_token));
    }

    std::string AddVolunteerHere() {
        return hub->AddVolunteer("Vera", kCoordinator, {kPlaceRoden});
    }

    std::unique_ptr<HubFixture> hub;
    std::unique_ptr<HttpsClient> client;
    std::string token;
    std::string kiosk_id;
};

// --- The change feed -------------------------------------------------------------------------

TEST_F(HubTest, HealthNeedsNoToken) {
    const HttpResponse r = client->Get("/api/v1/health");
    ASSERT_EQ(r.status, 200) << r.error;
    std::vector<Problem> problems;
    const auto health = protocol::Decode<protocol::HealthAnswer>(r.body, problems);
    ASSERT_TRUE(health) << r.body;
    EXPECT_EQ(health->status, "ok");
    EXPECT_EQ(health->api, "v1");
    EXPECT_EQ(r.Header("cache-control"), "no-store");
}

TEST_F(HubTest, PullFromZeroGivesEveryRecordInOnePage) {
    const HttpResponse r = Pull("");
    ASSERT_EQ(r.status, 200) << r.body << r.error;
    std::vector<Problem> problems;
    const auto page = protocol::Decode<protocol::PullPage>(r.body, problems);
    ASSERT_TRUE(page) << problems.front().ToString();
    EXPECT_EQ(page->changes.size(), static_cast<size_t>(kSeedRecords));
    EXPECT_FALSE(page->more);
    EXPECT_EQ(page->remaining, 0);
    EXPECT_FALSE(page->cursor.empty());
    EXPECT_FALSE(r.Header("etag").empty());
    // Records arrive complete, as the model encodes them.
    bool found = false;
    for (const protocol::Change& c : page->changes) {
        if (MetaOf(c.record).id == kOfferGerman) {
            const auto& offer = std::get<Offer>(c.record);
            EXPECT_EQ(offer.title.De(), "Deutschkurs für Anfängerinnen und Anfänger");
            EXPECT_EQ(offer.meta.revision, 1);
            found = true;
        }
    }
    EXPECT_TRUE(found);
}

TEST_F(HubTest, PagesFollowTheCursorAndCountWhatRemains) {
    std::string cursor;
    const HttpResponse first = Pull(cursor, 5);
    ASSERT_EQ(first.status, 200);
    const json page = Body(first);
    EXPECT_EQ(page["changes"].size(), 5u);
    EXPECT_TRUE(page["more"].get<bool>());
    EXPECT_EQ(page["remaining"], kSeedRecords - 5);
    std::vector<json> changes;
    cursor = "";
    PullAll(cursor, changes, 5);
    ASSERT_EQ(changes.size(), static_cast<size_t>(kSeedRecords));
    std::set<std::string> ids;
    for (const json& c : changes) {
        ids.insert(c["record"]["id"].get<std::string>());
    }
    EXPECT_EQ(ids.size(), static_cast<size_t>(kSeedRecords));
}

TEST_F(HubTest, LimitIsCappedAndDefaulted) {
    hub->config().sync.max_page_size = 3;
    hub->config().sync.default_page_size = 2;
    hub->Start();
    client = hub->Client();
    EXPECT_EQ(Body(Pull("", 1000))["changes"].size(), 3u);
    EXPECT_EQ(Body(Pull(""))["changes"].size(), 2u);
}

TEST_F(HubTest, DeltaBringsOnlyWhatChanged) {
    std::string cursor;
    std::vector<json> changes;
    PullAll(cursor, changes);
    // The city's office changes one offer and imports.
    json dataset = json::parse(SeedDatasetText());
    dataset["offers"][1]["title"] = "Erzählcafé am Dienstag";
    std::vector<Problem> problems;
    const auto parsed = ParseDataset(dataset.dump(), problems);
    ASSERT_TRUE(parsed);
    ASSERT_TRUE(hub::ImportDataset(*hub->Store(), *parsed, hub->Now(), false));
    changes.clear();
    PullAll(cursor, changes);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0]["kind"], "offers");
    EXPECT_EQ(changes[0]["record"]["id"], kOfferCafe);
    EXPECT_EQ(changes[0]["record"]["title"]["de"], "Erzählcafé am Dienstag");
    EXPECT_EQ(changes[0]["record"]["revision"], 2);
}

TEST_F(HubTest, DeletionArrivesAsTombstone) {
    std::string cursor;
    std::vector<json> changes;
    PullAll(cursor, changes);
    json dataset = json::parse(SeedDatasetText());
    dataset["helpers"] = json::array();  // Ingrid leaves
    std::vector<Problem> problems;
    const auto parsed = ParseDataset(dataset.dump(), problems);
    ASSERT_TRUE(parsed);
    const auto report = hub::ImportDataset(*hub->Store(), *parsed, hub->Now(), false);
    ASSERT_TRUE(report);
    EXPECT_EQ(report->deleted, 1u);
    changes.clear();
    PullAll(cursor, changes);
    ASSERT_EQ(changes.size(), 1u);
    const json& tomb = changes[0]["record"];
    EXPECT_EQ(changes[0]["kind"], "helpers");
    EXPECT_EQ(tomb["id"], kHelperIngrid);
    EXPECT_EQ(tomb["deleted"], true);
    EXPECT_FALSE(tomb.contains("first_name")) << "a tombstone carries no data";
    std::vector<Problem> decode_problems;
    const auto page = protocol::Decode<protocol::PullPage>(
        json{{"cursor", cursor}, {"more", false}, {"remaining", 0}, {"changes", changes}}.dump(),
        decode_problems);
    ASSERT_TRUE(page);
    EXPECT_TRUE(MetaOf(page->changes[0].record).deleted);
}

TEST_F(HubTest, UnchangedPollCostsA304) {
    std::string cursor;
    std::vector<json> changes;
    PullAll(cursor, changes);
    const HttpResponse last = Pull(cursor);
    ASSERT_EQ(last.status, 200);
    const std::string etag = last.Header("etag");
    ASSERT_FALSE(etag.empty());
    const HttpResponse again = Pull(cursor, 0, {"If-None-Match: " + etag});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.Header("etag"), etag);
    // The ETag of the last page already names the state after it: no extra 200 needed.
    std::string from_start;
    const HttpResponse full = Pull(from_start);
    EXPECT_EQ(Pull(Body(full)["cursor"], 0, {"If-None-Match: " + full.Header("etag")}).status, 304);
}

TEST_F(HubTest, EtagNeverHidesChanges) {
    std::string cursor;
    std::vector<json> changes;
    PullAll(cursor, changes);
    const std::string etag = Pull(cursor).Header("etag");
    const std::string volunteer = AddVolunteerHere();
    ASSERT_EQ(Push({EditJson(NewUuid(), "update", "offers", kOfferCafe, 1,
                             {{"title", "Erzählcafé neu"}}, volunteer)})
                  .status,
              200);
    const HttpResponse r = Pull(cursor, 0, {"If-None-Match: " + etag});
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(Body(r)["changes"].size(), 1u);
}

TEST_F(HubTest, OldOrForeignCursorsGet410) {
    std::string cursor;
    std::vector<json> changes;
    PullAll(cursor, changes);
    // A tombstone that is forgotten after the retention time.
    json dataset = json::parse(SeedDatasetText());
    dataset["offers"].erase(3);
    std::vector<Problem> problems;
    ASSERT_TRUE(hub::ImportDataset(*hub->Store(), *ParseDataset(dataset.dump(), problems),
                                   hub->Now(), false));
    const std::string before_purge = cursor;
    ASSERT_TRUE(hub->Store()->PurgeTombstones(hub->Now() + std::chrono::hours(1)));
    const HttpResponse gone = Pull(before_purge);
    EXPECT_EQ(gone.status, 410);
    EXPECT_EQ(ErrorCode(gone), "feed.resync_required");
    // A full resync still works, and its cursor is good.
    std::string fresh;
    changes.clear();
    PullAll(fresh, changes);
    EXPECT_EQ(changes.size(), static_cast<size_t>(kSeedRecords - 1));
    EXPECT_EQ(Pull(fresh).status, 200);
    // A cursor from the future (a restored hub) and one of another epoch.
    const auto parts = fresh.substr(0, fresh.find('.'));
    EXPECT_EQ(Pull(parts + ".999999").status, 410);
    ASSERT_TRUE(hub->Store()->RenewEpoch());
    EXPECT_EQ(Pull(fresh).status, 410);
    EXPECT_EQ(Pull("").status, 200);
}

// --- Push --------------------------------------------------------------------------------------

class PushTest : public HubTest {
  protected:
    void SetUp() override {
        HubTest::SetUp();
        maria = hub->AddVolunteer("Maria", kVolunteer, {kPlaceRoden}, {kOrgCaritas});
        coordinator = hub->AddVolunteer("Carla", kCoordinator, {kPlaceRoden});
    }
    std::string maria;
    std::string coordinator;
};

TEST_F(PushTest, AppliedEditGetsANewRevisionAndAnAuditEntry) {
    const std::string edit_id = NewUuid();
    const HttpResponse r = Push({EditJson(edit_id, "update", "offers", kOfferGerman, 1,
                                          {{"title", {{"de", "Deutschkurs am Freitag"}}}}, maria)});
    ASSERT_EQ(r.status, 200) << r.body;
    std::vector<Problem> problems;
    const auto answer = protocol::Decode<protocol::PushAnswer>(r.body, problems);
    ASSERT_TRUE(answer) << r.body;
    ASSERT_EQ(answer->results.size(), 1u);
    const auto& result = answer->results[0];
    EXPECT_EQ(result.status, protocol::EditStatus::kApplied);
    EXPECT_EQ(result.revision, 2);
    ASSERT_TRUE(result.record);
    EXPECT_EQ(std::get<Offer>(*result.record).title.De(), "Deutschkurs am Freitag");
    EXPECT_EQ(std::get<Offer>(*result.record).title.Get("en"), "Deutschkurs am Freitag")
        << "the edit replaced the whole title field, English included";
    const json stored = hub->RecordJson(kOfferGerman);
    EXPECT_EQ(stored["revision"], 2);
    const auto audit = hub->Store()->Audit(kOfferGerman, 10);
    ASSERT_TRUE(audit);
    ASSERT_GE(audit->size(), 1u);
    const hub::AuditEntry& entry = audit->front();
    EXPECT_EQ(entry.author.actor, maria);
    EXPECT_EQ(entry.author.kiosk_id, kiosk_id);
    EXPECT_EQ(entry.author.edit_id, edit_id);
    EXPECT_EQ(entry.author.action, "update");
    ASSERT_TRUE(entry.author.made_at);
    EXPECT_EQ(FormatUtcTime(*entry.author.made_at), "2026-11-24T09:30:00Z");
    EXPECT_NE(entry.before.find("Anfängerinnen"), std::string::npos);
    EXPECT_NE(entry.after.find("am Freitag"), std::string::npos);
}

TEST_F(PushTest, ReplayReturnsTheOriginalAnswerAndWritesNothing) {
    const json edit = EditJson(NewUuid(), "update", "offers", kOfferCafe, 1,
                               {{"title", "Erzählcafé (neu)"}}, maria);
    const HttpResponse first = Push({edit});
    ASSERT_EQ(first.status, 200);
    const std::int64_t seq = hub->LastSeq();
    const HttpResponse second = Push({edit});
    ASSERT_EQ(second.status, 200);
    EXPECT_EQ(Body(second), Body(first));
    EXPECT_EQ(hub->LastSeq(), seq);
    EXPECT_EQ(hub->RevisionOf(kOfferCafe), 2);
    // Twice within one batch: applied once.
    const json other = EditJson(NewUuid(), "update", "offers", kOfferCafe, 2,
                                {{"summary", "Jeden Dienstag"}}, maria);
    const HttpResponse twice = Push({other, other});
    ASSERT_EQ(twice.status, 200);
    EXPECT_EQ(Body(twice)["results"][0], Body(twice)["results"][1]);
    EXPECT_EQ(hub->RevisionOf(kOfferCafe), 3);
}

TEST_F(PushTest, AnEditIdReusedForOtherContentIsRejected) {
    const std::string edit_id = NewUuid();
    ASSERT_EQ(Push({EditJson(edit_id, "update", "offers", kOfferCafe, 1, {{"title", "A"}}, maria)})
                  .status,
              200);
    const std::int64_t seq = hub->LastSeq();
    const HttpResponse r =
        Push({EditJson(edit_id, "update", "offers", kOfferCafe, 2, {{"title", "B"}}, maria)});
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(Body(r)["results"][0]["status"], "rejected");
    EXPECT_EQ(Body(r)["results"][0]["error"]["code"], "edit.id_reused");
    EXPECT_EQ(hub->LastSeq(), seq);
    // The same id from another kiosk is not a replay either.
    const std::string other_token = hub->AddKiosk(kPlaceRoden);
    const HttpResponse theirs =
        Push({EditJson(edit_id, "update", "offers", kOfferCafe, 1, {{"title", "A"}}, maria)},
             other_token);
    EXPECT_EQ(Body(theirs)["results"][0]["error"]["code"], "edit.id_reused");
}

TEST_F(PushTest, DifferentFieldsChangedOnBothSidesMerge) {
    // Kiosk 1 changes the title, kiosk 2 (from the same base) the schedule.
    ASSERT_EQ(Body(Push({EditJson(NewUuid(), "update", "offers", kOfferGerman, 1,
                                  {{"title", "Deutschkurs A1"}}, maria)}))["results"][0]["status"],
              "applied");
    const json schedule = {{"start_date", "2026-01-16"},
                           {"start_time", "14:00"},
                           {"end_time", "16:00"},
                           {"rrule", "FREQ=WEEKLY;BYDAY=FR"}};
    const HttpResponse r = Push({EditJson(NewUuid(), "update", "offers", kOfferGerman, 1,
                                          {{"schedule", schedule}}, maria)});
    const json result = Body(r)["results"][0];
    EXPECT_EQ(result["status"], "applied") << r.body;
    EXPECT_EQ(result["revision"], 3);
    const json stored = hub->RecordJson(kOfferGerman);
    EXPECT_EQ(stored["title"]["de"], "Deutschkurs A1");
    EXPECT_EQ(stored["schedule"]["rrule"], "FREQ=WEEKLY;BYDAY=FR");
}

TEST_F(PushTest, SameFieldChangedOnBothSidesIsAConflictAndNothingIsLost) {
    ASSERT_EQ(
        Body(Push({EditJson(NewUuid(), "update", "offers", kOfferGerman, 1,
                            {{"title", "Deutschkurs (Hub)"}}, maria)}))["results"][0]["status"],
        "applied");
    const std::string edit_id = NewUuid();
    const HttpResponse r =
        Push({EditJson(edit_id, "update", "offers", kOfferGerman, 1,
                       {{"title", "Deutschkurs (Kiosk)"}, {"summary", "Für den Alltag"}}, maria)});
    ASSERT_EQ(r.status, 200);
    std::vector<Problem> problems;
    const auto answer = protocol::Decode<protocol::PushAnswer>(r.body, problems);
    ASSERT_TRUE(answer) << r.body;
    const auto& result = answer->results[0];
    EXPECT_EQ(result.status, protocol::EditStatus::kConflict);
    EXPECT_GT(result.conflict_id, 0);
    ASSERT_EQ(result.conflicts.size(), 1u);
    EXPECT_EQ(result.conflicts[0].field, "title");
    EXPECT_EQ(result.conflicts[0].hub["de"], "Deutschkurs (Hub)");
    EXPECT_EQ(result.conflicts[0].kiosk["de"], "Deutschkurs (Kiosk)");
    EXPECT_EQ(result.conflicts[0].base["de"], "Deutschkurs für Anfängerinnen und Anfänger");
    // The hub keeps its title; the other field of the edit applied.
    const json stored = hub->RecordJson(kOfferGerman);
    EXPECT_EQ(stored["title"]["de"], "Deutschkurs (Hub)");
    EXPECT_EQ(stored["summary"]["de"], "Für den Alltag");
    EXPECT_EQ(result.revision, 3);
    // The moderation queue holds both values.
    const auto conflicts = hub->Store()->Conflicts(false);
    ASSERT_TRUE(conflicts);
    ASSERT_EQ(conflicts->size(), 1u);
    EXPECT_EQ(conflicts->front().edit_id, edit_id);
    EXPECT_EQ(conflicts->front().fields[0].kiosk["de"], "Deutschkurs (Kiosk)");
    // The administrator takes the kiosk's title.
    hub::Resolution resolution;
    resolution.take_kiosk = {{"title", true}};
    const auto revision =
        hub::ResolveConflictAsAdmin(*hub->Store(), result.conflict_id, resolution, hub->Now());
    ASSERT_TRUE(revision) << revision.error().message;
    EXPECT_EQ(hub->RecordJson(kOfferGerman)["title"]["de"], "Deutschkurs (Kiosk)");
    EXPECT_TRUE(hub->Store()->Conflicts(false)->empty());
}

TEST_F(PushTest, AVolunteerCanSettleAConflictByEditingAgain) {
    Push({EditJson(NewUuid(), "update", "offers", kOfferCafe, 1, {{"title", "Hub"}}, maria)});
    const json conflict = Body(Push({EditJson(NewUuid(), "update", "offers", kOfferCafe, 1,
                                              {{"title", "Kiosk"}}, maria)}))["results"][0];
    ASSERT_EQ(conflict["status"], "conflict");
    json settle = EditJson(NewUuid(), "update", "offers", kOfferCafe, conflict["revision"],
                           {{"title", "Kiosk"}}, maria);
    settle["resolves_conflict"] = conflict["conflict_id"];
    const json result = Body(Push({settle}))["results"][0];
    EXPECT_EQ(result["status"], "applied") << result.dump();
    EXPECT_EQ(hub->RecordJson(kOfferCafe)["title"]["de"], "Kiosk");
    EXPECT_TRUE(hub->Store()->Conflicts(false)->empty());
}

TEST_F(PushTest, EditsOutsideTheVolunteersPlacesAreRejectedAndWriteNothing) {
    const std::int64_t seq = hub->LastSeq();
    // Maria (Roden) edits an offer in Fraulautern.
    HttpResponse r = Push(
        {EditJson(NewUuid(), "update", "offers", kOfferAdvice, 1, {{"title", "gehackt"}}, maria)});
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(Body(r)["results"][0]["status"], "rejected");
    EXPECT_EQ(Body(r)["results"][0]["error"]["code"], "edit.forbidden");
    // Maria (role volunteer, Caritas) edits an AWO offer at her own place.
    r = Push({EditJson(NewUuid(), "update", "offers", kOfferSewing, 1, {{"title", "x"}}, maria)});
    EXPECT_EQ(Body(r)["results"][0]["error"]["code"], "edit.forbidden");
    // Moving her own offer to another place is forbidden too.
    r = Push({EditJson(NewUuid(), "update", "offers", kOfferGerman, 1,
                       {{"place_id", kPlaceFraulautern}}, maria)});
    EXPECT_EQ(Body(r)["results"][0]["error"]["code"], "edit.forbidden");
    // A volunteer of another place cannot act at this kiosk, whatever the kiosk claims.
    const std::string stranger = hub->AddVolunteer("Fritz", kCoordinator, {kPlaceFraulautern});
    r = Push(
        {EditJson(NewUuid(), "update", "offers", kOfferAdvice, 1, {{"title", "x"}}, stranger)});
    EXPECT_EQ(Body(r)["results"][0]["error"]["code"], "edit.volunteer_not_at_this_place");
    // An unknown volunteer.
    r = Push({EditJson(NewUuid(), "update", "offers", kOfferCafe, 1, {{"title", "x"}}, NewUuid())});
    EXPECT_EQ(Body(r)["results"][0]["error"]["code"], "edit.unknown_volunteer");
    // Taxonomy is the office's.
    r = Push({EditJson(NewUuid(), "update", "taxonomy", kTermEducation, 1, {{"name", "x"}},
                       coordinator)});
    EXPECT_EQ(Body(r)["results"][0]["error"]["code"], "edit.forbidden");
    EXPECT_EQ(hub->LastSeq(), seq);
    EXPECT_EQ(hub->RevisionOf(kOfferAdvice), 1);
}

TEST_F(PushTest, ACoordinatorEditsEverythingAtTheirPlaces) {
    HttpResponse r = Push({EditJson(NewUuid(), "update", "offers", kOfferSewing, 1,
                                    {{"title", "Nähtreff am Montag"}}, coordinator)});
    EXPECT_EQ(Body(r)["results"][0]["status"], "applied") << r.body;
    r = Push({EditJson(NewUuid(), "update", "places", kPlaceRoden, 1, {{"phone", "06831 999999"}},
                       coordinator)});
    EXPECT_EQ(Body(r)["results"][0]["status"], "applied") << r.body;
    r = Push(
        {EditJson(NewUuid(), "update", "places", kPlaceRoden, 2, {{"phone", "06831 1"}}, maria)});
    EXPECT_EQ(Body(r)["results"][0]["error"]["code"], "edit.forbidden");
}

TEST_F(PushTest, CreateAndDelete) {
    const std::string helper_id = NewUuid();
    const json helper = {{"first_name", "Ahmet"},
                         {"kinds_of_help", {kTermShopping}},
                         {"languages", {"tr", "de"}},
                         {"place_id", kPlaceRoden},
                         {"coordinator_contact_id", kContactRoden}};
    HttpResponse r = Push({EditJson(NewUuid(), "create", "helpers", helper_id, 0, helper, maria)});
    ASSERT_EQ(Body(r)["results"][0]["status"], "applied") << r.body;
    EXPECT_EQ(Body(r)["results"][0]["revision"], 1);
    EXPECT_EQ(hub->RecordJson(helper_id)["first_name"], "Ahmet");
    // Creating it again is refused.
    r = Push({EditJson(NewUuid(), "create", "helpers", helper_id, 0, helper, maria)});
    EXPECT_EQ(Body(r)["results"][0]["error"]["code"], "edit.exists");
    // An invalid new record names the field.
    json bad = helper;
    bad["first_name"] = "Ahmet Yilmaz";
    r = Push({EditJson(NewUuid(), "create", "helpers", NewUuid(), 0, bad, maria)});
    EXPECT_EQ(Body(r)["results"][0]["error"]["code"], "edit.invalid");
    EXPECT_EQ(Body(r)["results"][0]["error"]["problems"][0]["path"], "first_name");
    // Delete.
    r = Push({EditJson(NewUuid(), "delete", "helpers", helper_id, 1, json::object(), maria)});
    ASSERT_EQ(Body(r)["results"][0]["status"], "applied") << r.body;
    EXPECT_TRUE(hub->RecordJson(helper_id)["deleted"].get<bool>());
    // A record others refer to cannot be deleted.
    r = Push(
        {EditJson(NewUuid(), "delete", "contacts", kContactRoden, 1, json::object(), coordinator)});
    EXPECT_EQ(Body(r)["results"][0]["error"]["code"], "edit.still_referenced") << r.body;
    EXPECT_FALSE(hub->RecordJson(kContactRoden).contains("deleted"));
}

TEST_F(PushTest, AnEditOfARecordDeletedOnTheHubWaitsForModeration) {
    json dataset = json::parse(SeedDatasetText());
    dataset["helpers"] = json::array();
    std::vector<Problem> problems;
    ASSERT_TRUE(hub::ImportDataset(*hub->Store(), *ParseDataset(dataset.dump(), problems),
                                   hub->Now(), false));
    const HttpResponse r = Push({EditJson(NewUuid(), "update", "helpers", kHelperIngrid, 1,
                                          {{"availability", "montags"}}, maria)});
    const json result = Body(r)["results"][0];
    EXPECT_EQ(result["status"], "conflict") << r.body;
    EXPECT_EQ(result["conflicts"][0]["field"], "availability");
    EXPECT_EQ(result["conflicts"][0]["kiosk"]["de"], "montags");
}

TEST_F(PushTest, AVolunteersStimmtNochNeverConflicts) {
    Push({EditJson(NewUuid(), "update", "offers", kOfferCafe, 1, {{"last_checked", "2026-11-20"}},
                   maria)});
    const HttpResponse r = Push({EditJson(NewUuid(), "update", "offers", kOfferCafe, 1,
                                          {{"last_checked", "2026-11-24"}}, maria)});
    EXPECT_EQ(Body(r)["results"][0]["status"], "applied") << r.body;
    EXPECT_EQ(hub->RecordJson(kOfferCafe)["last_checked"], "2026-11-24");
}

// --- Pairing, revocation -----------------------------------------------------------------------

TEST_F(HubTest, PairingWithACode) {
    HttpResponse r = client->Post("/api/v1/pairing",
                                  R"({"version": "0.1.0", "kiosk_name": "pi-roden"})", Auth(""));
    ASSERT_EQ(r.status, 201) << r.body;
    std::vector<Problem> problems;
    const auto ticket = protocol::Decode<protocol::PairingTicket>(r.body, problems);
    ASSERT_TRUE(ticket);
    EXPECT_EQ(ticket->code.size(), 6u);
    for (char c : ticket->code) {
        EXPECT_NE(protocol::kPairingCodeAlphabet.find(c), std::string::npos) << c;
    }
    const std::string poll = json{{"secret", ticket->secret}}.dump();
    r = client->Post("/api/v1/pairing/poll", poll, Auth(""));
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(Body(r)["status"], "pending");
    // The administrator approves (lower case and a dash are fine).
    std::string code = ticket->code;
    for (char& c : code) {
        c = static_cast<char>(std::tolower(c));
    }
    code.insert(3, "-");
    const auto kiosk = hub::ApprovePairing(*hub->Store(), code, kPlaceRoden, "", hub->Now());
    ASSERT_TRUE(kiosk) << kiosk.error().message;
    EXPECT_EQ(kiosk->name, "pi-roden");
    r = client->Post("/api/v1/pairing/poll", poll, Auth(""));
    ASSERT_EQ(r.status, 200);
    const auto approved = protocol::Decode<protocol::PairingPollAnswer>(r.body, problems);
    ASSERT_TRUE(approved) << r.body;
    EXPECT_EQ(approved->state, protocol::PairingState::kApproved);
    EXPECT_EQ(approved->place_id, kPlaceRoden);
    EXPECT_EQ(approved->kiosk_id, kiosk->id);
    // A lost answer costs nothing: the next poll gives a new token and voids the old one.
    r = client->Post("/api/v1/pairing/poll", poll, Auth(""));
    const std::string new_token = Body(r)["token"];
    EXPECT_NE(new_token, approved->token);
    EXPECT_EQ(client->Get("/api/v1/changes", Auth(approved->token)).status, 401);
    EXPECT_EQ(client->Get("/api/v1/changes", Auth(new_token)).status, 200);
    // Once the token was used, the pairing is over.
    r = client->Post("/api/v1/pairing/poll", poll, Auth(""));
    EXPECT_EQ(r.status, 410);
    EXPECT_EQ(ErrorCode(r), "pairing.finished");
    // The hub stored no token, only hashes.
    const std::string db = ReadTextFile(hub->config().database.path).value_or("");
    EXPECT_EQ(db.find(new_token), std::string::npos);
    EXPECT_EQ(db.find(ticket->secret), std::string::npos);
}

TEST_F(HubTest, PairingCodesExpire) {
    HttpResponse r = client->Post("/api/v1/pairing", R"({"version": "0.1.0"})", Auth(""));
    ASSERT_EQ(r.status, 201);
    const json ticket = Body(r);
    hub->Advance(std::chrono::seconds(hub->config().pairing.code_ttl_s + 1));
    r = client->Post("/api/v1/pairing/poll", json{{"secret", ticket["secret"]}}.dump(), Auth(""));
    EXPECT_EQ(r.status, 410);
    EXPECT_EQ(ErrorCode(r), "pairing.expired");
    const auto approve =
        hub::ApprovePairing(*hub->Store(), ticket["code"], kPlaceRoden, "", hub->Now());
    ASSERT_FALSE(approve);
    EXPECT_EQ(approve.error().code, "pairing.expired");
    r = client->Post("/api/v1/pairing/poll", R"({"secret": "tps_nonsense"})", Auth(""));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(ErrorCode(r), "pairing.unknown");
}

TEST_F(HubTest, RevokedTokensAreRefusedAtTheNextRequest) {
    ASSERT_EQ(Pull("").status, 200);
    ASSERT_TRUE(hub->Store()->RevokeKiosk(kiosk_id, hub->Now()));
    const HttpResponse r = Pull("");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(ErrorCode(r), "auth.revoked");
    EXPECT_EQ(client->Get("/api/v1/changes", Auth("tpk_madeup")).status, 401);
    EXPECT_EQ(ErrorCode(client->Get("/api/v1/changes", Auth("tpk_madeup"))), "auth.unknown_token");
    const HttpResponse none = client->Get("/api/v1/changes");
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(ErrorCode(none), "auth.missing");
    EXPECT_FALSE(none.Header("www-authenticate").empty());
}

// --- Volunteers, heartbeat, fleet --------------------------------------------------------------

TEST_F(HubTest, KiosksGetTheirPlacesVolunteersOnly) {
    const std::string maria = hub->AddVolunteer("Maria", kVolunteer, {kPlaceRoden});
    hub->AddVolunteer("Fritz", kVolunteer, {kPlaceFraulautern});
    HttpResponse r = client->Get("/api/v1/volunteers", Auth(token));
    ASSERT_EQ(r.status, 200) << r.body;
    std::vector<Problem> problems;
    const auto list = protocol::Decode<protocol::VolunteerList>(r.body, problems);
    ASSERT_TRUE(list) << r.body;
    EXPECT_EQ(list->place_id, kPlaceRoden);
    ASSERT_EQ(list->volunteers.size(), 1u);
    EXPECT_EQ(list->volunteers[0].name, "Maria");
    EXPECT_TRUE(hub::VerifyPin(list->volunteers[0].verifier, "123456"));
    EXPECT_FALSE(hub::VerifyPin(list->volunteers[0].verifier, "654321"));
    const std::string etag = r.Header("etag");
    EXPECT_EQ(client->Get("/api/v1/volunteers", Auth(token, {"If-None-Match: " + etag})).status,
              304);
    ASSERT_TRUE(hub->Store()->DisableVolunteer(maria, hub->Now()));
    r = client->Get("/api/v1/volunteers", Auth(token, {"If-None-Match: " + etag}));
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(Body(r)["volunteers"].empty());
}

TEST_F(HubTest, HeartbeatsFeedTheFleetStatus) {
    std::string cursor;
    std::vector<json> changes;
    PullAll(cursor, changes, 5);
    const json heartbeat = {{"version", "0.1.0"},
                            {"cursor", cursor},
                            {"outbox", 2},
                            {"last_error", "hub unreachable"},
                            {"free_disk_bytes", 1000000},
                            {"uptime_s", 3600}};
    HttpResponse r = client->Post("/api/v1/heartbeat", heartbeat.dump(), Auth(token));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r)["kiosk_id"], kiosk_id);
    EXPECT_EQ(Body(r)["place_id"], kPlaceRoden);
    hub::StatusSettings settings;
    auto fleet = hub::Fleet(*hub->Store(), settings, hub->Now());
    ASSERT_TRUE(fleet);
    ASSERT_EQ(fleet->kiosks.size(), 1u);
    const hub::FleetEntry& entry = fleet->kiosks[0];
    EXPECT_EQ(entry.state, hub::KioskState::kOnline);
    EXPECT_EQ(entry.kiosk.version, "0.1.0");
    EXPECT_EQ(entry.kiosk.outbox, 2);
    EXPECT_EQ(entry.kiosk.last_error, "hub unreachable");
    EXPECT_EQ(entry.behind, 0);
    EXPECT_EQ(entry.place_name, "Ort der Begegnung Roden");
    // The hub changes; the kiosk has not pulled yet.
    const std::string volunteer = hub->AddVolunteer("Carla", kCoordinator, {kPlaceRoden});
    Push({EditJson(NewUuid(), "update", "offers", kOfferCafe, 1, {{"title", "x"}}, volunteer)});
    fleet = hub::Fleet(*hub->Store(), settings, hub->Now());
    EXPECT_EQ(fleet->kiosks[0].behind, 1);
    // Silence: disconnected, then offline.
    fleet = hub::Fleet(*hub->Store(), settings,
                       hub->Now() + std::chrono::seconds(settings.online_within_s + 60));
    EXPECT_EQ(fleet->kiosks[0].state, hub::KioskState::kDisconnected);
    fleet = hub::Fleet(*hub->Store(), settings,
                       hub->Now() + std::chrono::seconds(settings.offline_after_s + 60));
    EXPECT_EQ(fleet->kiosks[0].state, hub::KioskState::kOffline);
    ASSERT_TRUE(hub->Store()->RevokeKiosk(kiosk_id, hub->Now()));
    EXPECT_EQ(hub::Fleet(*hub->Store(), settings, hub->Now())->kiosks[0].state,
              hub::KioskState::kRevoked);
}

TEST_F(HubTest, LastSeenIsRecordedWithoutAHeartbeat) {
    ASSERT_EQ(Pull("").status, 200);
    hub->Stop();  // flushes what it gathered in memory
    const auto kiosk = hub->Store()->Kiosk(kiosk_id);
    ASSERT_TRUE(kiosk && *kiosk);
    ASSERT_TRUE((*kiosk)->last_seen_at);
    EXPECT_EQ((*kiosk)->last_address, "127.0.0.1");
}

TEST_F(HubTest, AnswersAreGzippedWhenTheKioskAsks) {
    HttpRequestOptions o = Auth(token);
    o.accept_gzip = true;
    const HttpResponse r = client->Get("/api/v1/changes?since=", o);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.Header("content-encoding"), "gzip");
    EXPECT_LT(r.body_bytes_on_wire, static_cast<long long>(r.body.size()));
    EXPECT_TRUE(Body(r).is_object());
}

// --- Bad input ---------------------------------------------------------------------------------

TEST_F(HubTest, BadInputGets4xxWithAJsonErrorAndWritesNothing) {
    const std::string maria = hub->AddVolunteer("Maria", kVolunteer, {kPlaceRoden});
    const std::int64_t seq = hub->LastSeq();
    struct Case {
        std::string name;
        std::string method;
        std::string path;
        std::string body;
        std::vector<std::string> headers;
        long status;
        std::string code;
    };
    const std::string good_edit =
        EditJson(NewUuid(), "update", "offers", kOfferCafe, 1, {{"title", "x"}}, maria).dump();
    const std::vector<std::string> json_auth = JsonHeaders(token);
    const std::vector<Case> cases = {
        {"malformed JSON", "POST", "/api/v1/edits", R"({"edits": [)", json_auth, 400,
         "request.malformed_json"},
        {"invalid UTF-8", "POST", "/api/v1/heartbeat", "{\"version\": \"\xff\xfe\"}", json_auth,
         400, "request.invalid_utf8"},
        {"wrong type", "POST", "/api/v1/edits", R"({"edits": "all of them"})", json_auth, 400,
         "request.invalid"},
        {"unknown field", "POST", "/api/v1/edits",
         R"({"edits": [)" + good_edit + R"(], "urgent": true})", json_auth, 400, "request.invalid"},
        {"unknown record field", "POST", "/api/v1/edits",
         json{{"edits",
               {EditJson(NewUuid(), "update", "offers", kOfferCafe, 1, {{"titel", "x"}}, maria)}}}
             .dump(),
         json_auth, 400, "request.invalid"},
        {"hub-owned field", "POST", "/api/v1/edits",
         json{{"edits",
               {EditJson(NewUuid(), "update", "offers", kOfferCafe, 1, {{"revision", 99}}, maria)}}}
             .dump(),
         json_auth, 400, "request.invalid"},
        {"no edits", "POST", "/api/v1/edits", R"({"edits": []})", json_auth, 400,
         "request.invalid"},
        {"not an object", "POST", "/api/v1/heartbeat", "[1, 2]", json_auth, 400, "request.invalid"},
        {"deep nesting", "POST", "/api/v1/heartbeat",
         std::string(5000, '[') + std::string(5000, ']'), json_auth, 400, "request.invalid"},
        {"oversized body", "POST", "/api/v1/edits", std::string(2u << 20, ' '), json_auth, 413,
         "request.too_large"},
        {"wrong content type",
         "POST",
         "/api/v1/edits",
         good_edit,
         {"Content-Type: text/plain", "Authorization: Bearer " + token},
         415,
         "request.unsupported_media_type"},
        {"unknown token", "POST", "/api/v1/edits", good_edit, JsonHeaders("tpk_forged"), 401,
         "auth.unknown_token"},
        {"no token", "GET", "/api/v1/changes", "", {}, 401, "auth.missing"},
        {"unknown path", "GET", "/api/v1/records", "", json_auth, 404, "request.not_found"},
        {"outside the API", "GET", "/", "", {}, 404, "request.not_found"},
        {"wrong method", "DELETE", "/api/v1/changes", "", json_auth, 405,
         "request.method_not_allowed"},
        {"bad cursor", "GET", "/api/v1/changes?since=yesterday", "", json_auth, 400,
         "request.bad_parameter"},
        {"bad limit", "GET", "/api/v1/changes?limit=-5", "", json_auth, 400,
         "request.bad_parameter"},
        {"unknown parameter", "GET", "/api/v1/changes?sinse=", "", json_auth, 400,
         "request.bad_parameter"},
        {"huge header",
         "GET",
         "/api/v1/changes",
         "",
         {"Authorization: Bearer " + token, "X-Filler: " + std::string(6000, 'a'),
          "X-More: " + std::string(6000, 'b')},
         431,
         "request.headers_too_large"},
    };
    for (const Case& c : cases) {
        HttpRequestOptions o;
        o.headers = c.headers;
        auto fresh = hub->Client();
        const HttpResponse r = fresh->Send(c.method, c.path, c.body, o);
        EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body << r.error;
        EXPECT_EQ(ErrorCode(r), c.code) << c.name << ": " << r.body;
        EXPECT_FALSE(Body(r)["error"].value("message", "").empty()) << c.name;
        EXPECT_EQ(r.Header("content-type"), "application/json") << c.name;
    }
    // The problems name their paths.
    const HttpResponse r = client->Post(
        "/api/v1/edits",
        json{{"edits",
              {EditJson(NewUuid(), "update", "offers", kOfferCafe, 1, {{"titel", "x"}}, maria)}}}
            .dump(),
        Auth(token));
    EXPECT_EQ(Body(r)["error"]["problems"][0]["path"], "edits[0].fields.titel");
    EXPECT_EQ(hub->LastSeq(), seq);
    EXPECT_EQ(client->Get("/api/v1/health").status, 200) << "the hub keeps serving";
}

TEST_F(HubTest, ACompressedBombIsStoppedAtTheLimit) {
    const std::string bomb = Gzip(std::string(64u << 20, ' '));
    HttpRequestOptions o = Auth(token, {"Content-Encoding: gzip"});
    const HttpResponse r = client->Post("/api/v1/edits", bomb, o);
    EXPECT_EQ(r.status, 413) << r.body << r.error;
    // A small gzipped request is fine.
    const std::string maria = hub->AddVolunteer("Maria", kVolunteer, {kPlaceRoden});
    const std::string edits = json{
        {"edits",
         {EditJson(NewUuid(), "update", "offers", kOfferCafe, 1, {{"title", "z"}},
                   maria)}}}.dump();
    auto fresh = hub->Client();
    const HttpResponse ok = fresh->Post("/api/v1/edits", Gzip(edits), o);
    EXPECT_EQ(ok.status, 200) << ok.body << ok.error;
}

TEST_F(HubTest, TooManyEditsInOnePush) {
    hub->config().sync.max_edits_per_push = 2;
    hub->Start();
    client = hub->Client();
    const std::string maria = hub->AddVolunteer("Maria", kVolunteer, {kPlaceRoden});
    std::vector<json> edits;
    for (int i = 0; i < 3; ++i) {
        edits.push_back(
            EditJson(NewUuid(), "update", "offers", kOfferCafe, 1, {{"title", "x"}}, maria));
    }
    const HttpResponse r = Push(edits);
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(ErrorCode(r), "request.too_large");
}

TEST(HubRateLimit, TooManyRequestsGet429WithRetryAfter) {
    HubFixtureOptions options;
    options.requests_per_minute = 3;
    options.pairing_requests_per_minute = 2;
    HubFixture hub(options);
    const std::string token = hub.AddKiosk(kPlaceRoden);
    auto client = hub.Client();
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(client->Get("/api/v1/changes", Auth(token)).status, 200);
    }
    const HttpResponse limited = client->Get("/api/v1/changes", Auth(token));
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(ErrorCode(limited), "request.rate_limited");
    EXPECT_GE(std::stoi(limited.Header("retry-after")), 1);
    // Unauthenticated requests are limited per address.
    for (int i = 0; i < 2; ++i) {
        EXPECT_EQ(client->Post("/api/v1/pairing", R"({"version": "1"})", Auth("")).status, 201);
    }
    EXPECT_EQ(client->Post("/api/v1/pairing", R"({"version": "1"})", Auth("")).status, 429);
}

TEST(HubBehindProxy, PlainHttpOnlyFromTheProxyAndOnlyForHttps) {
    HubFixtureOptions options;
    options.mode = hub::ServerMode::kHttpBehindProxy;
    HubFixture hub(options);
    const std::string token = hub.AddKiosk(kPlaceRoden);
    HttpsClient client(hub.BaseUrl(), "");
    HttpRequestOptions o = Auth(token);
    HttpResponse r = client.Get("/api/v1/changes", o);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(ErrorCode(r), "request.https_required");
    o.headers.push_back("X-Forwarded-Proto: https");
    o.headers.push_back("X-Forwarded-For: 203.0.113.7, 192.0.2.10");
    r = client.Get("/api/v1/changes", o);
    EXPECT_EQ(r.status, 200) << r.body;
    hub.Stop();
    const auto kiosks = hub.Store()->Kiosks();
    ASSERT_TRUE(kiosks);
    EXPECT_EQ(kiosks->front().last_address, "192.0.2.10");
    // Trust is explicit: a proxy not in the list is not believed.
    hub.config().server.trusted_proxies = {"10.0.0.1"};
    hub.Start();
    HttpsClient again(hub.BaseUrl(), "");
    EXPECT_EQ(again.Get("/api/v1/changes", o).status, 403);
}

// A plain TCP connection to the hub (mode http-behind-proxy), for clients that misbehave.
class RawConnection {
  public:
    explicit RawConnection(int port) {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        timeval timeout{10, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~RawConnection() { ::close(m_fd); }
    bool connected() const { return m_connected; }
    bool Send(const std::string& data) {
        return ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL) ==
               static_cast<ssize_t>(data.size());
    }
    // Everything until the hub closes the connection (or 10 s pass).
    std::string ReadAll() {
        std::string out;
        char buffer[4096];
        while (true) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                return out;
            }
            out.append(buffer, static_cast<size_t>(n));
        }
    }

  private:
    int m_fd{-1};
    bool m_connected{false};
};

TEST(HubTimeouts, ASlowDripOfABodyGets408AndTheHubKeepsServing) {
    HubFixtureOptions options;
    options.mode = hub::ServerMode::kHttpBehindProxy;
    options.start_server = false;
    HubFixture hub(options);
    hub.config().limits.request_timeout_s = 2;
    hub.Start();
    const std::string token = hub.AddKiosk(kPlaceRoden);
    RawConnection slow(hub.port());
    ASSERT_TRUE(slow.connected());
    ASSERT_TRUE(
        slow.Send("POST /api/v1/heartbeat HTTP/1.1\r\nHost: hub\r\n"
                  "Content-Type: application/json\r\nContent-Length: 200\r\n"
                  "X-Forwarded-Proto: https\r\nAuthorization: Bearer " +
                  token + "\r\n\r\n{"));
    // A byte every 200 ms: each read is quick enough, the whole body is not.
    std::atomic<bool> answered{false};
    std::thread drip([&] {
        for (int i = 0; i < 25 && !answered && slow.Send(" "); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    });
    HttpsClient client(hub.BaseUrl(), "");
    HttpRequestOptions o;
    o.headers = {"X-Forwarded-Proto: https"};
    EXPECT_EQ(client.Get("/api/v1/health", o).status, 200) << "others are served meanwhile";
    const auto started = std::chrono::steady_clock::now();
    const std::string answer = slow.ReadAll();
    const auto held = std::chrono::steady_clock::now() - started;
    answered = true;
    drip.join();
    EXPECT_EQ(answer.rfind("HTTP/1.1 408", 0), 0u) << answer;
    // The hub hangs up soon after its answer, though the client is still dripping (for 5 s).
    EXPECT_LT(held, std::chrono::milliseconds(4800));
    EXPECT_NE(answer.find("request.timeout"), std::string::npos) << answer;
}

TEST(HubTimeouts, HeadersThatNeverEndAreCutOff) {
    HubFixtureOptions options;
    options.mode = hub::ServerMode::kHttpBehindProxy;
    options.start_server = false;
    HubFixture hub(options);
    hub.config().limits.request_timeout_s = 1;
    hub.Start();
    RawConnection slow(hub.port());
    ASSERT_TRUE(slow.Send("GET /api/v1/health HTTP/1.1\r\nHost: hub\r\nX-Slow: a"));
    const auto started = std::chrono::steady_clock::now();
    const std::string answer = slow.ReadAll();
    const auto waited = std::chrono::steady_clock::now() - started;
    EXPECT_LT(waited, std::chrono::seconds(5)) << "the hub hung up after its read timeout";
    EXPECT_EQ(answer.find("200 OK"), std::string::npos);
    HttpsClient client(hub.BaseUrl(), "");
    EXPECT_EQ(client.Get("/api/v1/health").status, 200);
}

TEST(HubTls, RefusesACertificateItCannotUse) {
    TempDir dir;
    TestCa ca(dir.path());
    const CertFiles a = ca.IssueServer("a");
    const CertFiles b = ca.IssueServer("b");
    HubFixtureOptions options;
    options.start_server = false;
    HubFixture fixture(options);
    fixture.config().tls.certificate = a.certificate;
    fixture.config().tls.private_key = b.private_key;
    const auto server = hub::HubServer::Start(fixture.config());
    ASSERT_FALSE(server);
    EXPECT_EQ(server.error().code, "config.tls");
    EXPECT_NE(server.error().message.find(b.private_key), std::string::npos);
    fixture.config().tls.private_key = dir.File("missing.pem");
    const auto missing = hub::HubServer::Start(fixture.config());
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("missing.pem"), std::string::npos);
}

TEST(HubTls, AnExpiredCertificateIsRefusedByClients) {
    HubFixtureOptions options;
    options.start_server = false;
    HubFixture hub(options);
    const CertFiles expired = hub.ca().IssueExpiredServer("expired");
    hub.config().tls.certificate = expired.certificate;
    hub.config().tls.private_key = expired.private_key;
    hub.Start();  // the hub starts (and warns): an operator must be able to see it
    HttpsClient client(hub.BaseUrl(), hub.ca().certificate_path());
    const HttpResponse r = client.Get("/api/v1/health");
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.error.find("certificate"), std::string::npos) << r.error;
}

TEST(HubTls, APinnedPublicKeyMustMatch) {
    HubFixture hub;
    HttpsClient client(hub.BaseUrl(), hub.ca().certificate_path());
    HttpRequestOptions o;
    o.pinned_public_key = TestCa::PublicKeyPin(hub.config().tls.certificate);
    EXPECT_EQ(client.Get("/api/v1/health", o).status, 200);
    const CertFiles other = hub.ca().IssueServer("other");
    o.pinned_public_key = TestCa::PublicKeyPin(other.certificate);
    EXPECT_EQ(client.Get("/api/v1/health", o).status, 0);
}

TEST(HubTls, ClientsThatDoNotTrustTheHubsCaCannotConnect) {
    HubFixture hub;
    TempDir dir;
    TestCa other(dir.path(), "Other CA");
    HttpsClient client(hub.BaseUrl(), other.certificate_path());
    const HttpResponse r = client.Get("/api/v1/health");
    EXPECT_EQ(r.status, 0);
    EXPECT_FALSE(r.error.empty());
}

}  // namespace
