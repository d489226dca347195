#include "sync/replica/replica.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>

#include "sync/model/dataset.hpp"
#include "sync/model/validation.hpp"
#include "sync/replica/database.hpp"
#include "tests/sync/replica/test_dataset.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;
using namespace std::chrono;

namespace {

Replica OpenWithData(const TempDir& dir) {
    auto replica = Replica::Open(dir.File("replica.db"));
    EXPECT_TRUE(replica) << replica.error().message;
    auto stats = replica->ReplaceDataset(TestDataset(), TestNow());
    EXPECT_TRUE(stats) << stats.error().message;
    return std::move(*replica);
}

std::vector<std::string> Ids(const std::vector<OfferSummary>& offers) {
    std::vector<std::string> out;
    for (const auto& o : offers) {
        out.push_back(o.id);
    }
    return out;
}

template <class R>
std::vector<std::string> RecordIds(const std::vector<R>& records) {
    std::vector<std::string> out;
    for (const auto& r : records) {
        out.push_back(r.meta.id);
    }
    return out;
}

template <class R>
void SortVector(std::vector<R>& v) {
    std::sort(v.begin(), v.end(), [](const R& a, const R& b) { return a.meta.id < b.meta.id; });
}

void SortById(Dataset& d) {
    SortVector(d.taxonomy);
    SortVector(d.organizations);
    SortVector(d.places);
    SortVector(d.contacts);
    SortVector(d.offers);
    SortVector(d.helpers);
    SortVector(d.networks);
}

bool Has(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

TEST(Replica, TheTestDatasetIsValid) {
    std::vector<Problem> problems;
    ValidateDataset(TestDataset(), problems);
    for (const Problem& p : problems) {
        ADD_FAILURE() << p.ToString();
    }
}

TEST(Replica, CreatesTheSchemaAndReopens) {
    TempDir dir;
    {
        auto replica = Replica::Open(dir.File("replica.db"));
        ASSERT_TRUE(replica) << replica.error().message;
        EXPECT_TRUE(*replica->IsEmpty());
        auto version = replica->db().UserVersion();
        EXPECT_EQ(*version, ReplicaSchemaVersion());
        auto mode = replica->db().Prepare("PRAGMA journal_mode");
        ASSERT_TRUE(mode && *mode->Step());
        EXPECT_EQ(mode->Text(0), "wal");
    }
    auto again = Replica::Open(dir.File("replica.db"));
    ASSERT_TRUE(again);
    EXPECT_TRUE(*again->IsEmpty());
}

TEST(Replica, ImportsAndExportsTheSameRecords) {
    TempDir dir;
    Replica replica = OpenWithData(dir);
    auto exported = replica.ExportDataset();
    ASSERT_TRUE(exported);
    // Export lists records in display order; compare them in id order.
    Dataset original = TestDataset();
    SortById(*exported);
    SortById(original);
    EXPECT_EQ(exported->offers, original.offers);
    EXPECT_EQ(exported->places, original.places);
    EXPECT_EQ(exported->helpers, original.helpers);
    EXPECT_EQ(exported->contacts, original.contacts);
    EXPECT_EQ(exported->networks, original.networks);
    EXPECT_EQ(exported->taxonomy, original.taxonomy);
    EXPECT_EQ(exported->organizations, original.organizations);
    EXPECT_EQ(exported->source, "Test");

    auto info = replica.Info();
    ASSERT_TRUE(info);
    EXPECT_EQ(info->offers, 5u);  // the retired one is not counted
    EXPECT_EQ(info->places, 3u);
    EXPECT_EQ(info->helpers, 2u);
    EXPECT_EQ(FormatUtcTime(*info->data_as_of), "2026-11-20T08:00:00Z");
    EXPECT_EQ(FormatUtcTime(*info->replaced_at), FormatUtcTime(TestNow()));
}

TEST(Replica, ReplacesTheDatasetAfterAnyQuery) {
    // Every kind of read first, then a full replace (which drops and recreates the search
    // table: no statement may still hold a read).
    TempDir dir;
    Replica replica = OpenWithData(dir);
    ASSERT_TRUE(replica.IsEmpty());
    ASSERT_TRUE(replica.Info());
    ASSERT_TRUE(replica.Search("Deutschkurs", 1));
    ASSERT_TRUE(replica.FindOffers({.text = "kurs"}, TestNow()));
    ASSERT_TRUE(replica.Get(ids::kOfferDeutsch));
    ASSERT_TRUE(replica.FindHelpers(ids::kHkEinkauf, ""));
    auto again = replica.ReplaceDataset(TestDataset(), TestNow());
    ASSERT_TRUE(again) << again.error().message;
}

TEST(Replica, ReplacingTheDatasetRemovesWhatIsGone) {
    TempDir dir;
    Replica replica = OpenWithData(dir);
    Dataset smaller = TestDataset();
    smaller.offers.erase(smaller.offers.begin());  // the German course
    ASSERT_TRUE(replica.ReplaceDataset(smaller, TestNow()));
    EXPECT_FALSE(*replica.Get(ids::kOfferDeutsch));
    auto hits = replica.Search("Anfänger", 10);
    ASSERT_TRUE(hits);
    EXPECT_EQ(hits->total, 0u);
}

TEST(Replica, FiltersOffers) {
    TempDir dir;
    Replica replica = OpenWithData(dir);
    const UtcTime now = TestNow();
    auto find = [&](OfferQuery q) {
        auto r = replica.FindOffers(q, now);
        EXPECT_TRUE(r) << r.error().message;
        return Ids(*r);
    };
    // No filter: every active offer, by title; the retired one never.
    EXPECT_EQ(find({}), (std::vector<std::string>{ids::kOfferDeutsch, ids::kOfferNachbarschaft,
                                                  ids::kOfferSenioren, ids::kOfferBeratung,
                                                  ids::kOfferFest}));
    EXPECT_EQ(find({.fields_of_action = {ids::kFoaBildung}}),
              (std::vector<std::string>{ids::kOfferDeutsch}));
    EXPECT_EQ(find({.fields_of_action = {ids::kFoaExistenz, ids::kFoaBildung}}).size(), 3u);
    EXPECT_EQ(find({.target_groups = {ids::kTgSenioren}}),
              (std::vector<std::string>{ids::kOfferSenioren}));
    EXPECT_EQ(find({.districts = {"Roden"}}).size(), 3u);
    EXPECT_EQ(find({.languages = {"fr"}}), (std::vector<std::string>{ids::kOfferBeratung}));
    EXPECT_EQ(find({.place_id = ids::kPlaceInnenstadt}).size(), 2u);
    auto free = find({.free_only = true});
    EXPECT_FALSE(Has(free, ids::kOfferSenioren));
    EXPECT_EQ(free.size(), 4u);
    // Today is Wednesday 25 Nov: the German course (Mon/Wed). This week adds Thursday's
    // Seniorentreff and Saturday's festival (in order of their next session).
    EXPECT_EQ(find({.when = WhenFilter::kToday}), (std::vector<std::string>{ids::kOfferDeutsch}));
    EXPECT_EQ(find({.when = WhenFilter::kThisWeek}),
              (std::vector<std::string>{ids::kOfferDeutsch, ids::kOfferSenioren, ids::kOfferFest}));
    // Filters combine.
    EXPECT_EQ(find({.districts = {"Roden"}, .when = WhenFilter::kThisWeek}),
              (std::vector<std::string>{ids::kOfferSenioren, ids::kOfferFest}));
    EXPECT_TRUE(find({.text = "Deutsch", .districts = {"Roden"}}).empty());
}

TEST(Replica, OfferRowsCarryWhatAListShows) {
    TempDir dir;
    Replica replica = OpenWithData(dir);
    auto offers = replica.FindOffers({.fields_of_action = {ids::kFoaBildung}}, TestNow());
    ASSERT_TRUE(offers);
    ASSERT_EQ(offers->size(), 1u);
    const OfferSummary& o = offers->front();
    EXPECT_EQ(o.title.Get("en"), "German course for beginners");
    EXPECT_EQ(o.title.Get("tr"), "Deutschkurs für Anfänger");
    EXPECT_EQ(o.summary.De(), "Deutsch lernen im Alltag – mit Kinderbetreuung.");
    EXPECT_EQ(o.place_name.De(), "Ort der Begegnung Innenstadt");
    EXPECT_EQ(o.district, "Innenstadt");
    EXPECT_TRUE(o.free_of_charge);
    EXPECT_EQ(o.languages, (std::vector<std::string>{"ar", "de"}));
    ASSERT_TRUE(o.next_session);
    // 10:00 UTC is 11:00 in Berlin, inside today's 10-12 session.
    EXPECT_EQ(FormatUtcTime(o.next_session->start), "2026-11-25T09:00:00Z");
}

TEST(Replica, SessionsAtAPlaceAndOpenNow) {
    TempDir dir;
    Replica replica = OpenWithData(dir);
    const UtcTime now = TestNow();
    auto week = replica.SessionsAtPlace(ids::kPlaceRoden, now, now + days{7});
    ASSERT_TRUE(week);
    ASSERT_EQ(week->size(), 2u);
    EXPECT_EQ(week->at(0).offer_id, ids::kOfferSenioren);
    EXPECT_EQ(FormatUtcTime(week->at(0).session.start), "2026-11-26T13:00:00Z");
    EXPECT_EQ(week->at(1).offer_id, ids::kOfferFest);
    EXPECT_EQ(week->at(1).title.De(), "Stadtteilfest „Roden feiert“");

    auto open = replica.OpenNow(now);
    ASSERT_TRUE(open);
    EXPECT_EQ(Ids(*open), (std::vector<std::string>{ids::kOfferDeutsch}));
    auto open_roden = replica.OpenNow(now, ids::kPlaceRoden);
    ASSERT_TRUE(open_roden);
    EXPECT_TRUE(open_roden->empty());
    auto later = replica.OpenNow(now + hours{2});  // 13:00 in Berlin: the course is over
    ASSERT_TRUE(later);
    EXPECT_TRUE(later->empty());
}

TEST(Replica, SessionsAreRefreshedAsTimeGoesOn) {
    TempDir dir;
    Replica replica = OpenWithData(dir);
    const UtcTime in_ten_weeks = TestNow() + days{70};
    auto before = replica.FindOffers({.when = WhenFilter::kThisWeek}, in_ten_weeks);
    ASSERT_TRUE(before);
    EXPECT_TRUE(before->empty());  // beyond the precomputed horizon
    ASSERT_TRUE(replica.RefreshSessions(in_ten_weeks));
    auto after = replica.FindOffers({.when = WhenFilter::kThisWeek}, in_ten_weeks);
    ASSERT_TRUE(after);
    // The German course, the Seniorentreff and the advice hour on Tuesday 9 February.
    EXPECT_EQ(after->size(), 3u);
}

TEST(Replica, DetailsBringTheirRelatedRecords) {
    TempDir dir;
    Replica replica = OpenWithData(dir);
    auto detail = replica.GetOfferDetail(ids::kOfferDeutsch);
    ASSERT_TRUE(detail && *detail);
    EXPECT_EQ((*detail)->place->name.De(), "Ort der Begegnung Innenstadt");
    EXPECT_EQ((*detail)->organization->name.De(), "Caritasverband Saarlouis");
    // No contact on the offer: the place's contact stands in.
    EXPECT_EQ((*detail)->contact->name, "Sozialbüro Innenstadt");
    auto helper = replica.GetHelperDetail(ids::kHelperIngrid);
    ASSERT_TRUE(helper && *helper);
    EXPECT_EQ((*helper)->coordinator->name, "Hans Müller");
    EXPECT_EQ((*helper)->place->district, "Roden");
    auto missing = replica.GetOfferDetail("00000000-0000-4000-8000-000000000000");
    ASSERT_TRUE(missing);
    EXPECT_FALSE(*missing);
}

TEST(Replica, ListsHelpersContactsPlacesNetworksAndTerms) {
    TempDir dir;
    Replica replica = OpenWithData(dir);
    EXPECT_EQ(RecordIds(*replica.FindHelpers(ids::kHkEinkauf, "Roden")),
              (std::vector<std::string>{ids::kHelperIngrid}));
    EXPECT_EQ(RecordIds(*replica.FindHelpers(ids::kHkEinkauf, "")).size(), 2u);
    // Ahmet lists no districts: he helps in his place's district.
    EXPECT_EQ(RecordIds(*replica.FindHelpers("", "Innenstadt")),
              (std::vector<std::string>{ids::kHelperAhmet}));
    EXPECT_EQ(RecordIds(*replica.Contacts()),
              (std::vector<std::string>{ids::kContactMueller, ids::kContactSozialbuero}));
    EXPECT_EQ(RecordIds(*replica.Places(true)),
              (std::vector<std::string>{ids::kPlaceInnenstadt, ids::kPlaceRoden}));
    EXPECT_EQ(replica.Places(false)->size(), 3u);
    EXPECT_EQ(RecordIds(*replica.FindNetworks(ids::kTopicSprache, ids::kLevelStadt)),
              (std::vector<std::string>{ids::kNetworkSprache}));
    EXPECT_EQ(
        RecordIds(*replica.Terms(kVocabFieldOfAction)),
        (std::vector<std::string>{ids::kFoaPartizipation, ids::kFoaBildung, ids::kFoaExistenz}));
    EXPECT_EQ(*replica.Districts(), (std::vector<std::string>{"Innenstadt", "Roden"}));
    EXPECT_EQ(*replica.OfferLanguages(), (std::vector<std::string>{"ar", "de", "fr"}));
    EXPECT_EQ(*replica.HelperDistricts(), (std::vector<std::string>{"Innenstadt", "Roden"}));
    EXPECT_EQ(replica.Organizations()->size(), 1u);
}

TEST(Replica, RefusesADatabaseFromANewerVersionAndLeavesItUntouched) {
    TempDir dir;
    const std::string path = dir.File("replica.db");
    {
        auto db = Database::Open(path);
        ASSERT_TRUE(db);
        ASSERT_TRUE((*db)->Exec("CREATE TABLE future (x); PRAGMA user_version = 999;"));
    }
    auto bytes = [&] {
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const std::string before = bytes();
    auto replica = Replica::Open(path);
    ASSERT_FALSE(replica);
    EXPECT_EQ(replica.error().code, "db.newer_schema");
    EXPECT_NE(replica.error().message.find("update Treffpunkt"), std::string::npos);
    EXPECT_EQ(bytes(), before);
}

TEST(Replica, ReportsACorruptFileWithoutCrashing) {
    TempDir dir;
    const std::string path = dir.File("replica.db");
    {
        std::ofstream out(path, std::ios::binary);
        out << std::string(8192, '\x5A');
    }
    auto replica = Replica::Open(path);
    ASSERT_FALSE(replica);
    EXPECT_EQ(replica.error().code, "db.corrupt");
}

TEST(Replica, CannotOpenAFileInAMissingDirectory) {
    auto replica = Replica::Open("/nonexistent-dir-for-treffpunkt/replica.db");
    ASSERT_FALSE(replica);
    EXPECT_EQ(replica.error().code, "db.open");
}

namespace {

Result<void> InTransaction(Replica& replica, const std::function<Result<void>()>& work) {
    auto tx = Transaction::Begin(replica.db());
    if (!tx) {
        return Unexpected<Error>(tx.error());
    }
    if (auto r = work(); !r) {
        return r;
    }
    return tx->Commit();
}

}  // namespace

TEST(ReplicaRecords, ANewOfferAppearsEverywhere) {
    TempDir dir;
    Replica replica = OpenWithData(dir);
    Offer offer = std::get<Offer>(**replica.Get(ids::kOfferSenioren));
    offer.meta.id = "50000000-0000-4000-8000-0000000000b1";
    offer.title = Text("Boule-Treff an der Saar");
    offer.meta.updated = *ParseUtcTime("2026-11-24T12:00:00Z");
    ASSERT_TRUE(InTransaction(replica, [&] { return replica.PutRecord(offer, TestNow()); }));
    EXPECT_TRUE(
        Has(Ids(*replica.FindOffers({.when = WhenFilter::kThisWeek}, TestNow())), offer.meta.id));
    EXPECT_EQ(replica.Search("Boule", 5)->hits.at(0).id, offer.meta.id);
    EXPECT_EQ(FormatUtcTime(*replica.Info()->data_as_of), "2026-11-24T12:00:00Z");
}

TEST(ReplicaRecords, ARenamedOfferIsFoundByItsNewTitleOnly) {
    TempDir dir;
    Replica replica = OpenWithData(dir);
    Offer offer = std::get<Offer>(**replica.Get(ids::kOfferSenioren));
    offer.title = Text("Boule-Treff an der Saar");
    ASSERT_TRUE(InTransaction(replica, [&] { return replica.PutRecord(offer, TestNow()); }));
    offer.title = Text("Schachgruppe am Markt");
    ASSERT_TRUE(InTransaction(replica, [&] { return replica.PutRecord(offer, TestNow()); }));
    // Neither index (titles, everything) keeps the old title; both know the new one.
    EXPECT_EQ(replica.Search("Boule", 5)->total, 0u);
    EXPECT_TRUE(replica.Search("Boule", 5)->hits.empty());
    EXPECT_EQ(replica.Search("Schachgruppe", 5)->hits.at(0).id, offer.meta.id);
    EXPECT_EQ(replica.Search("Markt Schach", 5)->hits.at(0).id, offer.meta.id);
    auto with_text = replica.FindOffers({.text = "Boule"}, TestNow());
    ASSERT_TRUE(with_text);
    EXPECT_TRUE(with_text->empty());
}

TEST(ReplicaRecords, ListsByTagFollowRenamesMovesRetirementsAndRemovals) {
    TempDir dir;
    Replica replica = OpenWithData(dir);
    // One field of action, target group or language is listed from offer_order; two values
    // take the general query. Both must always agree, in the same order.
    auto listed = [&](OfferQuery query) {
        auto ordered = replica.FindOffers(query, TestNow());
        EXPECT_TRUE(ordered) << ordered.error().message;
        for (auto* values : {&query.fields_of_action, &query.target_groups, &query.languages}) {
            if (!values->empty()) {
                values->push_back("10000000-0000-4000-8000-00000000ffff");  // no such tag
            }
        }
        auto general = replica.FindOffers(query, TestNow());
        EXPECT_TRUE(general) << general.error().message;
        EXPECT_EQ(Ids(*ordered), Ids(*general));
        return Ids(*ordered);
    };
    const OfferQuery bildung{.fields_of_action = {ids::kFoaBildung}};
    const OfferQuery partizipation{.fields_of_action = {ids::kFoaPartizipation}};
    const OfferQuery german{.languages = {"de"}};
    const OfferQuery free_german{.languages = {"de"}, .free_only = true};
    ASSERT_EQ(listed(bildung), (std::vector<std::string>{ids::kOfferDeutsch}));
    ASSERT_TRUE(Has(listed(partizipation), ids::kOfferSenioren));
    ASSERT_NE(listed(german).front(), ids::kOfferSenioren);

    // Renamed to the front of every list it is in.
    Offer offer = std::get<Offer>(**replica.Get(ids::kOfferSenioren));
    offer.title = Text("Aktiv-Frühstück für Ältere");
    ASSERT_TRUE(InTransaction(replica, [&] { return replica.PutRecord(offer, TestNow()); }));
    EXPECT_EQ(listed(partizipation).front(), ids::kOfferSenioren);
    EXPECT_EQ(listed(german).front(), ids::kOfferSenioren);
    EXPECT_FALSE(Has(listed(free_german), ids::kOfferSenioren));  // it costs

    // Moved to another field of action.
    offer.fields_of_action = {ids::kFoaBildung};
    ASSERT_TRUE(InTransaction(replica, [&] { return replica.PutRecord(offer, TestNow()); }));
    EXPECT_EQ(listed(bildung), (std::vector<std::string>{ids::kOfferSenioren, ids::kOfferDeutsch}));
    EXPECT_FALSE(Has(listed(partizipation), ids::kOfferSenioren));

    // Retired: in no list; active again: back.
    offer.status = OfferStatus::kRetired;
    ASSERT_TRUE(InTransaction(replica, [&] { return replica.PutRecord(offer, TestNow()); }));
    EXPECT_EQ(listed(bildung), (std::vector<std::string>{ids::kOfferDeutsch}));
    EXPECT_FALSE(Has(listed(german), ids::kOfferSenioren));
    offer.status = OfferStatus::kActive;
    ASSERT_TRUE(InTransaction(replica, [&] { return replica.PutRecord(offer, TestNow()); }));
    EXPECT_EQ(listed(bildung).front(), ids::kOfferSenioren);

    // Removed.
    ASSERT_TRUE(InTransaction(replica, [&] { return replica.RemoveRecord(ids::kOfferSenioren); }));
    EXPECT_EQ(listed(bildung), (std::vector<std::string>{ids::kOfferDeutsch}));
    EXPECT_FALSE(Has(listed(german), ids::kOfferSenioren));
    auto rows = replica.db().Prepare(
        "SELECT count(*) FROM offer_order o WHERE NOT EXISTS "
        "(SELECT 1 FROM records r WHERE r.rowid = o.record_rowid)");
    ASSERT_TRUE(rows && *rows->Step());
    EXPECT_EQ(rows->Int(0), 0);  // nothing left behind
}

TEST(ReplicaRecords, RenamingAPlaceRenamesWhatIsShownWithIt) {
    TempDir dir;
    Replica replica = OpenWithData(dir);
    Place roden = std::get<Place>(**replica.Get(ids::kPlaceRoden));
    roden.name = Text("Bürgerhaus Roden");
    ASSERT_TRUE(InTransaction(replica, [&] { return replica.PutRecord(roden, TestNow()); }));
    auto offers = replica.FindOffers({.target_groups = {ids::kTgSenioren}}, TestNow());
    ASSERT_TRUE(offers);
    EXPECT_EQ(offers->at(0).place_name.De(), "Bürgerhaus Roden");
    // Offers at the place are found by its new name, not by the old one.
    auto by_new = replica.Search("Bürgerhaus", 10);
    auto ids_new = std::vector<std::string>{};
    for (const SearchHit& hit : by_new->hits) {
        ids_new.push_back(hit.id);
    }
    EXPECT_TRUE(Has(ids_new, ids::kOfferSenioren));
    EXPECT_TRUE(Has(ids_new, ids::kHelperIngrid));
    EXPECT_EQ(replica.Search("Begegnung Roden", 10)->total, 0u);
}

TEST(ReplicaRecords, RenamingATermRenamesWhatIsTaggedWithIt) {
    TempDir dir;
    Replica replica = OpenWithData(dir);
    TaxonomyTerm term = std::get<TaxonomyTerm>(**replica.Get(ids::kHkEinkauf));
    term.name = Text("Einkaufsbegleitung");
    ASSERT_TRUE(InTransaction(replica, [&] { return replica.PutRecord(term, TestNow()); }));
    auto hits = replica.Search("Einkaufsbegleitung", 10);
    ASSERT_TRUE(hits);
    EXPECT_EQ(hits->total, 2u);  // Ingrid and Ahmet
    EXPECT_EQ(replica.Search("Einkaufshilfe", 10)->total, 0u);
}

TEST(ReplicaRecords, ATombstoneRemovesTheRecordFromListsAndSearch) {
    TempDir dir;
    Replica replica = OpenWithData(dir);
    const AnyRecord tombstone = MakeTombstone(RecordKind::kHelper, ids::kHelperIngrid, 2,
                                              *ParseUtcTime("2026-11-24T12:00:00Z"));
    ASSERT_TRUE(InTransaction(replica, [&] { return replica.PutRecord(tombstone, TestNow()); }));
    EXPECT_FALSE(*replica.Get(ids::kHelperIngrid));
    EXPECT_EQ(replica.Search("Ingrid", 5)->total, 0u);
    EXPECT_TRUE(replica.FindHelpers(ids::kHkEinkauf, "Roden")->empty());
    // Her name is gone from the typo vocabulary too.
    auto vocab = replica.db().Prepare("SELECT count(*) FROM search_vocab WHERE word = 'ingrid'");
    ASSERT_TRUE(vocab && *vocab->Step());
    EXPECT_EQ(vocab->Int(0), 0);
    // Removing what is not there is fine.
    EXPECT_TRUE(InTransaction(replica, [&] { return replica.RemoveRecord(ids::kHelperIngrid); }));
}

TEST(ReplicaRecords, AChangeOutsideACommittedTransactionLeavesNoTrace) {
    TempDir dir;
    Replica replica = OpenWithData(dir);
    {
        auto tx = Transaction::Begin(replica.db());
        ASSERT_TRUE(tx);
        ASSERT_TRUE(replica.RemoveRecord(ids::kOfferDeutsch));
        // No commit: rolled back when tx goes out of scope.
    }
    EXPECT_TRUE(*replica.Get(ids::kOfferDeutsch));
    EXPECT_EQ(replica.Search("Deutschkurs", 5)->hits.at(0).id, ids::kOfferDeutsch);
}
