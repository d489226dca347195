// The sync steps (SyncRunner) against the real hub on loopback HTTPS: first sync, delta, deletion
// without a trace, 304, 410 resync with the old data visible until the new is complete,
// pairing, push and each answer, volunteers, heartbeat, revocation.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sync/client/sync_runner.hpp"
#include "sync/hub/admin.hpp"
#include "sync/model/dataset.hpp"
#include "sync/replica/database.hpp"
#include "sync/replica/local_edits.hpp"
#include "sync/replica/replica.hpp"
#include "sync/replica/sync_store.hpp"
#include "tests/sync/client/client_fixture.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;
using nlohmann::json;

namespace {

std::int64_t LocalRevision(Replica& replica, const std::string& id) {
    auto revision = replica.RevisionOf(id);
    return revision && *revision ? **revision : 0;
}

std::string OfferTitle(Replica& replica, const std::string& id) {
    auto record = replica.Get(id);
    if (!record || !*record) {
        return "<absent>";
    }
    return std::get<Offer>(**record).title.De();
}

std::int64_t DataVersion(Replica& replica) {
    auto stmt = replica.db().Prepare("PRAGMA data_version");
    EXPECT_TRUE(stmt);
    EXPECT_TRUE(stmt->Step().value_or(false));
    return stmt->Int(0);
}

size_t RecordCount(Replica& replica) {
    auto dataset = replica.ExportDataset();
    return dataset ? AllRecords(*dataset).size() : 0;
}

class SyncWithHub : public ::testing::Test {
  protected:
    HubFixture hub;
};

TEST_F(SyncWithHub, FirstSyncBringsEverythingAndReplacesOtherData) {
    TestKiosk kiosk(hub);
    {
        // The kiosk starts with data of its own (the sample data, an import): the hub's
        // data replaces it.
        Replica replica = kiosk.Open();
        Dataset other;
        Helper stranger;
        stranger.meta.id = "60000000-0000-4000-8000-0000000000ff";
        stranger.first_name = "Fremd";
        stranger.place_id = kPlaceRoden;
        stranger.coordinator_contact_id = kContactRoden;
        other.helpers.push_back(stranger);
        ASSERT_TRUE(replica.ReplaceDataset(other, hub.Now()));
    }
    Replica replica = kiosk.Open();
    auto runner = kiosk.Runner(replica);
    auto report = runner->Cycle(true, {});
    ASSERT_TRUE(report) << report.error().code << ": " << report.error().message;
    EXPECT_TRUE(report->pull.full);
    EXPECT_EQ(report->pull.changes, static_cast<size_t>(kSeedRecords));
    EXPECT_EQ(RecordCount(replica), static_cast<size_t>(kSeedRecords));
    EXPECT_FALSE(*replica.Get("60000000-0000-4000-8000-0000000000ff"));
    EXPECT_EQ(LocalRevision(replica, kOfferGerman), hub.RevisionOf(kOfferGerman));
    auto state = SyncStore(replica).State();
    EXPECT_FALSE(state->cursor.empty());
    EXPECT_FALSE(state->etag.empty());
    // The heartbeat told the hub about the kiosk; the hub told the kiosk who it is.
    ASSERT_TRUE(report->heartbeat);
    EXPECT_EQ(report->heartbeat->kiosk_id, kiosk.kiosk_id());
    EXPECT_EQ(state->place_id, kPlaceRoden);
    auto row = hub.Store()->Kiosk(kiosk.kiosk_id());
    ASSERT_TRUE(row && *row);
    EXPECT_TRUE((*row)->heartbeat_at);
    EXPECT_EQ((*row)->cursor, state->cursor);
    EXPECT_EQ((*row)->outbox, 0);
    EXPECT_GT((*row)->free_disk_bytes.value_or(0), 0);
    EXPECT_FALSE((*row)->version.empty());
    // Search works on what came from the hub.
    auto hits = replica.Search("Erzählcafé", 5);
    ASSERT_TRUE(hits);
    EXPECT_EQ(hits->total, 1u);
}

TEST_F(SyncWithHub, DeltaComesPageByPageAndAnUnchangedPollIs304AndWritesNothing) {
    TestKiosk kiosk(hub);
    kiosk.SyncOnce();
    ChangeHubData(hub, [](json& d) {
        RecordIn(d, "offers", kOfferCafe)["title"] = {{"de", "Erzählcafé im Pfarrheim"}};
        RecordIn(d, "offers", kOfferSewing)["summary"] = {{"de", "Mit Nähmaschinen"}};
        RecordIn(d, "places", kPlaceRoden)["name"] = {{"de", "Treffpunkt Roden"}};
    });
    kiosk.config().page_size = 1;
    Replica replica = kiosk.Open();
    auto runner = kiosk.Runner(replica);
    auto report = runner->Cycle(false, {});
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_FALSE(report->pull.full);
    EXPECT_EQ(report->pull.pages, 3u);
    EXPECT_EQ(report->pull.changes, 3u);
    EXPECT_EQ(OfferTitle(replica, kOfferCafe), "Erzählcafé im Pfarrheim");
    // A renamed place renames its offers in lists.
    auto offers = replica.FindOffers({.place_id = kPlaceRoden}, hub.Now());
    ASSERT_TRUE(offers);
    ASSERT_FALSE(offers->empty());
    EXPECT_EQ(offers->front().place_name.De(), "Treffpunkt Roden");

    // Nothing changed since: one 304, no other request, no write to the database.
    Replica watcher = kiosk.Open();
    const std::int64_t before = DataVersion(watcher);
    const std::uint64_t changes_before = runner->data_version();
    auto again = runner->Cycle(false, {});
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_TRUE(again->pull.not_modified);
    EXPECT_FALSE(again->DataChanged());
    EXPECT_FALSE(again->heartbeat);
    EXPECT_EQ(DataVersion(watcher), before);
    EXPECT_EQ(runner->data_version(), changes_before);
}

TEST_F(SyncWithHub, ADeletedHelperLeavesNoTraceInTheDatabaseFiles) {
    ChangeHubData(hub, [](json& d) {
        json helper = RecordIn(d, "helpers", kHelperIngrid);
        helper["id"] = "60000000-0000-4000-8000-000000000077";
        helper["first_name"] = "Zenobia";
        helper["about"] = {{"de", "Zenobia hilft beim Einkaufen im Quartier Zenobiastraße"}};
        d["helpers"].push_back(helper);
    });
    TestKiosk kiosk(hub);
    Replica reader = kiosk.Open();  // the UI's connection, idle between frames
    kiosk.SyncOnce();
    ASSERT_TRUE(FilesContain(kiosk.db_path(), "Zenobia"));
    ASSERT_EQ(reader.Search("Zenobia", 5)->total, 1u);

    ChangeHubData(hub, [](json& d) {
        auto& helpers = d["helpers"];
        helpers.erase(std::remove_if(helpers.begin(), helpers.end(),
                                     [](const json& h) {
                                         return h["id"] == "60000000-0000-4000-8000-000000000077";
                                     }),
                      helpers.end());
    });
    Replica replica = kiosk.Open();
    auto runner = kiosk.Runner(replica);
    auto report = runner->Cycle(false, {});
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->pull.removed, 1u);
    EXPECT_FALSE(*replica.Get("60000000-0000-4000-8000-000000000077"));
    EXPECT_EQ(reader.Search("Zenobia", 5)->total, 0u);
    EXPECT_EQ(reader.Search("Zenobiastrasse", 5)->total, 0u);
    EXPECT_FALSE(FilesContain(kiosk.db_path(), "Zenobia"));
    EXPECT_FALSE(FilesContain(kiosk.db_path(), "zenobiastrasse"));
    // The other helper is still there.
    EXPECT_TRUE(*replica.Get(kHelperIngrid));
}

TEST_F(SyncWithHub, GoneResyncsInFullAndShowsTheOldDataUntilTheNewIsComplete) {
    TestKiosk kiosk(hub);
    kiosk.SyncOnce();
    Replica reader = kiosk.Open();
    const std::string old_cursor = SyncStore(reader).State()->cursor;
    // The hub is restored from a backup: a new feed epoch, and the Nähtreff is gone there.
    ASSERT_TRUE(hub.Store()->RenewEpoch());
    ChangeHubData(hub, [](json& d) {
        auto& offers = d["offers"];
        offers.erase(std::remove_if(offers.begin(), offers.end(),
                                    [](const json& o) { return o["id"] == kOfferSewing; }),
                     offers.end());
        RecordIn(d, "offers", kOfferCafe)["title"] = {{"de", "Erzählcafé neu"}};
    });
    kiosk.config().page_size = 2;
    Replica replica = kiosk.Open();
    int pages_seen = 0;
    RunnerOptions options;
    options.progress = [&](std::int64_t) {
        // While pages arrive, the UI's connection still sees all of the old data.
        ++pages_seen;
        EXPECT_EQ(RecordCount(reader), static_cast<size_t>(kSeedRecords));
        EXPECT_EQ(OfferTitle(reader, kOfferCafe), "Erzählcafé");
        EXPECT_EQ(SyncStore(reader).State()->cursor, old_cursor);
    };
    auto runner = kiosk.Runner(replica, options);
    auto report = runner->Cycle(false, {});
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->pull.full);
    EXPECT_GE(pages_seen, 6);
    EXPECT_EQ(RecordCount(reader), static_cast<size_t>(kSeedRecords - 1));
    EXPECT_EQ(OfferTitle(reader, kOfferCafe), "Erzählcafé neu");
    EXPECT_FALSE(*reader.Get(kOfferSewing));
    EXPECT_NE(SyncStore(reader).State()->cursor, old_cursor);
    // And the next poll is quiet again.
    auto again = runner->Cycle(false, {});
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->pull.not_modified);
}

TEST_F(SyncWithHub, PairingGivesACodeThenTheTokenAfterApproval) {
    TestKiosk kiosk(hub, "");
    Replica replica = kiosk.Open();
    auto runner = kiosk.Runner(replica);
    EXPECT_FALSE(*runner->HasToken());
    auto first = runner->PairingStep();
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->stage, PairingStage::kNewCode);
    EXPECT_EQ(first->code.size(), 6u);
    auto waiting = runner->PairingStep();
    ASSERT_TRUE(waiting);
    EXPECT_EQ(waiting->stage, PairingStage::kWaiting);
    EXPECT_EQ(waiting->code, first->code);
    // A restart keeps the code (it is in the database).
    runner = kiosk.Runner(replica);
    EXPECT_EQ(runner->PairingStep()->code, first->code);

    auto approved = hub::ApprovePairing(*hub.Store(), first->code, kPlaceRoden, "", hub.Now());
    ASSERT_TRUE(approved) << approved.error().message;
    auto done = runner->PairingStep();
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_EQ(done->stage, PairingStage::kApproved);
    EXPECT_TRUE(*runner->HasToken());
    auto state = SyncStore(replica).State();
    EXPECT_TRUE(state->paired());
    EXPECT_TRUE(state->pairing_code.empty());
    EXPECT_EQ(state->place_id, kPlaceRoden);
    auto report = runner->Cycle(true, {});
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(RecordCount(replica), static_cast<size_t>(kSeedRecords));
}

TEST_F(SyncWithHub, AnExpiredPairingCodeIsReplacedByANewOne) {
    TestKiosk kiosk(hub, "");
    Replica replica = kiosk.Open();
    auto runner = kiosk.Runner(replica);
    auto first = runner->PairingStep();
    ASSERT_TRUE(first);
    hub.Advance(std::chrono::seconds(hub.config().pairing.code_ttl_s + 1));
    auto next = runner->PairingStep();
    ASSERT_TRUE(next) << next.error().message;
    EXPECT_EQ(next->stage, PairingStage::kNewCode);
    EXPECT_NE(next->code, first->code);
    EXPECT_EQ(SyncStore(replica).State()->pairing_code, next->code);
}

TEST_F(SyncWithHub, PushedEditsGetEachAnswer) {
    hub.AddVolunteer("Maria", protocol::VolunteerRole::kVolunteer, {kPlaceRoden}, {kOrgCaritas},
                     kMaria);
    TestKiosk kiosk(hub);
    kiosk.SyncOnce();
    // The office renames the Erzählcafé meanwhile; the kiosk has not pulled that yet.
    Replica replica = kiosk.Open();
    const std::int64_t cafe_base = LocalRevision(replica, kOfferCafe);
    ChangeHubData(hub, [](json& d) {
        RecordIn(d, "offers", kOfferCafe)["title"] = {{"de", "Erzählcafé im Pfarrheim"}};
    });

    LocalEdits local(replica);
    const OutboxEntry applied =
        MariaEdit("update", "offers", kOfferGerman, LocalRevision(replica, kOfferGerman),
                  {{"title", {{"de", "Deutschkurs am Freitag"}}}});
    const OutboxEntry conflict = MariaEdit(
        "update", "offers", kOfferCafe, cafe_base,
        {{"title", {{"de", "Erzählcafé am Donnerstag"}}}, {"summary", {{"de", "Mit Kuchen."}}}});
    const OutboxEntry rejected =
        MariaEdit("update", "offers", kOfferAdvice, LocalRevision(replica, kOfferAdvice),
                  {{"title", {{"de", "Sozialberatung (geschlossen)"}}}});
    for (const OutboxEntry& e : {applied, conflict, rejected}) {
        ASSERT_TRUE(local.Save(e, hub.Now()));
    }
    // The kiosk shows the new versions at once ("wird übertragen").
    EXPECT_EQ(OfferTitle(replica, kOfferGerman), "Deutschkurs am Freitag");
    EXPECT_EQ(OfferTitle(replica, kOfferAdvice), "Sozialberatung (geschlossen)");
    EXPECT_EQ(SyncStore(replica).PendingCount().value_or(0), 3u);

    auto runner = kiosk.Runner(replica);
    auto report = runner->Cycle(false, {});
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->push.sent, 3u);
    EXPECT_EQ(report->push.applied, 1u);
    EXPECT_EQ(report->push.conflicts, 1u);
    EXPECT_EQ(report->push.rejected, 1u);
    SyncStore store(replica);
    EXPECT_EQ(store.PendingCount().value_or(9), 0u);
    auto outbox = store.All();
    ASSERT_TRUE(outbox);
    ASSERT_EQ(outbox->size(), 2u);  // applied edits leave; answered ones wait for a volunteer
    EXPECT_EQ(outbox->at(0).edit_id, conflict.edit_id);
    EXPECT_EQ(outbox->at(0).state, OutboxState::kConflict);
    EXPECT_EQ(json::parse(outbox->at(0).answer_json)["conflicts"][0]["field"], "title");
    EXPECT_EQ(outbox->at(1).edit_id, rejected.edit_id);
    EXPECT_EQ(outbox->at(1).state, OutboxState::kRejected);
    EXPECT_EQ(json::parse(outbox->at(1).answer_json)["error"]["code"], "edit.forbidden");

    // applied: the hub's new revision is here; conflict: the hub's title stays, the summary
    // merged; rejected: the local change is gone again.
    EXPECT_EQ(OfferTitle(replica, kOfferGerman), "Deutschkurs am Freitag");
    EXPECT_EQ(LocalRevision(replica, kOfferGerman), hub.RevisionOf(kOfferGerman));
    EXPECT_EQ(OfferTitle(replica, kOfferCafe), "Erzählcafé im Pfarrheim");
    EXPECT_EQ(std::get<Offer>(**replica.Get(kOfferCafe)).summary.De(), "Mit Kuchen.");
    EXPECT_EQ(OfferTitle(replica, kOfferAdvice), "Sozialberatung");
    EXPECT_FALSE(*local.HubCopy(kOfferGerman));
    EXPECT_FALSE(*local.HubCopy(kOfferAdvice));
    EXPECT_EQ(hub.RecordJson(kOfferGerman)["title"]["de"], "Deutschkurs am Freitag");
    // Sent again (as after an answer lost on the way), the hub gives its first answer and
    // changes nothing.
    const std::int64_t seq = hub.LastSeq();
    ASSERT_TRUE(store.Enqueue(applied));
    auto again = runner->Push();
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->applied, 1u);
    EXPECT_EQ(hub.LastSeq(), seq);
    EXPECT_EQ(store.PendingCount().value_or(9), 0u);
}

TEST_F(SyncWithHub, APulledVersionDoesNotHideAPendingEdit) {
    hub.AddVolunteer("Maria", protocol::VolunteerRole::kVolunteer, {kPlaceRoden}, {kOrgCaritas},
                     kMaria);
    TestKiosk kiosk(hub);
    kiosk.SyncOnce();
    Replica replica = kiosk.Open();
    LocalEdits local(replica);
    ASSERT_TRUE(
        local.Save(MariaEdit("update", "offers", kOfferGerman, LocalRevision(replica, kOfferGerman),
                             {{"title", {{"de", "Deutschkurs am Freitag"}}}}),
                   hub.Now()));
    ChangeHubData(hub, [](json& d) {
        RecordIn(d, "offers", kOfferGerman)["summary"] = {{"de", "Neu: mit Kinderbetreuung"}};
    });
    auto runner = kiosk.Runner(replica);
    auto pulled = runner->Pull();
    ASSERT_TRUE(pulled) << pulled.error().message;
    EXPECT_EQ(pulled->changes, 1u);
    // Both: the hub's new summary under the kiosk's pending title.
    auto offer = std::get<Offer>(**replica.Get(kOfferGerman));
    EXPECT_EQ(offer.title.De(), "Deutschkurs am Freitag");
    EXPECT_EQ(offer.summary.De(), "Neu: mit Kinderbetreuung");
    EXPECT_EQ(offer.meta.revision, hub.RevisionOf(kOfferGerman));
    EXPECT_EQ(std::get<Offer>(**local.HubCopy(kOfferGerman)).title.De(),
              "Deutschkurs für Anfängerinnen und Anfänger");
    // Pushed, the edits merge on the hub.
    auto pushed = runner->Push();
    ASSERT_TRUE(pushed) << pushed.error().message;
    EXPECT_EQ(pushed->applied, 1u);
    EXPECT_EQ(hub.RecordJson(kOfferGerman)["title"]["de"], "Deutschkurs am Freitag");
    EXPECT_EQ(hub.RecordJson(kOfferGerman)["summary"]["de"], "Neu: mit Kinderbetreuung");
}

TEST_F(SyncWithHub, AnEditTheHubCannotTakeIsAnsweredAndTheOthersStillGo) {
    hub.AddVolunteer("Maria", protocol::VolunteerRole::kVolunteer, {kPlaceRoden}, {kOrgCaritas},
                     kMaria);
    TestKiosk kiosk(hub);
    kiosk.SyncOnce();
    Replica replica = kiosk.Open();
    // A kiosk bug: an outbox entry the hub refuses as a whole push (400 request.invalid).
    OutboxEntry bad = MariaEdit("update", "offers", kOfferGerman, 1, {{"titel", "x"}});
    bad.volunteer_id = "not-a-uuid";
    ASSERT_TRUE(SyncStore(replica).Enqueue(bad));
    LocalEdits local(replica);
    const OutboxEntry good =
        MariaEdit("update", "offers", kOfferCafe, LocalRevision(replica, kOfferCafe),
                  {{"summary", {{"de", "Jeden Donnerstag"}}}});
    ASSERT_TRUE(local.Save(good, hub.Now()));
    auto runner = kiosk.Runner(replica);
    auto report = runner->Push();
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->applied, 1u);
    EXPECT_EQ(report->rejected, 1u);
    auto outbox = SyncStore(replica).All();
    ASSERT_EQ(outbox->size(), 1u);
    EXPECT_EQ(outbox->at(0).edit_id, bad.edit_id);
    EXPECT_EQ(outbox->at(0).state, OutboxState::kRejected);
    EXPECT_EQ(hub.RecordJson(kOfferCafe)["summary"]["de"], "Jeden Donnerstag");
}

TEST_F(SyncWithHub, VolunteersComeWithTheirVerifiersAndAnUnchangedListIs304) {
    hub.AddVolunteer("Maria", protocol::VolunteerRole::kVolunteer, {kPlaceRoden}, {kOrgCaritas},
                     kMaria);
    hub.AddVolunteer("Paul", protocol::VolunteerRole::kCoordinator, {kPlaceFraulautern});
    TestKiosk kiosk(hub);
    Replica replica = kiosk.Open();
    auto runner = kiosk.Runner(replica);
    auto fetched = runner->FetchVolunteers();
    ASSERT_TRUE(fetched) << fetched.error().message;
    EXPECT_TRUE(*fetched);
    auto list = SyncStore(replica).Volunteers();
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 1u);  // only this place's
    EXPECT_EQ(list->at(0).name, "Maria");
    EXPECT_TRUE(list->at(0).verifier.starts_with("$argon2id$"));
    EXPECT_EQ(json::parse(list->at(0).organizations_json), json::array({kOrgCaritas}));
    EXPECT_FALSE(*runner->FetchVolunteers());
    ASSERT_TRUE(hub.Store()->DisableVolunteer(kMaria, hub.Now()));
    EXPECT_TRUE(*runner->FetchVolunteers());
    EXPECT_TRUE(SyncStore(replica).Volunteers()->empty());
}

TEST_F(SyncWithHub, ARevokedKioskForgetsItsTokenAndPairsAgain) {
    hub.AddVolunteer("Maria", protocol::VolunteerRole::kVolunteer, {kPlaceRoden}, {kOrgCaritas},
                     kMaria);
    TestKiosk kiosk(hub);
    kiosk.SyncOnce();
    ASSERT_TRUE(hub.Store()->RevokeKiosk(kiosk.kiosk_id(), hub.Now()));
    Replica replica = kiosk.Open();
    auto runner = kiosk.Runner(replica);
    auto report = runner->Cycle(false, {});
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code, "auth.revoked");
    EXPECT_FALSE(*runner->HasToken());
    auto state = SyncStore(replica).State();
    EXPECT_FALSE(state->paired());
    EXPECT_TRUE(state->cursor.empty());
    EXPECT_TRUE(SyncStore(replica).Volunteers()->empty());
    // The data stays on screen.
    EXPECT_EQ(RecordCount(replica), static_cast<size_t>(kSeedRecords));
    auto pairing = runner->PairingStep();
    ASSERT_TRUE(pairing) << pairing.error().message;
    EXPECT_EQ(pairing->stage, PairingStage::kNewCode);
}

TEST_F(SyncWithHub, ATokenFromTheConfigIsUsedAndKept) {
    TestKiosk kiosk(hub);
    Replica replica = kiosk.Open();
    ASSERT_TRUE(SyncStore(replica).ClearCredentials());
    kiosk.config().device_token = kiosk.token();
    auto runner = kiosk.Runner(replica);
    EXPECT_TRUE(*runner->HasToken());
    auto report = runner->Cycle(true, {});
    ASSERT_TRUE(report) << report.error().message;
    auto state = SyncStore(replica).State();
    EXPECT_EQ(state->device_token, kiosk.token());
    EXPECT_EQ(state->kiosk_id, kiosk.kiosk_id());
}

TEST_F(SyncWithHub, APinnedKeyIsChecked) {
    TestKiosk kiosk(hub);
    kiosk.config().pinned_public_key = TestCa::PublicKeyPin(hub.config().tls.certificate);
    EXPECT_TRUE(kiosk.SyncOnce().pull.full);
    // Another key (the CA's own) is refused, and nothing changes.
    kiosk.config().pinned_public_key = TestCa::PublicKeyPin(hub.ca().certificate_path());
    Replica replica = kiosk.Open();
    auto runner = kiosk.Runner(replica);
    auto report = runner->Cycle(false, {});
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code, "net.tls_pin") << report.error().message;
}

}  // namespace
