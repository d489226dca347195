#include "kiosk/app/actions.hpp"

#include <gtest/gtest.h>

namespace treffpunkt {
namespace {

TEST(Actions, NavigateBackAndHome) {
    AppState s = InitialAppState(KioskConfig{});
    EXPECT_EQ(s.Current().screen, Screen::kHome);
    Navigate(s, ScreenRef{Screen::kOffers, {}});
    s.ScrollOf(Screen::kOffers).SetMaxOffset(1000);
    s.ScrollOf(Screen::kOffers).ScrollTo(300);
    Navigate(s, ScreenRef{Screen::kOffer, "id-1"});
    EXPECT_EQ(s.Current().id, "id-1");
    GoBack(s);
    EXPECT_EQ(s.Current().screen, Screen::kOffers);
    EXPECT_DOUBLE_EQ(s.ScrollOf(Screen::kOffers).OffsetPx(), 300);  // kept on the way back
    GoHome(s);
    EXPECT_EQ(s.history.size(), 1u);
    GoBack(s);
    EXPECT_EQ(s.Current().screen, Screen::kHome);
}

TEST(Actions, TypingWithShiftAndBackspace) {
    AppState s;
    OpenSearch(s);
    EXPECT_TRUE(s.keyboard.visible);
    EXPECT_EQ(s.Current().screen, Screen::kOffers);
    ToggleShift(s);
    TypeText(s, "d");
    TypeText(s, "e");
    TypeText(s, "ü");
    EXPECT_EQ(s.search_text, "Deü");
    EXPECT_EQ(s.offer_query.text, "Deü");
    Backspace(s);
    EXPECT_EQ(s.search_text, "De");
    ToggleShift(s);
    TypeText(s, "ä");
    EXPECT_EQ(s.search_text, "DeÄ");
    ClearSearch(s);
    EXPECT_EQ(s.search_text, "");
    for (int i = 0; i < 100; ++i) {
        TypeText(s, "x");
    }
    EXPECT_EQ(s.search_text.size(), kMaxSearchChars);
}

TEST(Actions, FiltersToggle) {
    AppState s;
    ToggleFilterValue(s, FilterGroup::kDistrict, "Roden");
    ToggleFilterValue(s, FilterGroup::kTopic, "t1");
    ToggleFreeOnly(s);
    ToggleWhen(s, WhenFilter::kThisWeek);
    EXPECT_EQ(s.offer_query.districts, std::vector<std::string>{"Roden"});
    EXPECT_TRUE(s.offer_query.free_only);
    EXPECT_EQ(s.offer_query.when, WhenFilter::kThisWeek);
    ToggleFilterValue(s, FilterGroup::kDistrict, "Roden");
    EXPECT_TRUE(s.offer_query.districts.empty());
    ToggleWhen(s, WhenFilter::kThisWeek);
    EXPECT_EQ(s.offer_query.when, WhenFilter::kAny);
    TypeText(s, "kurs");
    ClearFilters(s);
    EXPECT_TRUE(s.offer_query.fields_of_action.empty());
    EXPECT_FALSE(s.offer_query.free_only);
    EXPECT_EQ(s.offer_query.text, "kurs");  // the search stays
}

TEST(Actions, ResetToHomeClearsEverything) {
    KioskConfig config;
    config.languages.default_language = "de";
    AppState s = InitialAppState(config);
    OpenSearch(s);
    TypeText(s, "deutsch");
    ToggleFilterValue(s, FilterGroup::kLanguage, "ar");
    SetLanguage(s, "fr");
    CycleTextSize(s);
    ToggleHighContrast(s);
    s.ScrollOf(Screen::kOffers).SetMaxOffset(500);
    s.ScrollOf(Screen::kOffers).ScrollTo(400);
    const auto generation = s.generation;
    ResetToHome(s, config);
    EXPECT_EQ(s.Current().screen, Screen::kHome);
    EXPECT_EQ(s.history.size(), 1u);
    EXPECT_EQ(s.search_text, "");
    EXPECT_TRUE(s.offer_query.languages.empty());
    EXPECT_EQ(s.language, "de");
    EXPECT_EQ(s.text_size, TextSize::kNormal);
    EXPECT_FALSE(s.high_contrast);
    EXPECT_FALSE(s.keyboard.visible);
    EXPECT_DOUBLE_EQ(s.ScrollOf(Screen::kOffers).OffsetPx(), 0);
    EXPECT_GT(s.generation, generation);
}

}  // namespace
}  // namespace treffpunkt
