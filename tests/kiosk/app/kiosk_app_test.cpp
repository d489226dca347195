// KioskApp's results list keeps row handles only and reads the rows around the visible ones;
// the other search hits come from the replica by kind.
#include "kiosk/app/kiosk_app.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "kiosk/app/bootstrap.hpp"
#include "kiosk/app/i18n.hpp"
#include "sync/model/validation.hpp"

namespace treffpunkt {
namespace {

UtcTime Now() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

class KioskAppTest : public ::testing::Test {
  protected:
    // The sample data with its offers repeated until there are `offers`.
    void Open(size_t offers) {
        m_dir = std::filesystem::temp_directory_path() /
                ("tp-app-" + std::to_string(::getpid()) + "-" + std::to_string(offers));
        std::filesystem::create_directories(m_dir);
        std::vector<Problem> problems;
        auto dataset = LoadDatasetFile(
            std::string(TREFFPUNKT_SOURCE_DIR) + "/assets/sample/saarlouis.json", problems);
        ASSERT_TRUE(dataset);
        const std::vector<Offer> originals = dataset->offers;
        for (size_t i = 0; dataset->offers.size() < offers; ++i) {
            Offer o = originals[i % originals.size()];
            o.meta.id = NewUuid();
            for (auto& [lang, title] : o.title.by_lang) {
                title += " (" + std::to_string(i + 1) + ")";
            }
            dataset->offers.push_back(std::move(o));
        }
        auto replica = Replica::Open((m_dir / "replica.db").string());
        ASSERT_TRUE(replica);
        ASSERT_TRUE(replica->ReplaceDataset(*dataset, Now()));
        auto i18n = I18n::Load(std::string(TREFFPUNKT_SOURCE_DIR) + "/assets/i18n", {"de"});
        ASSERT_TRUE(i18n);
        m_app =
            std::make_unique<KioskApp>(KioskConfig{}, std::move(*i18n), std::move(replica), Now());
        ASSERT_TRUE(m_app->HasData());
    }
    void TearDown() override {
        m_app.reset();
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }

    std::filesystem::path m_dir;
    std::unique_ptr<KioskApp> m_app;
};

TEST_F(KioskAppTest, ResultsKeepHandlesAndReadOnlyAWindowOfRows) {
    Open(3000);
    const UtcTime now = Now();
    auto all = m_app->ReplicaOrNull()->FindOffers(OfferQuery{}, now);
    ASSERT_TRUE(all);
    ASSERT_GT(all->size(), 2900u);  // retired offers never show
    ASSERT_EQ(m_app->OfferCount(now), all->size());
    EXPECT_EQ(m_app->CachedOfferRows(), 0u);  // counting reads no rows
    // The rows on screen, as the list's clipper asks for them.
    m_app->PrepareOfferRows(2000, 2008, now);
    EXPECT_LE(m_app->CachedOfferRows(), 100u);
    for (size_t i = 2000; i < 2008; ++i) {
        const OfferSummary* row = m_app->OfferRow(i, now);
        ASSERT_NE(row, nullptr) << i;
        EXPECT_EQ(*row, (*all)[i]) << i;
    }
    // Far away: a new window, still small.
    const OfferSummary* first = m_app->OfferRow(0, now);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(*first, all->front());
    EXPECT_LE(m_app->CachedOfferRows(), 100u);
    EXPECT_EQ(m_app->OfferRow(all->size(), now), nullptr);
    // A filter changes the handles and drops the rows.
    ToggleFreeOnly(m_app->State());
    const size_t free = m_app->OfferCount(now);
    EXPECT_LT(free, all->size());
    EXPECT_EQ(m_app->CachedOfferRows(), 0u);
    for (size_t i = 0; i < std::min<size_t>(free, 50); ++i) {
        const OfferSummary* row = m_app->OfferRow(i, now);
        ASSERT_NE(row, nullptr);
        EXPECT_TRUE(row->free_of_charge);
    }
}

TEST_F(KioskAppTest, OtherHitsAreContactsPlacesHelpersAndNetworks) {
    Open(0);
    TypeText(m_app->State(), "Sozialbüro");
    const auto& hits = m_app->OtherHits();
    ASSERT_FALSE(hits.empty());
    EXPECT_LE(hits.size(), 6u);
    for (const SearchHit& h : hits) {
        EXPECT_TRUE(h.kind == RecordKind::kContact || h.kind == RecordKind::kPlace ||
                    h.kind == RecordKind::kHelper || h.kind == RecordKind::kNetwork);
    }
    ClearSearch(m_app->State());
    EXPECT_TRUE(m_app->OtherHits().empty());
    EXPECT_FALSE(m_app->HelperDistricts().empty());
}

}  // namespace
}  // namespace treffpunkt
