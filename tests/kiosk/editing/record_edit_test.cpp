// Volunteers' edits are checked the way the hub checks them before they reach the outbox.
#include "kiosk/app/record_edit.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sync/model/validation.hpp"
#include "sync/replica/replica.hpp"
#include "tests/sync/replica/test_dataset.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;
using nlohmann::json;

namespace {

protocol::VolunteerAccount Volunteer(
    std::vector<std::string> places, std::vector<std::string> organizations = {},
    protocol::VolunteerRole role = protocol::VolunteerRole::kVolunteer) {
    protocol::VolunteerAccount v;
    v.id = "80000000-0000-4000-8000-000000000001";
    v.name = "Maria";
    v.role = role;
    v.places = std::move(places);
    v.organizations = std::move(organizations);
    return v;
}

class RecordEditTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto replica = Replica::Open(m_dir.File("replica.db"));
        ASSERT_TRUE(replica);
        ASSERT_TRUE(replica->ReplaceDataset(TestDataset(), TestNow()));
        m_replica.emplace(std::move(*replica));
    }
    Offer GetOffer(const char* id) { return std::get<Offer>(**m_replica->Get(id)); }

    TempDir m_dir;
    std::optional<Replica> m_replica;
    std::vector<Problem> m_problems;
};

}  // namespace

TEST_F(RecordEditTest, AnUpdateCarriesOnlyTheChangedFields) {
    const Offer before = GetOffer(ids::kOfferSenioren);
    Offer after = before;
    after.schedule->rrule = "FREQ=WEEKLY;BYDAY=FR";
    after.url = "https://senioren-roden.example";
    auto entry = PrepareEdit(*m_replica, Volunteer({ids::kPlaceRoden}), AnyRecord(before), after,
                             TestNow(), m_problems);
    ASSERT_TRUE(entry) << entry.error().message;
    EXPECT_EQ(entry->op, "update");
    EXPECT_EQ(entry->kind, "offers");
    EXPECT_EQ(entry->record_id, ids::kOfferSenioren);
    EXPECT_EQ(entry->base_revision, 1);
    const json fields = json::parse(entry->fields_json);
    EXPECT_EQ(fields.size(), 2u);
    EXPECT_EQ(fields["schedule"]["rrule"], "FREQ=WEEKLY;BYDAY=FR");
    EXPECT_EQ(fields["url"], "https://senioren-roden.example");
    EXPECT_EQ(entry->volunteer_id, "80000000-0000-4000-8000-000000000001");
}

TEST_F(RecordEditTest, AClearedFieldIsSentAsNull) {
    const Offer before = GetOffer(ids::kOfferSenioren);
    Offer after = before;
    after.summary = {};
    auto entry = PrepareEdit(*m_replica, Volunteer({ids::kPlaceRoden}), AnyRecord(before), after,
                             TestNow(), m_problems);
    ASSERT_TRUE(entry);
    EXPECT_EQ(json::parse(entry->fields_json), json({{"summary", nullptr}}));
}

TEST_F(RecordEditTest, OnlyRecordsOfTheVolunteersPlacesAndOrganizations) {
    const Offer deutsch = GetOffer(ids::kOfferDeutsch);  // Innenstadt, Caritas
    Offer changed = deutsch;
    changed.url = "https://x.example";
    auto wrong_place = PrepareEdit(*m_replica, Volunteer({ids::kPlaceRoden}), AnyRecord(deutsch),
                                   changed, TestNow(), m_problems);
    ASSERT_FALSE(wrong_place);
    EXPECT_EQ(wrong_place.error().code, "edit.not_allowed");
    auto wrong_org = PrepareEdit(*m_replica, Volunteer({ids::kPlaceInnenstadt}), AnyRecord(deutsch),
                                 changed, TestNow(), m_problems);
    ASSERT_FALSE(wrong_org);  // a volunteer needs the offer's organization
    auto right = PrepareEdit(*m_replica, Volunteer({ids::kPlaceInnenstadt}, {ids::kOrgCaritas}),
                             AnyRecord(deutsch), changed, TestNow(), m_problems);
    EXPECT_TRUE(right);
    auto coordinator = PrepareEdit(
        *m_replica, Volunteer({ids::kPlaceInnenstadt}, {}, protocol::VolunteerRole::kCoordinator),
        AnyRecord(deutsch), changed, TestNow(), m_problems);
    EXPECT_TRUE(coordinator);
    // Moving an offer to a place outside one's own is refused too.
    Offer moved = GetOffer(ids::kOfferSenioren);
    moved.place_id = ids::kPlaceInnenstadt;
    auto away = PrepareEdit(*m_replica, Volunteer({ids::kPlaceRoden}),
                            AnyRecord(GetOffer(ids::kOfferSenioren)), moved, TestNow(), m_problems);
    ASSERT_FALSE(away);
    EXPECT_EQ(away.error().code, "edit.not_allowed");
}

TEST_F(RecordEditTest, EveryBrokenRuleIsNamedAndNothingIsPrepared) {
    const Offer before = GetOffer(ids::kOfferSenioren);
    Offer after = before;
    after.title.by_lang["de"] = std::string(5000, 'x');
    after.schedule->end_minute = after.schedule->start_minute - 60;
    after.contact_id = "00000000-0000-4000-8000-0000000000ee";
    auto entry = PrepareEdit(*m_replica, Volunteer({ids::kPlaceRoden}), AnyRecord(before), after,
                             TestNow(), m_problems);
    ASSERT_FALSE(entry);
    EXPECT_EQ(entry.error().code, "edit.invalid");
    std::vector<std::string> paths;
    for (const Problem& p : m_problems) {
        paths.push_back(p.path);
    }
    EXPECT_EQ(paths, (std::vector<std::string>{"title.de", "schedule.end_time", "contact_id"}));
}

TEST_F(RecordEditTest, CreateAndDelete) {
    Offer fresh = GetOffer(ids::kOfferSenioren);
    fresh.meta = {};
    fresh.meta.id = NewUuid();
    fresh.title = Text("Spielenachmittag");
    auto create = PrepareEdit(*m_replica, Volunteer({ids::kPlaceRoden}), std::nullopt, fresh,
                              TestNow(), m_problems);
    ASSERT_TRUE(create) << (m_problems.empty() ? create.error().message : m_problems[0].ToString());
    EXPECT_EQ(create->op, "create");
    EXPECT_EQ(create->base_revision, 0);
    const json body = json::parse(create->fields_json);
    EXPECT_FALSE(body.contains("id"));
    EXPECT_FALSE(body.contains("revision"));
    EXPECT_EQ(body["title"]["de"], "Spielenachmittag");

    const Offer old = GetOffer(ids::kOfferSenioren);
    auto remove = PrepareEdit(*m_replica, Volunteer({ids::kPlaceRoden}), AnyRecord(old),
                              MakeTombstone(RecordKind::kOffer, old.meta.id, 1, TestNow()),
                              TestNow(), m_problems);
    ASSERT_TRUE(remove);
    EXPECT_EQ(remove->op, "delete");
    EXPECT_EQ(remove->fields_json, "{}");
}

TEST_F(RecordEditTest, NothingChangedIsNotAnEdit) {
    const Offer offer = GetOffer(ids::kOfferSenioren);
    auto entry = PrepareEdit(*m_replica, Volunteer({ids::kPlaceRoden}), AnyRecord(offer), offer,
                             TestNow(), m_problems);
    ASSERT_FALSE(entry);
    EXPECT_EQ(entry.error().code, "edit.unchanged");
}

TEST_F(RecordEditTest, OneTapEdits) {
    const Offer offer = GetOffer(ids::kOfferSenioren);
    const auto volunteer = Volunteer({ids::kPlaceRoden});
    auto still_correct =
        PrepareEdit(*m_replica, volunteer, AnyRecord(offer),
                    ConfirmedOn(offer, *ParseDate("2026-11-25")), TestNow(), m_problems);
    ASSERT_TRUE(still_correct);
    EXPECT_EQ(json::parse(still_correct->fields_json), json({{"last_checked", "2026-11-25"}}));

    auto paused =
        Paused(offer, *ParseDate("2026-12-21"), *ParseDate("2027-01-06"), Text("Weihnachtspause"));
    ASSERT_TRUE(paused);
    auto pause =
        PrepareEdit(*m_replica, volunteer, AnyRecord(offer), *paused, TestNow(), m_problems);
    ASSERT_TRUE(pause);
    EXPECT_EQ(json::parse(pause->fields_json)["schedule"]["closures"][0]["from"], "2026-12-21");
    EXPECT_FALSE(Paused(GetOffer(ids::kOfferNachbarschaft), *ParseDate("2026-12-21"),
                        *ParseDate("2027-01-06"), {}));  // no schedule to pause

    auto retire =
        PrepareEdit(*m_replica, volunteer, AnyRecord(offer), Retired(offer), TestNow(), m_problems);
    ASSERT_TRUE(retire);
    EXPECT_EQ(json::parse(retire->fields_json), json({{"status", "retired"}}));
}

TEST(VolunteerEntry, BecomesAnAccount) {
    auto account = AccountFromEntry({"v1", "Maria", "coordinator", R"(["p1","p2"])", "[]", "$x"});
    ASSERT_TRUE(account);
    EXPECT_EQ(account->role, protocol::VolunteerRole::kCoordinator);
    EXPECT_EQ(account->places, (std::vector<std::string>{"p1", "p2"}));
    EXPECT_FALSE(AccountFromEntry({"v1", "Maria", "boss", "[]", "[]", "$x"}));
    EXPECT_FALSE(AccountFromEntry({"v1", "Maria", "volunteer", "{bad", "[]", "$x"}));
    EXPECT_FALSE(AccountFromEntry({"v1", "Maria", "volunteer", "[1]", "[]", "$x"}));
}
