#include "sync/replica/sync_store.hpp"

#include <gtest/gtest.h>

#include "sync/replica/database.hpp"
#include "sync/replica/replica.hpp"
#include "tests/sync/replica/test_dataset.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;

namespace {

OutboxEntry Edit(const char* edit_id, const char* record_id) {
    OutboxEntry e;
    e.edit_id = edit_id;
    e.op = "update";
    e.kind = "offers";
    e.record_id = record_id;
    e.base_revision = 1;
    e.fields_json = R"({"url":"https://neu.example"})";
    e.volunteer_id = "70000000-0000-4000-8000-0000000000f1";
    e.made_at = TestNow();
    return e;
}

class SyncStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto replica = Replica::Open(m_dir.File("replica.db"));
        ASSERT_TRUE(replica);
        ASSERT_TRUE(replica->ReplaceDataset(TestDataset(), TestNow()));
        m_replica.emplace(std::move(*replica));
    }
    TempDir m_dir;
    std::optional<Replica> m_replica;
};

}  // namespace

TEST_F(SyncStoreTest, KeepsCursorStatusAndCredentials) {
    SyncStore store(*m_replica);
    EXPECT_FALSE(store.State()->paired());
    ASSERT_TRUE(store.SetPairing("K7M4QP", "s3cret", TestNow() + std::chrono::minutes{15}));
    EXPECT_EQ(store.State()->pairing_code, "K7M4QP");
    ASSERT_TRUE(store.SetCredentials("tok", "kiosk-1", ids::kPlaceRoden));
    ASSERT_TRUE(store.SetCursor("c17", "\"etag-17\""));
    ASSERT_TRUE(store.RecordFailure(TestNow(), Error{"net.timeout", "no answer"}));
    auto state = store.State();
    ASSERT_TRUE(state);
    EXPECT_TRUE(state->paired());
    EXPECT_EQ(state->pairing_code, "");  // pairing is over once credentials arrive
    EXPECT_EQ(state->cursor, "c17");
    EXPECT_EQ(state->etag, "\"etag-17\"");
    EXPECT_EQ(state->last_error_code, "net.timeout");
    EXPECT_FALSE(state->last_success);
    ASSERT_TRUE(store.RecordSuccess(TestNow()));
    EXPECT_EQ(store.State()->last_error_code, "");
    EXPECT_EQ(FormatUtcTime(*store.State()->last_success), FormatUtcTime(TestNow()));
    ASSERT_TRUE(store.ResetCursor());
    EXPECT_EQ(store.State()->cursor, "");
    EXPECT_TRUE(store.State()->paired());
    ASSERT_TRUE(store.ClearCredentials());
    EXPECT_FALSE(store.State()->paired());
}

TEST_F(SyncStoreTest, OutboxKeepsOrderUntilTheHubAnswers) {
    SyncStore store(*m_replica);
    ASSERT_TRUE(store.Enqueue(Edit("e1", ids::kOfferDeutsch)));
    ASSERT_TRUE(store.Enqueue(Edit("e2", ids::kOfferSenioren)));
    ASSERT_TRUE(store.Enqueue(Edit("e3", ids::kOfferDeutsch)));
    EXPECT_EQ(*store.PendingCount(), 3u);
    auto pending = store.Pending(2);
    ASSERT_EQ(pending->size(), 2u);
    EXPECT_EQ(pending->at(0).edit_id, "e1");
    EXPECT_EQ(pending->at(1).edit_id, "e2");
    EXPECT_EQ(store.PendingFor(ids::kOfferDeutsch)->size(), 2u);

    ASSERT_TRUE(store.MarkApplied("e1"));
    ASSERT_TRUE(store.MarkAnswered("e2", OutboxState::kConflict, R"({"status":"conflict"})"));
    EXPECT_EQ(*store.PendingCount(), 1u);
    auto all = store.All();
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ(all->at(0).state, OutboxState::kConflict);
    EXPECT_EQ(all->at(0).answer_json, R"({"status":"conflict"})");
    ASSERT_TRUE(store.Acknowledge("e2"));
    ASSERT_TRUE(store.Acknowledge("e3"));  // still pending: acknowledging does not drop it
    EXPECT_EQ(store.All()->size(), 1u);
    // An edit id is used once.
    EXPECT_FALSE(store.Enqueue(Edit("e3", ids::kOfferDeutsch)));
}

TEST_F(SyncStoreTest, AnEditAndItsLocalChangeCommitTogetherOrNotAtAll) {
    SyncStore store(*m_replica);
    Offer offer = std::get<Offer>(**m_replica->Get(ids::kOfferDeutsch));
    offer.url = "https://neu.example";
    {
        auto tx = Transaction::Begin(m_replica->db());
        ASSERT_TRUE(tx);
        ASSERT_TRUE(m_replica->PutRecord(offer, TestNow()));
        ASSERT_TRUE(store.Enqueue(Edit("e1", ids::kOfferDeutsch)));
        // No commit: a power cut here loses both, never one of them.
    }
    EXPECT_EQ(*store.PendingCount(), 0u);
    EXPECT_EQ(std::get<Offer>(**m_replica->Get(ids::kOfferDeutsch)).url, "");
    {
        auto tx = Transaction::Begin(m_replica->db());
        ASSERT_TRUE(m_replica->PutRecord(offer, TestNow()));
        ASSERT_TRUE(store.Enqueue(Edit("e1", ids::kOfferDeutsch)));
        ASSERT_TRUE(tx->Commit());
    }
    EXPECT_EQ(*store.PendingCount(), 1u);
    EXPECT_EQ(std::get<Offer>(**m_replica->Get(ids::kOfferDeutsch)).url, "https://neu.example");
}

TEST_F(SyncStoreTest, VolunteersAreReplacedAsAWhole) {
    SyncStore store(*m_replica);
    ASSERT_TRUE(store.ReplaceVolunteers(
        {{"v1", "Maria", "volunteer", "[\"p\"]", "[]", "$argon2id$v=19$m=1,t=1,p=1$x$y"},
         {"v2", "Anton", "coordinator", "[\"p\"]", "[]", "$argon2id$v=19$m=1,t=1,p=1$x$z"}}));
    ASSERT_EQ(store.Volunteers()->size(), 2u);
    EXPECT_EQ(store.Volunteers()->at(0).name, "Anton");
    ASSERT_TRUE(store.ReplaceVolunteers({{"v1", "Maria", "volunteer", "[]", "[]", "x"}}));
    ASSERT_EQ(store.Volunteers()->size(), 1u);
}
