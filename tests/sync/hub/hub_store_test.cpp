// The hub's SQLite store: migrations, refusing files it must not touch, revisions, tombstones,
// online backup, and import/export of the dataset file.
#include "sync/hub/hub_store.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "sync/hub/admin.hpp"
#include "sync/model/dataset.hpp"
#include "tests/sync/hub/hub_fixture.hpp"

using namespace treffpunkt;
using namespace treffpunkt::hub;
using namespace treffpunkt::test;
using nlohmann::json;

namespace {

std::unique_ptr<HubStore> Create(const std::string& path) {
    DatabaseOptions options;
    options.create = true;
    auto store = HubStore::Open(path, options);
    EXPECT_TRUE(store) << store.error().message;
    return store ? std::move(*store) : nullptr;
}

Dataset Seed() {
    std::vector<Problem> problems;
    auto dataset = ParseDataset(SeedDatasetText(), problems);
    EXPECT_TRUE(dataset);
    return *dataset;
}

UtcTime At(const char* text) {
    return *ParseUtcTime(text);
}

std::string FileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(HubStore, ANewDatabaseGetsTheSchemaAndAFeedEpoch) {
    TempDir dir;
    auto store = Create(dir.File("hub.db"));
    ASSERT_TRUE(store);
    EXPECT_EQ(*store->db().UserVersion(), HubSchemaVersion());
    const auto feed = store->Feed();
    ASSERT_TRUE(feed);
    EXPECT_EQ(feed->epoch.size(), 8u);
    EXPECT_EQ(feed->last_seq, 0);
    store.reset();
    auto again = HubStore::Open(dir.File("hub.db"), {});
    ASSERT_TRUE(again);
    EXPECT_EQ((*again)->Feed()->epoch, feed->epoch);
}

TEST(HubStore, ANewerSchemaIsRefusedAndLeftUntouched) {
    TempDir dir;
    const std::string path = dir.File("hub.db");
    {
        auto store = Create(path);
        ASSERT_TRUE(store->db().Exec("PRAGMA user_version = 99"));
        ASSERT_TRUE(store->db().Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    const std::string before = FileBytes(path);
    const auto store = HubStore::Open(path, {});
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, "db.newer_schema");
    EXPECT_NE(store.error().message.find("newer treffpunkt-hub"), std::string::npos);
    EXPECT_EQ(FileBytes(path), before);
}

TEST(HubStore, OtherFilesAreRefused) {
    TempDir dir;
    {
        DatabaseOptions options;
        options.create = true;
        auto db = Database::Open(dir.File("other.db"), options);
        ASSERT_TRUE(db);
        ASSERT_TRUE((*db)->Exec("CREATE TABLE notes (text TEXT)"));
    }
    auto other = HubStore::Open(dir.File("other.db"), {});
    ASSERT_FALSE(other);
    EXPECT_NE(other.error().message.find("not a Treffpunkt hub database"), std::string::npos);
    std::ofstream(dir.File("junk.db")) << std::string(4096, 'x');
    EXPECT_FALSE(HubStore::Open(dir.File("junk.db"), {}));
    const auto missing = HubStore::Open(dir.File("missing.db"), {});
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("treffpunkt-hub init"), std::string::npos);
}

TEST(HubStore, EveryRevisionIsKeptAndAudited) {
    TempDir dir;
    auto store = Create(dir.File("hub.db"));
    Offer offer;
    offer.meta.id = kOfferCafe;
    offer.meta.revision = 1;
    offer.meta.updated = At("2026-11-24T09:00:00Z");
    offer.title = Text("Erzählcafé");
    const ChangeAuthor author{"create", "admin", "", "", std::nullopt};
    {
        Transaction tx(store->db());
        ASSERT_TRUE(store->WriteRecord(offer, "", author, offer.meta.updated));
        ASSERT_TRUE(tx.Commit());
    }
    offer.meta.revision = 2;
    offer.title = Text("Erzählcafé neu");
    const std::string first = (*store->Record(kOfferCafe))->body;
    {
        Transaction tx(store->db());
        const auto stored = store->WriteRecord(offer, first, author, offer.meta.updated);
        ASSERT_TRUE(stored);
        EXPECT_EQ(stored->seq, 2);
        ASSERT_TRUE(tx.Commit());
    }
    EXPECT_NE((*store->RevisionBody(kOfferCafe, 1))->find("\"Erzählcafé\""), std::string::npos);
    EXPECT_NE((*store->RevisionBody(kOfferCafe, 2))->find("neu"), std::string::npos);
    const auto audit = store->Audit(kOfferCafe, 10);
    ASSERT_EQ(audit->size(), 2u);
    EXPECT_EQ(audit->front().before, first);
    EXPECT_EQ(store->Feed()->last_seq, 2);
}

TEST(HubStore, OldTombstonesArePurgedAndRememberedInTheFeed) {
    TempDir dir;
    auto store = Create(dir.File("hub.db"));
    ASSERT_TRUE(ImportDataset(*store, Seed(), At("2026-11-01T00:00:00Z"), false));
    Dataset smaller = Seed();
    smaller.helpers.clear();
    const auto report = ImportDataset(*store, smaller, At("2026-11-02T00:00:00Z"), false);
    ASSERT_TRUE(report);
    EXPECT_EQ(report->deleted, 1u);
    const std::int64_t tomb_seq = (*store->Record(kHelperIngrid))->seq;
    EXPECT_EQ(*store->PurgeTombstones(At("2026-11-01T12:00:00Z")), 0) << "not old enough";
    EXPECT_EQ(*store->PurgeTombstones(At("2026-12-01T00:00:00Z")), 1);
    EXPECT_FALSE(*store->Record(kHelperIngrid));
    EXPECT_FALSE(*store->RevisionBody(kHelperIngrid, 1));
    EXPECT_EQ(store->Feed()->purged_through, tomb_seq);
}

TEST(HubStore, ImportCountsAndOnlyWritesWhatChanged) {
    TempDir dir;
    auto store = Create(dir.File("hub.db"));
    auto report = ImportDataset(*store, Seed(), At("2026-11-01T00:00:00Z"), true);
    ASSERT_TRUE(report);
    EXPECT_EQ(report->created, static_cast<size_t>(kSeedRecords));
    EXPECT_EQ(store->Feed()->last_seq, 0) << "a dry run writes nothing";
    ASSERT_TRUE(ImportDataset(*store, Seed(), At("2026-11-01T00:00:00Z"), false));
    const std::int64_t seq = store->Feed()->last_seq;
    EXPECT_EQ(seq, kSeedRecords);
    // Export and import again: nothing changed, nothing written.
    const auto exported = ExportDataset(*store, At("2026-11-02T00:00:00Z"));
    ASSERT_TRUE(exported);
    std::vector<Problem> problems;
    const auto reparsed = ParseDataset(SerializeDataset(*exported), problems);
    ASSERT_TRUE(reparsed) << (problems.empty() ? "" : problems.front().ToString());
    report = ImportDataset(*store, *reparsed, At("2026-11-03T00:00:00Z"), false);
    ASSERT_TRUE(report);
    EXPECT_EQ(report->unchanged, static_cast<size_t>(kSeedRecords));
    EXPECT_EQ(store->Feed()->last_seq, seq);
    // One change: one new revision.
    Dataset changed = Seed();
    changed.offers[0].summary = Text("Neu");
    report = ImportDataset(*store, changed, At("2026-11-04T00:00:00Z"), false);
    EXPECT_EQ(report->updated, 1u);
    EXPECT_EQ((*store->Record(changed.offers[0].meta.id))->revision, 2);
    const auto audit = store->Audit(changed.offers[0].meta.id, 1);
    EXPECT_EQ(audit->front().author.actor, "import");
}

TEST(HubStore, OnlineBackupCopiesEverything) {
    TempDir dir;
    auto store = Create(dir.File("hub.db"));
    ASSERT_TRUE(ImportDataset(*store, Seed(), At("2026-11-01T00:00:00Z"), false));
    ASSERT_TRUE(store->db().BackupTo(dir.File("backup.db")));
    auto copy = HubStore::Open(dir.File("backup.db"), {});
    ASSERT_TRUE(copy) << copy.error().message;
    EXPECT_EQ((*copy)->AllRecords(true)->size(), static_cast<size_t>(kSeedRecords));
    EXPECT_EQ((*copy)->Feed()->epoch, store->Feed()->epoch);
    auto mode = (*copy)->db().Query("PRAGMA journal_mode");
    ASSERT_TRUE(mode.Step());
    EXPECT_EQ(mode.Text(0), "wal") << "a restored backup serves in WAL mode again";
}

}  // namespace
