// Upgrades: a database left at every schema version, holding data written the way that
// version wrote it, opens with the current program, keeps its data and reaches the newest
// version. Whoever adds migration N adds kSeeds[N] here (the current version is included, so
// every seed is exercised).
#include "sync/replica/migrations.hpp"

#include <gtest/gtest.h>

#include <map>

#include "sync/replica/database.hpp"
#include "sync/replica/replica.hpp"
#include "sync/replica/sync_store.hpp"
#include "tests/sync/replica/test_dataset.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;

namespace {

constexpr const char* kSeedOfferId = "50000000-0000-4000-8000-0000000000aa";

// SQL that stores one offer in a database at schema version N (as version N's code wrote it).
const std::map<int, std::string> kSeedsToVersion2 = {
    {1,
     "INSERT INTO records (id, kind, revision, updated, sort_key, active, place_id, free, langs, "
     "title, subtitle) VALUES ('50000000-0000-4000-8000-0000000000aa', 'offers', 3, 1763625600, "
     "'repair cafe', 1, '30000000-0000-4000-8000-000000000001', 1, 'de', 'de\x1FRepair-Café', "
     "'');"
     "INSERT INTO record_bodies (rowid, body) VALUES (last_insert_rowid(), "
     "'{\"id\":\"50000000-0000-4000-8000-0000000000aa\",\"revision\":3,"
     "\"updated\":\"2025-11-20T08:00:00Z\",\"title\":{\"de\":\"Repair-Café\"},"
     "\"place_id\":\"30000000-0000-4000-8000-000000000001\","
     "\"fields_of_action\":[\"10000000-0000-4000-8000-000000000001\"],"
     "\"free_of_charge\":true,\"status\":\"active\"}');"
     "INSERT INTO search (rowid, title, body) VALUES (last_insert_rowid(), '  repair  cafe', '');"},
    {2,
     "INSERT INTO records (id, kind, revision, updated, sort_key, active, place_id, free, langs, "
     "title, subtitle) VALUES ('50000000-0000-4000-8000-0000000000aa', 'offers', 3, 1763625600, "
     "'repair cafe', 1, '30000000-0000-4000-8000-000000000001', 1, 'de', 'de\x1FRepair-Café', "
     "'');"
     "INSERT INTO record_bodies (rowid, body) VALUES (last_insert_rowid(), "
     "'{\"id\":\"50000000-0000-4000-8000-0000000000aa\",\"revision\":3,"
     "\"updated\":\"2025-11-20T08:00:00Z\",\"title\":{\"de\":\"Repair-Café\"},"
     "\"place_id\":\"30000000-0000-4000-8000-000000000001\","
     "\"fields_of_action\":[\"10000000-0000-4000-8000-000000000001\"],"
     "\"free_of_charge\":true,\"status\":\"active\"}');"
     "INSERT INTO search (rowid, title, body) VALUES (last_insert_rowid(), '  repair  cafe', '');"
     "INSERT INTO outbox (edit_id, op, kind, record_id, base_revision, fields, volunteer_id, "
     "made_at) VALUES ('e0000000-0000-4000-8000-000000000001', 'update', 'offers', "
     "'50000000-0000-4000-8000-0000000000aa', 3, '{\"url\":\"https://repair.example\"}', "
     "'v0000000-0000-4000-8000-000000000001', 1763625600);"
     "INSERT INTO sync_state (key, value) VALUES ('cursor', 'c42');"},
};

// Version 3 adds the hub's copies of records with local edits (local_edits.hpp).
const std::map<int, std::string> kSeeds = [] {
    auto seeds = kSeedsToVersion2;
    seeds[3] = seeds.at(2) +
               "INSERT INTO hub_copies (id, kind, body) VALUES "
               "('50000000-0000-4000-8000-0000000000aa', 'offers', '{\"id\":1}');";
    // Version 4 adds the titles' own search index (search_index.hpp).
    seeds[4] = seeds.at(3) +
               "INSERT INTO search_title (rowid, title) SELECT rowid, '  repair  cafe' FROM "
               "records WHERE id = '50000000-0000-4000-8000-0000000000aa';";
    // Every version tagged the offer with its field of action and language.
    for (auto& [version, seed] : seeds) {
        seed +=
            "INSERT INTO record_tags (type, value, record_rowid) SELECT 'term', "
            "'10000000-0000-4000-8000-000000000001', rowid FROM records WHERE id = "
            "'50000000-0000-4000-8000-0000000000aa';"
            "INSERT INTO record_tags (type, value, record_rowid) SELECT 'lang', 'de', rowid FROM "
            "records WHERE id = '50000000-0000-4000-8000-0000000000aa';";
    }
    // Version 5 lists active offers by tag in display order (offer_order).
    seeds[5] = seeds.at(4) +
               "INSERT INTO offer_order (tag, sort_key, record_rowid) SELECT 'term:' || "
               "'10000000-0000-4000-8000-000000000001', sort_key, rowid FROM records WHERE id = "
               "'50000000-0000-4000-8000-0000000000aa';"
               "INSERT INTO offer_order (tag, sort_key, record_rowid) SELECT 'lang:de', sort_key, "
               "rowid FROM records WHERE id = '50000000-0000-4000-8000-0000000000aa';";
    return seeds;
}();

}  // namespace

TEST(Migrations, EveryEarlierVersionUpgradesWithItsData) {
    const int newest = ReplicaSchemaVersion();
    ASSERT_GE(newest, 1);
    for (int version = 0; version <= newest; ++version) {
        SCOPED_TRACE("from schema version " + std::to_string(version));
        TempDir dir;
        const std::string path = dir.File("replica.db");
        {
            auto db = Database::Open(path);
            ASSERT_TRUE(db);
            ASSERT_TRUE(MigrateReplica(**db, version));
            ASSERT_EQ(*(*db)->UserVersion(), version);
            if (version > 0) {
                const auto seed = kSeeds.find(version);
                ASSERT_NE(seed, kSeeds.end()) << "add a seed for schema version " << version;
                auto r = (*db)->Exec(seed->second);
                ASSERT_TRUE(r) << r.error().message;
            }
        }
        auto replica = Replica::Open(path);
        ASSERT_TRUE(replica) << replica.error().message;
        EXPECT_EQ(*replica->db().UserVersion(), newest);
        if (version > 0) {
            auto record = replica->Get(kSeedOfferId);
            ASSERT_TRUE(record && *record);
            EXPECT_EQ(std::get<Offer>(**record).title.De(), "Repair-Café");
            EXPECT_EQ(std::get<Offer>(**record).meta.revision, 3);
            auto hits = replica->Search("Repair", 5);
            ASSERT_TRUE(hits);
            EXPECT_EQ(hits->total, 1u);
            // The titles' index holds the title whichever version wrote it.
            auto in_title = replica->db().Prepare(
                "SELECT count(*) FROM search_title WHERE search_title MATCH '\"cafe\"'");
            ASSERT_TRUE(in_title);
            ASSERT_TRUE(in_title->Step());
            EXPECT_EQ(in_title->Int(0), 1);
            // Listed under its field of action and its language whichever version wrote it.
            const UtcTime now = *ParseUtcTime("2025-11-25T10:00:00Z");
            OfferQuery by_field;
            by_field.fields_of_action = {"10000000-0000-4000-8000-000000000001"};
            OfferQuery by_language;
            by_language.languages = {"de"};
            for (const OfferQuery& query : {by_field, by_language}) {
                auto listed = replica->FindOffers(query, now);
                ASSERT_TRUE(listed);
                ASSERT_EQ(listed->size(), 1u);
                EXPECT_EQ(listed->at(0).id, kSeedOfferId);
            }
        }
        if (version >= 2) {
            SyncStore store(*replica);
            EXPECT_EQ(store.State()->cursor, "c42");
            auto outbox = store.All();
            ASSERT_TRUE(outbox);
            ASSERT_EQ(outbox->size(), 1u);
            EXPECT_EQ(outbox->at(0).fields_json, "{\"url\":\"https://repair.example\"}");
        }
        if (version >= 3) {
            auto stmt = replica->db().Prepare("SELECT body FROM hub_copies");
            ASSERT_TRUE(stmt && stmt->Step().value_or(false));
            EXPECT_EQ(stmt->Text(0), "{\"id\":1}");
        }
    }
}

TEST(Migrations, AFailedMigrationLeavesTheOldVersion) {
    TempDir dir;
    auto db = Database::Open(dir.File("replica.db"));
    ASSERT_TRUE(db);
    // A table in the way makes migration 1 fail half-way; its transaction rolls back.
    ASSERT_TRUE((*db)->Exec("CREATE TABLE sessions (x)"));
    auto r = MigrateReplica(**db);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("migration to schema version 1 failed"), std::string::npos);
    EXPECT_EQ(*(*db)->UserVersion(), 0);
    auto meta = (*db)->Prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'meta'");
    ASSERT_TRUE(meta && *meta->Step());
    EXPECT_EQ(meta->Int(0), 0);
}
