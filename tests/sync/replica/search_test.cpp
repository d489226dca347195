// The search requirements of issue 2, one test each, on a real SQLite file.
#include <gtest/gtest.h>

#include <algorithm>

#include "sync/replica/replica.hpp"
#include "sync/replica/search_index.hpp"
#include "tests/sync/replica/test_dataset.hpp"

using namespace treffpunkt;
using namespace treffpunkt::test;

namespace {

class SearchTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto replica = Replica::Open(m_dir.File("replica.db"));
        ASSERT_TRUE(replica) << replica.error().message;
        ASSERT_TRUE(replica->ReplaceDataset(TestDataset(), TestNow()));
        m_replica.emplace(std::move(*replica));
    }

    std::vector<std::string> Find(std::string_view text) {
        auto result = m_replica->Search(text, 50);
        EXPECT_TRUE(result) << result.error().message;
        std::vector<std::string> ids;
        if (result) {
            for (const SearchHit& hit : result->hits) {
                ids.push_back(hit.id);
            }
        }
        return ids;
    }

    bool Finds(std::string_view text, const char* id) {
        const auto ids = Find(text);
        return std::find(ids.begin(), ids.end(), id) != ids.end();
    }

    TempDir m_dir;
    std::optional<Replica> m_replica;
};

}  // namespace

TEST_F(SearchTest, EveryPrefixOfAWordFindsIt) {
    const std::string word = "Seniorentreff";
    for (size_t n = 1; n <= word.size(); ++n) {
        EXPECT_TRUE(Finds(word.substr(0, n), ids::kOfferSenioren)) << word.substr(0, n);
    }
    const std::string phrase = "Nachbarschaftshilfe Roden";
    for (size_t n = 1; n <= phrase.size(); ++n) {
        EXPECT_TRUE(Finds(phrase.substr(0, n), ids::kOfferNachbarschaft)) << phrase.substr(0, n);
    }
}

TEST_F(SearchTest, UmlautsAndSharpSFoldBothWays) {
    for (const char* spelling : {"Müller", "Mueller", "Muller", "MÜLLER", "müll"}) {
        EXPECT_TRUE(Finds(spelling, ids::kContactMueller)) << spelling;
    }
    // "Lisdorfer Straße" is in the Innenstadt place's address.
    for (const char* spelling : {"Strasse", "Straße", "STRASSE", "lisdorfer str"}) {
        EXPECT_TRUE(Finds(spelling, ids::kPlaceInnenstadt)) << spelling;
    }
    EXPECT_TRUE(Finds("Sozialbuero", ids::kContactSozialbuero));
    EXPECT_TRUE(Finds("Anfaenger", ids::kOfferDeutsch));
}

TEST_F(SearchTest, PartsOfCompoundsMatch) {
    EXPECT_TRUE(Finds("hilfe", ids::kOfferNachbarschaft));
    EXPECT_TRUE(Finds("hilfe", ids::kHelperIngrid));  // Einkaufshilfe is her kind of help
    EXPECT_TRUE(Finds("kurs", ids::kOfferDeutsch));
    EXPECT_TRUE(Finds("treff", ids::kOfferSenioren));
}

TEST_F(SearchTest, OneTypoIsToleratedInLongerWords) {
    EXPECT_TRUE(Finds("Deutchkurs", ids::kOfferDeutsch));    // a letter missing
    EXPECT_TRUE(Finds("Deutschkurz", ids::kOfferDeutsch));   // a letter wrong
    EXPECT_TRUE(Finds("Deutsschkurs", ids::kOfferDeutsch));  // a letter too many
    EXPECT_TRUE(Finds("Duetschkurs", ids::kOfferDeutsch));   // two letters swapped
    EXPECT_TRUE(Finds("Senoirentreff", ids::kOfferSenioren));
    EXPECT_TRUE(Finds("Deutchk", ids::kOfferDeutsch));  // while still typing
    // Short words get no correction; two typos are too many.
    EXPECT_FALSE(Finds("Kurz", ids::kOfferDeutsch));
    EXPECT_FALSE(Finds("Doitchkurs", ids::kOfferDeutsch));
}

TEST_F(SearchTest, TitleHitsRankBeforeOtherHits) {
    // "Deutschkurs" is the German course's title and only in the advice hour's description.
    const auto ids = Find("Deutschkurs");
    ASSERT_GE(ids.size(), 2u);
    EXPECT_EQ(ids[0], ids::kOfferDeutsch);
    EXPECT_TRUE(std::find(ids.begin(), ids.end(), ids::kOfferBeratung) != ids.end());
    // An exact hit ranks before a typo correction.
    const auto corrected = Find("Deutschkurs Anfanger");
    ASSERT_FALSE(corrected.empty());
    EXPECT_EQ(corrected[0], ids::kOfferDeutsch);
}

TEST_F(SearchTest, TitlesStartingWithTheWordComeFirst) {
    // "Nachbarschaftshilfe Roden" has "de" nowhere at a word start in its title, the German
    // course starts with it.
    EXPECT_EQ(Find("De").front(), ids::kOfferDeutsch);
    EXPECT_EQ(Find("Se").front(), ids::kOfferSenioren);
    EXPECT_EQ(Find("Stadt").front(), ids::kOfferFest);
    EXPECT_EQ(Find("Sozialb").front(), ids::kOfferBeratung);  // offers before contacts
}

TEST_F(SearchTest, SearchesOnlyTheKindsAskedFor) {
    auto contacts = m_replica->Search("Roden", 10, {RecordKind::kContact});
    ASSERT_TRUE(contacts);
    ASSERT_EQ(contacts->hits.size(), 1u);
    EXPECT_EQ(contacts->hits[0].id, ids::kContactMueller);
    EXPECT_EQ(contacts->total, 1u);
    auto places_and_helpers =
        m_replica->Search("Roden", 10, {RecordKind::kPlace, RecordKind::kHelper});
    ASSERT_TRUE(places_and_helpers);
    for (const SearchHit& hit : places_and_helpers->hits) {
        EXPECT_TRUE(hit.kind == RecordKind::kPlace || hit.kind == RecordKind::kHelper);
    }
    EXPECT_EQ(places_and_helpers->total, 3u);  // two places and Ingrid
}

TEST_F(SearchTest, AllTranslationsAreSearchable) {
    EXPECT_TRUE(Finds("German course", ids::kOfferDeutsch));
    EXPECT_TRUE(Finds("allemand", ids::kOfferDeutsch));
    EXPECT_TRUE(Finds("Shopping", ids::kHelperIngrid));  // term translation
    EXPECT_TRUE(Finds("Caritas", ids::kOfferDeutsch));   // the provider's name
    EXPECT_TRUE(Finds("Roden", ids::kOfferSenioren));    // the place's district
}

TEST_F(SearchTest, RetiredOffersAndTermsAreNotFound) {
    EXPECT_FALSE(Finds("Alter Deutschkurs", ids::kOfferRetired));
    EXPECT_FALSE(Finds("Einkaufshilfe", ids::kHkEinkauf));
}

TEST_F(SearchTest, SeveralWordsMustAllMatch) {
    EXPECT_EQ(Find("Ort Roden").front(), ids::kPlaceRoden);
    EXPECT_FALSE(Finds("Ort Roden", ids::kPlaceInnenstadt));
    EXPECT_TRUE(Find("Seniorentreff Fraulautern").empty());
}

TEST_F(SearchTest, CountsAllMatchesBeyondTheLimit) {
    auto result = m_replica->Search("e", 2);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->hits.size(), 2u);
    EXPECT_GE(result->total, 5u);  // words starting with e: Einkaufshilfe, Existenz…
}

TEST(SearchCount, StopsCountingAtAThousand) {
    TempDir dir;
    auto replica = Replica::Open(dir.File("replica.db"));
    ASSERT_TRUE(replica);
    Dataset dataset = TestDataset();
    for (int i = 0; i < 1100; ++i) {
        Offer offer = dataset.offers.front();
        offer.meta.id =
            "5" + std::string(7, '0') + "-0000-4000-9000-" + std::to_string(100000000000 + i);
        offer.title = Text("Spielenachmittag " + std::to_string(i));
        dataset.offers.push_back(offer);
    }
    ASSERT_TRUE(replica->ReplaceDataset(dataset, TestNow()));
    auto many = replica->Search("Spielenachmittag", 10);
    ASSERT_TRUE(many);
    EXPECT_EQ(many->hits.size(), 10u);
    EXPECT_EQ(many->total, 1000u);
    EXPECT_TRUE(many->total_capped);
    // The offer list itself is never capped.
    auto all = replica->MatchOffers({.text = "Spielenachmittag"}, TestNow());
    ASSERT_TRUE(all);
    EXPECT_EQ(all->size(), 1100u);
    auto few = replica->Search("Spielenachmittag 1099", 10);
    ASSERT_TRUE(few);
    EXPECT_EQ(few->total, 1u);
    EXPECT_FALSE(few->total_capped);
}

TEST_F(SearchTest, AnyInputIsSafe) {
    const std::vector<std::string> hostile = {
        "\"",
        "\"\"\"",
        "*",
        "**",
        "NEAR(",
        "NEAR(a b, 3)",
        "AND",
        "OR",
        "NOT",
        "a AND",
        "title:",
        "{title}:x",
        "^",
        "-",
        "+",
        "'; DROP TABLE records; --",
        "\") OR 1=1 --",
        "Robert'); DELETE FROM records;--",
        "\xFF\xFE\xFD",
        "\xC3",
        "M\xC3\xBCller\xFF",
        std::string(10 * 1024, 'a'),
        std::string(10 * 1024, '"'),
        std::string("\0abc", 4),
        "%",
        "_",
        "\\",
        "🙂",
        "Привет",
        "مرحبا",
        "  ",
        "",
    };
    for (const std::string& text : hostile) {
        auto result = m_replica->Search(text, 10);
        ASSERT_TRUE(result) << "input: " << text.substr(0, 40)
                            << " error: " << result.error().message;
        auto offers = m_replica->FindOffers({.text = text}, TestNow());
        ASSERT_TRUE(offers) << text.substr(0, 40);
    }
    // The data is still there afterwards.
    EXPECT_TRUE(Finds("Deutschkurs", ids::kOfferDeutsch));
}

TEST_F(SearchTest, TextCombinesWithOfferFilters) {
    auto offers = m_replica->FindOffers({.text = "kurs"}, TestNow());
    ASSERT_TRUE(offers);
    ASSERT_FALSE(offers->empty());
    EXPECT_EQ(offers->front().id, ids::kOfferDeutsch);
    auto none = m_replica->FindOffers(
        {.text = "kurs", .free_only = true, .when = WhenFilter::kToday}, TestNow());
    ASSERT_TRUE(none);
    EXPECT_EQ(none->size(), 1u);
}

TEST(SearchWords, FoldsSplitsAndBounds) {
    EXPECT_EQ(SearchWords("  Müller-Straße  "), (std::vector<std::string>{"muller", "strasse"}));
    EXPECT_EQ(SearchWords("a a a"), (std::vector<std::string>{"a"}));
    EXPECT_EQ(SearchWords(std::string(10000, 'x')).front().size(), 48u);
    EXPECT_EQ(SearchWords("1 2 3 4 5 6 7 8 9 10").size(), 8u);
    EXPECT_TRUE(SearchWords("„“–…€").empty());
}

TEST(SearchWords, OneEditFromAPrefix) {
    EXPECT_TRUE(WithinOneEditOfPrefix("deutchkurs", "deutschkurs"));
    EXPECT_TRUE(WithinOneEditOfPrefix("deutchk", "deutschkurs"));
    EXPECT_TRUE(WithinOneEditOfPrefix("duetsch", "deutschkurs"));
    EXPECT_TRUE(WithinOneEditOfPrefix("deutschkurz", "deutschkurs"));
    EXPECT_TRUE(WithinOneEditOfPrefix("xeutsch", "deutsch"));
    EXPECT_FALSE(WithinOneEditOfPrefix("doitsch", "deutsch"));
    EXPECT_FALSE(WithinOneEditOfPrefix("abcdef", "xyz"));
}
