// Local edits and the hub's versions beside them (local_edits.hpp), and the replica's calls for
// the sync engine: replacing inside a transaction, revisions, removing text without a trace.
#include "sync/replica/local_edits.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "sync/model/dataset.hpp"
#include "sync/replica/database.hpp"
#include "sync/replica/replica.hpp"
#include "sync/replica/sync_store.hpp"
#include "tests/sync/replica/test_dataset.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;
using nlohmann::json;

namespace {

OutboxEntry Entry(std::int64_t seq, const std::string& op, const std::string& record_id,
                  const json& fields) {
    OutboxEntry e;
    e.seq = seq;
    e.edit_id = "e0000000-0000-4000-8000-00000000000" + std::to_string(seq);
    e.op = op;
    e.kind = "offers";
    e.record_id = record_id;
    e.base_revision = op == "create" ? 0 : 1;
    e.fields_json = fields.dump();
    e.volunteer_id = "70000000-0000-4000-8000-0000000000f1";
    e.made_at = TestNow();
    return e;
}

Offer Deutsch() {
    for (const Offer& o : TestDataset().offers) {
        if (o.meta.id == ids::kOfferDeutsch) {
            return o;
        }
    }
    return {};
}

std::string Title(const std::optional<AnyRecord>& record) {
    return record ? std::get<Offer>(*record).title.De() : "<none>";
}

// --- ApplyEdits: pure ------------------------------------------------------------------------

TEST(ApplyEdits, UpdatesReplaceFieldsInOrderAndNullRemovesOne) {
    std::vector<Problem> problems;
    const auto shown = ApplyEdits(
        RecordKind::kOffer, ids::kOfferDeutsch, AnyRecord{Deutsch()},
        {Entry(1, "update", ids::kOfferDeutsch, {{"title", {{"de", "Erst"}}}}),
         Entry(2, "update", ids::kOfferDeutsch,
               {{"title", {{"de", "Dann"}}}, {"url", nullptr}, {"free_of_charge", false}})},
        problems);
    EXPECT_TRUE(problems.empty());
    ASSERT_TRUE(shown);
    const Offer& offer = std::get<Offer>(*shown);
    EXPECT_EQ(offer.title.De(), "Dann");
    EXPECT_TRUE(offer.url.empty());
    EXPECT_FALSE(offer.free_of_charge);
    EXPECT_EQ(offer.summary, Deutsch().summary);              // untouched fields stay
    EXPECT_EQ(offer.meta.revision, Deutsch().meta.revision);  // the hub's revision
}

TEST(ApplyEdits, CreateMakesTheRecordAndDeleteRemovesIt) {
    std::vector<Problem> problems;
    json fields = ToJson(AnyRecord{Deutsch()});
    fields.erase("id");
    fields.erase("revision");
    fields.erase("updated");
    fields["title"] = {{"de", "Neu"}};
    const std::string id = "50000000-0000-4000-8000-0000000000c1";
    auto created = ApplyEdits(RecordKind::kOffer, id, std::nullopt,
                              {Entry(1, "create", id, fields)}, problems);
    EXPECT_TRUE(problems.empty());
    ASSERT_TRUE(created);
    EXPECT_EQ(MetaOf(*created).id, id);
    EXPECT_EQ(MetaOf(*created).revision, 0);
    EXPECT_EQ(Title(created), "Neu");
    EXPECT_FALSE(ApplyEdits(
        RecordKind::kOffer, id, std::nullopt,
        {Entry(1, "create", id, fields), Entry(2, "delete", id, json::object())}, problems));
    // An update of a record the hub deleted leaves it absent.
    EXPECT_FALSE(ApplyEdits(RecordKind::kOffer, ids::kOfferDeutsch,
                            MakeTombstone(RecordKind::kOffer, ids::kOfferDeutsch, 3, TestNow()),
                            {Entry(1, "update", ids::kOfferDeutsch, {{"title", {{"de", "X"}}}})},
                            problems));
}

TEST(ApplyEdits, AnUnusableEntryIsReportedAndSkipped) {
    std::vector<Problem> problems;
    const auto shown =
        ApplyEdits(RecordKind::kOffer, ids::kOfferDeutsch, AnyRecord{Deutsch()},
                   {Entry(1, "update", ids::kOfferDeutsch, {{"title", 5}}),
                    Entry(2, "update", ids::kOfferDeutsch, {{"titel", {{"de", "X"}}}}),
                    Entry(3, "update", ids::kOfferDeutsch, {{"summary", {{"de", "Gut"}}}})},
                   problems);
    EXPECT_GE(problems.size(), 2u);
    ASSERT_TRUE(shown);
    EXPECT_EQ(Title(shown), Deutsch().title.De());
    EXPECT_EQ(std::get<Offer>(*shown).summary.De(), "Gut");
}

// --- LocalEdits on a database ------------------------------------------------------------------

class LocalEditsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto replica = Replica::Open(m_dir.File("replica.db"));
        ASSERT_TRUE(replica);
        ASSERT_TRUE(replica->ReplaceDataset(TestDataset(), TestNow()));
        m_replica.emplace(std::move(*replica));
    }
    Replica& replica() { return *m_replica; }
    TempDir m_dir;
    std::optional<Replica> m_replica;
};

TEST_F(LocalEditsTest, SaveShowsTheEditAtOnceAndKeepsTheHubsVersion) {
    LocalEdits local(replica());
    auto seq = local.Save(
        Entry(0, "update", ids::kOfferDeutsch, {{"title", {{"de", "Deutschkurs am Freitag"}}}}),
        TestNow());
    ASSERT_TRUE(seq) << seq.error().message;
    EXPECT_EQ(Title(*replica().Get(ids::kOfferDeutsch)), "Deutschkurs am Freitag");
    EXPECT_EQ(replica().Search("Freitag", 5)->total, 1u);
    EXPECT_EQ(Title(*local.HubCopy(ids::kOfferDeutsch)), Deutsch().title.De());
    EXPECT_EQ(SyncStore(replica()).PendingFor(ids::kOfferDeutsch)->size(), 1u);
    auto pending = local.RecordsWithPendingEdits();
    ASSERT_EQ(pending->size(), 1u);
    EXPECT_EQ(pending->at(0).first, ids::kOfferDeutsch);
}

TEST_F(LocalEditsTest, SaveRefusesFieldsThatDoNotMakeARecordAndWritesNothing) {
    LocalEdits local(replica());
    auto seq = local.Save(Entry(0, "update", ids::kOfferDeutsch, {{"title", 5}}), TestNow());
    ASSERT_FALSE(seq);
    EXPECT_EQ(seq.error().code, "edit.invalid");
    EXPECT_EQ(SyncStore(replica()).PendingCount().value_or(9), 0u);
    EXPECT_EQ(Title(*replica().Get(ids::kOfferDeutsch)), Deutsch().title.De());
    EXPECT_FALSE(*local.HubCopy(ids::kOfferDeutsch));
}

TEST_F(LocalEditsTest, APulledVersionGoesUnderThePendingEdit) {
    LocalEdits local(replica());
    ASSERT_TRUE(local.Save(Entry(0, "update", ids::kOfferDeutsch, {{"title", {{"de", "Lokal"}}}}),
                           TestNow()));
    Offer newer = Deutsch();
    newer.meta.revision += 1;
    newer.summary = Text("Vom Hub");
    auto tx = Transaction::Begin(replica().db());
    ASSERT_TRUE(local.PutHubRecord(newer, TestNow()));
    ASSERT_TRUE(tx->Commit());
    const Offer shown = std::get<Offer>(**replica().Get(ids::kOfferDeutsch));
    EXPECT_EQ(shown.title.De(), "Lokal");
    EXPECT_EQ(shown.summary.De(), "Vom Hub");
    EXPECT_EQ(shown.meta.revision, newer.meta.revision);
    EXPECT_EQ(std::get<Offer>(**local.HubCopy(ids::kOfferDeutsch)).summary.De(), "Vom Hub");
}

TEST_F(LocalEditsTest, ARejectedEditIsUndoneAndTheHubCopyForgotten) {
    LocalEdits local(replica());
    auto seq = local.Save(Entry(0, "update", ids::kOfferDeutsch, {{"title", {{"de", "Falsch"}}}}),
                          TestNow());
    ASSERT_TRUE(seq);
    const std::string edit_id = SyncStore(replica()).All()->at(0).edit_id;
    auto tx = Transaction::Begin(replica().db());
    ASSERT_TRUE(SyncStore(replica()).MarkAnswered(edit_id, OutboxState::kRejected, "{}"));
    ASSERT_TRUE(local.Reapply(ids::kOfferDeutsch, TestNow()));
    ASSERT_TRUE(tx->Commit());
    EXPECT_EQ(Title(*replica().Get(ids::kOfferDeutsch)), Deutsch().title.De());
    EXPECT_FALSE(*local.HubCopy(ids::kOfferDeutsch));
    EXPECT_EQ(replica().Search("Falsch", 5)->total, 0u);
}

TEST_F(LocalEditsTest, ARejectedCreateRemovesTheRecord) {
    LocalEdits local(replica());
    json fields = ToJson(AnyRecord{Deutsch()});
    for (const char* meta : {"id", "revision", "updated"}) {
        fields.erase(meta);
    }
    fields["title"] = {{"de", "Ganz neu"}};
    const std::string id = "50000000-0000-4000-8000-0000000000c1";
    ASSERT_TRUE(local.Save(Entry(0, "create", id, fields), TestNow()));
    EXPECT_EQ(Title(*replica().Get(id)), "Ganz neu");
    EXPECT_TRUE(MetaOf(**local.HubCopy(id)).deleted);  // the hub has none
    auto tx = Transaction::Begin(replica().db());
    ASSERT_TRUE(SyncStore(replica()).MarkAnswered(SyncStore(replica()).All()->at(0).edit_id,
                                                  OutboxState::kRejected, "{}"));
    ASSERT_TRUE(local.Reapply(id, TestNow()));
    ASSERT_TRUE(tx->Commit());
    EXPECT_FALSE(*replica().Get(id));
}

TEST_F(LocalEditsTest, AnAppliedEditTakesTheHubsRecord) {
    LocalEdits local(replica());
    ASSERT_TRUE(local.Save(Entry(0, "update", ids::kOfferDeutsch, {{"title", {{"de", "Neu"}}}}),
                           TestNow()));
    Offer answer = Deutsch();
    answer.meta.revision += 1;
    answer.title = Text("Neu");
    auto tx = Transaction::Begin(replica().db());
    ASSERT_TRUE(SyncStore(replica()).MarkApplied(SyncStore(replica()).All()->at(0).edit_id));
    ASSERT_TRUE(local.PutHubRecord(answer, TestNow()));
    ASSERT_TRUE(tx->Commit());
    EXPECT_EQ(*replica().RevisionOf(ids::kOfferDeutsch), answer.meta.revision);
    EXPECT_FALSE(*local.HubCopy(ids::kOfferDeutsch));
}

// --- The replica's calls for the sync engine ---------------------------------------------------

TEST_F(LocalEditsTest, ReplaceInsideATransactionIsUndoneWithIt) {
    const size_t found = replica().Search("Deutschkurs", 5)->total;
    ASSERT_GT(found, 0u);
    {
        auto tx = Transaction::Begin(replica().db());
        ASSERT_TRUE(tx);
        Dataset empty;
        ASSERT_TRUE(replica().ReplaceDatasetInTransaction(empty, TestNow()));
        EXPECT_TRUE(*replica().IsEmpty());
        // not committed
    }
    EXPECT_FALSE(*replica().IsEmpty());
    EXPECT_EQ(replica().Search("Deutschkurs", 5)->total, found);
    auto tx = Transaction::Begin(replica().db());
    Dataset one;
    one.offers.push_back(Deutsch());
    ASSERT_TRUE(replica().ReplaceDatasetInTransaction(one, TestNow()));
    ASSERT_TRUE(tx->Commit());
    EXPECT_EQ(AllRecords(*replica().ExportDataset()).size(), 1u);
}

TEST_F(LocalEditsTest, RevisionOfTellsTheStoredRevision) {
    EXPECT_EQ(*replica().RevisionOf(ids::kOfferDeutsch), Deutsch().meta.revision);
    EXPECT_FALSE(*replica().RevisionOf("50000000-0000-4000-8000-0000000000ff"));
}

bool FileHas(const std::string& path, const std::string& text) {
    std::ifstream in(path, std::ios::binary);
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return data.find(text) != std::string::npos;
}

TEST_F(LocalEditsTest, RemovedTextLeavesNoTraceAfterPurgeAndCheckpoint) {
    const std::string db = m_dir.File("replica.db");
    ASSERT_TRUE(replica().CheckpointWal());
    ASSERT_TRUE(FileHas(db, "Ahmet"));
    auto tx = Transaction::Begin(replica().db());
    ASSERT_TRUE(replica().RemoveRecord(ids::kHelperAhmet));
    ASSERT_TRUE(replica().PurgeRemovedText());
    ASSERT_TRUE(tx->Commit());
    auto done = replica().CheckpointWal();
    ASSERT_TRUE(done);
    EXPECT_TRUE(*done);
    EXPECT_FALSE(FileHas(db, "Ahmet"));
    EXPECT_FALSE(FileHas(db, "ahmet"));
    EXPECT_FALSE(FileHas(db + "-wal", "Ahmet"));
    EXPECT_EQ(replica().Search("Ahmet", 5)->total, 0u);
}

TEST_F(LocalEditsTest, ACheckpointWaitsForNoReaderAndSaysSo) {
    auto reader = Replica::Open(m_dir.File("replica.db"));
    ASSERT_TRUE(reader);
    ASSERT_TRUE(reader->db().Exec("BEGIN; SELECT count(*) FROM records;"));
    ASSERT_TRUE(replica().db().Exec("PRAGMA busy_timeout = 10"));
    auto tx = Transaction::Begin(replica().db());
    ASSERT_TRUE(replica().RemoveRecord(ids::kHelperAhmet));
    ASSERT_TRUE(tx->Commit());
    auto blocked = replica().CheckpointWal();
    ASSERT_TRUE(blocked);
    EXPECT_FALSE(*blocked);
    ASSERT_TRUE(reader->db().Exec("COMMIT"));
    EXPECT_TRUE(*replica().CheckpointWal());
}

}  // namespace
