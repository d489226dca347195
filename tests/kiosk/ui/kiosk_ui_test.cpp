// The kiosk's screens headless: navigation, the on-screen keyboard, filters, idle reset,
// kinetic scrolling, frame pacing, touch target sizes and the friendly no-data screen.
#include <gtest/gtest.h>

#include "kiosk/app/actions.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "tests/kiosk/ui/headless_kiosk.hpp"

namespace treffpunkt::testing {
namespace {

// Every row of the current results (read through the app's windowed list).
std::vector<OfferSummary> AllOffers(HeadlessKiosk& k) {
    std::vector<OfferSummary> out;
    const size_t n = k.App().OfferCount(k.wall);
    for (size_t i = 0; i < n; ++i) {
        if (const OfferSummary* o = k.App().OfferRow(i, k.wall)) {
            out.push_back(*o);
        }
    }
    return out;
}

// Nothing drawn wider than the screen, and every touch target at least 9 mm.
void ExpectSaneLayout(HeadlessKiosk& k, float width = 800.0f) {
    k.Settle();
    for (const LabelEntry& e : k.Registry().Entries()) {
        EXPECT_LE(e.full.x1, width + 1.0f) << "overflows the screen: " << e.label;
        EXPECT_GE(e.full.x0, -1.0f) << e.label;
    }
    const auto smallest = k.Registry().SmallestTappable();
    ASSERT_TRUE(smallest);
    const float target = k.Ui().Metrics().min_target_px;
    EXPECT_GE(smallest->full.Width(), target - 0.5f) << smallest->label;
    EXPECT_GE(smallest->full.Height(), target - 0.5f) << smallest->label;
}

TEST(KioskUi, NavigatesHomeResultsDetailAndBack) {
    HeadlessKiosk k;
    ASSERT_TRUE(k.init) << k.init.error().message;
    ASSERT_TRUE(k.App().HasData()) << k.App().StatusDetail();
    EXPECT_TRUE(k.OnScreen("Ort der Begegnung Roden"));
    EXPECT_TRUE(k.OnScreen("Heute hier"));
    ExpectSaneLayout(k);
    k.State().ScrollOf(Screen::kHome).ScrollTo(1e9);  // to the end of home
    k.Ui().Pacer().OnInput();
    EXPECT_TRUE(k.OnScreen("Stand: "));
    k.State().ScrollOf(Screen::kHome).Reset();
    k.Ui().Pacer().OnInput();
    ASSERT_TRUE(k.Tap("Angebote"));
    EXPECT_EQ(k.State().Current().screen, Screen::kOffers);
    EXPECT_TRUE(k.OnScreen("Angebote"));
    ExpectSaneLayout(k);
    const auto offers = AllOffers(k);
    ASSERT_FALSE(offers.empty());
    const std::string first = offers.front().title.De();
    ASSERT_TRUE(k.Tap(first));
    EXPECT_EQ(k.State().Current().screen, Screen::kOffer);
    EXPECT_EQ(k.State().Current().id, offers.front().id);
    EXPECT_TRUE(k.OnScreen("Wann?"));
    ExpectSaneLayout(k);
    ASSERT_TRUE(k.Tap("‹ Zurück"));
    EXPECT_EQ(k.State().Current().screen, Screen::kOffers);
    ASSERT_TRUE(k.Tap("Start"));
    EXPECT_EQ(k.State().Current().screen, Screen::kHome);
    for (const char* entry : {"Hilfe im Alltag", "Kontakte", "Orte der Begegnung", "Netzwerke"}) {
        ASSERT_TRUE(k.Tap(entry)) << entry;
        EXPECT_NE(k.State().Current().screen, Screen::kHome) << entry;
        ExpectSaneLayout(k);
        ASSERT_TRUE(k.Tap("Start"));
    }
}

TEST(KioskUi, SearchIsTypedOnTheOnScreenKeyboard) {
    HeadlessKiosk k;
    ASSERT_TRUE(k.init);
    ASSERT_TRUE(k.Tap("Suchen"));
    ASSERT_TRUE(k.State().keyboard.visible);
    ExpectSaneLayout(k);
    // The field stays above the keyboard.
    const auto field = k.Registry().FindTappable("Suchen");
    const auto key_q = k.Registry().FindTappable("q");
    ASSERT_TRUE(field && key_q);
    EXPECT_LE(field->full.y1, key_q->full.y0);
    for (const char* key : {"⇧", "D", "e", "u", "t", "s", "c", "h"}) {
        ASSERT_TRUE(k.Tap(key)) << key;
    }
    EXPECT_EQ(k.State().search_text, "Deutsch");
    ASSERT_TRUE(k.Tap("⌫"));
    EXPECT_EQ(k.State().search_text, "Deutsc");
    ASSERT_TRUE(k.Tap("h"));
    EXPECT_GT(k.App().OfferCount(k.wall), 0u);
    EXPECT_TRUE(k.OnScreen("Deutsch"));
    // Layout switch: AZERTY has é, numbers have digits.
    ASSERT_TRUE(k.Tap("AZERTY"));
    EXPECT_TRUE(k.Registry().FindTappable("é"));
    ASSERT_TRUE(k.Tap("123"));
    EXPECT_TRUE(k.Registry().FindTappable("7"));
    ASSERT_TRUE(k.Tap("ABC"));
    ASSERT_TRUE(k.Tap("Fertig"));
    EXPECT_FALSE(k.State().keyboard.visible);
}

TEST(KioskUi, FilterChipsNarrowTheResults) {
    HeadlessKiosk k;
    ASSERT_TRUE(k.init);
    ASSERT_TRUE(k.Tap("Angebote"));
    const size_t all = k.App().OfferCount(k.wall);
    ASSERT_TRUE(k.Tap("Kostenlos"));
    EXPECT_TRUE(k.State().offer_query.free_only);
    const auto free = AllOffers(k);
    EXPECT_LT(free.size(), all);
    for (const OfferSummary& o : free) {
        EXPECT_TRUE(o.free_of_charge) << o.title.De();
    }
    ASSERT_TRUE(k.Tap("Stadtteil ▾"));
    ASSERT_TRUE(k.Tap("Roden"));
    EXPECT_EQ(k.State().offer_query.districts, std::vector<std::string>{"Roden"});
    for (const OfferSummary& o : AllOffers(k)) {
        EXPECT_EQ(o.district, "Roden");
    }
    EXPECT_TRUE(k.OnScreen("Alle Filter löschen"));
    ASSERT_TRUE(k.Tap("Alle Filter löschen"));
    EXPECT_EQ(k.App().OfferCount(k.wall), all);
}

TEST(KioskUi, IdleAsksThenResetsToACleanHome) {
    KioskConfig config = SampleConfig();
    config.idle.timeout_s = 90;
    config.idle.countdown_s = 20;
    HeadlessKiosk k(config);
    ASSERT_TRUE(k.init);
    ASSERT_TRUE(k.Tap("Suchen"));
    for (const char* key : {"k", "u", "r", "s"}) {
        ASSERT_TRUE(k.Tap(key));
    }
    ASSERT_TRUE(k.Tap("Fertig"));
    ASSERT_TRUE(k.Tap("Kostenlos"));
    SetLanguage(k.State(), "en");
    CycleTextSize(k.State());
    k.Settle();
    // Nobody touches for 90 s: the question appears with a countdown of 20 s.
    k.Advance(90'500);
    ASSERT_TRUE(k.Ui().NeedsFrame(k.now_ms));
    EXPECT_TRUE(k.OnScreen("Are you still there?"));
    EXPECT_TRUE(k.OnScreen("20 seconds"));
    // The screen below does not react while the question is shown.
    EXPECT_FALSE(k.Registry().FindTappable("Free"));
    // "Yes, continue" keeps everything.
    ASSERT_TRUE(k.Tap("Yes, continue"));
    EXPECT_FALSE(k.State().idle_warning);
    EXPECT_EQ(k.State().search_text, "kurs");
    // Again, and this time nobody answers.
    k.Advance(91'000);
    EXPECT_TRUE(k.OnScreen("Are you still there?"));
    k.Advance(10'000);
    k.Settle();
    EXPECT_NEAR(k.State().idle_seconds_left, 10, 1);
    k.Advance(10'500);
    k.Settle();
    EXPECT_EQ(k.State().Current().screen, Screen::kHome);
    EXPECT_EQ(k.State().history.size(), 1u);
    EXPECT_EQ(k.State().search_text, "");
    EXPECT_FALSE(k.State().offer_query.free_only);
    EXPECT_EQ(k.State().language, "de");
    EXPECT_EQ(k.State().text_size, TextSize::kNormal);
    EXPECT_DOUBLE_EQ(k.State().ScrollOf(Screen::kOffers).OffsetPx(), 0.0);
    EXPECT_TRUE(k.OnScreen("Heute hier"));
    EXPECT_FALSE(k.OnScreen("kurs"));
}

TEST(KioskUi, AFlickScrollsTheListWithInertiaAndNeverTaps) {
    HeadlessKiosk k;
    ASSERT_TRUE(k.init);
    ASSERT_TRUE(k.Tap("Angebote"));
    k.Settle();
    // A fast upward flick over the list: 200 px in 80 ms.
    k.Push(PointerEvent::Type::kDown, 400, 420);
    k.Frame();
    for (int i = 1; i <= 5; ++i) {
        k.Push(PointerEvent::Type::kMove, 400, 420.0f - 40.0f * static_cast<float>(i));
        k.Frame();
    }
    const double at_release = k.State().ScrollOf(Screen::kOffers).OffsetPx();
    EXPECT_GT(at_release, 150.0);
    k.Push(PointerEvent::Type::kUp, 400, 220);
    k.Frame();
    EXPECT_TRUE(k.State().ScrollOf(Screen::kOffers).Moving());
    const int frames = k.Settle(1000);
    EXPECT_GT(frames, 10);  // rendered while it moved
    const double rest = k.State().ScrollOf(Screen::kOffers).OffsetPx();
    EXPECT_GT(rest, at_release + 300.0);
    EXPECT_FALSE(k.State().ScrollOf(Screen::kOffers).Moving());
    EXPECT_EQ(k.State().Current().screen, Screen::kOffers);  // the drag tapped nothing
}

TEST(KioskUi, NoFramesWhileNothingChanges) {
    HeadlessKiosk k;
    ASSERT_TRUE(k.init);
    k.Settle();
    EXPECT_FALSE(k.Ui().NeedsFrame(k.now_ms));
    // The only deadline is the clock's next minute.
    const auto wait = k.Ui().WaitTimeoutMs(k.now_ms);
    ASSERT_TRUE(wait);
    EXPECT_LE(*wait, 60'000);
    const int before = k.frames;
    k.Advance(*wait - 1);
    EXPECT_EQ(k.Settle(), 0);
    k.Advance(1);
    EXPECT_EQ(k.Settle(), 1);  // the clock redraws once
    EXPECT_EQ(k.frames, before + 1);
    // A tap gives a few frames, then quiet again.
    k.TapAt(5, 470);
    EXPECT_FALSE(k.Ui().NeedsFrame(k.now_ms));
}

TEST(KioskUi, WorksAtFullHdAndTheLargestText) {
    KioskConfig config = SampleConfig();
    config.theme.text_size = TextSize::kLargest;
    HeadlessKiosk k(config, std::nullopt, 1920.0f, 1080.0f, 15.6);
    ASSERT_TRUE(k.init);
    EXPECT_EQ(k.Ui().Metrics().min_target_px, 51.0f);
    ExpectSaneLayout(k, 1920.0f);
    ASSERT_TRUE(k.Tap("Angebote"));
    ExpectSaneLayout(k, 1920.0f);
}

TEST(KioskUi, MissingOrCorruptDataShowsAFriendlyScreen) {
    for (const char* code : {"db.corrupt", "db.open", "db.newer_schema"}) {
        HeadlessKiosk k(SampleConfig(), Result<Replica>(Fail(code, "test")));
        ASSERT_TRUE(k.init);
        EXPECT_FALSE(k.App().HasData());
        EXPECT_TRUE(k.OnScreen("Noch keine Daten – bitte später wieder vorbeischauen")) << code;
        EXPECT_TRUE(k.OnScreen("Status: ")) << code;
        ASSERT_TRUE(k.Tap("English"));
        EXPECT_TRUE(k.OnScreen("No data yet"));
    }
}

TEST(KioskUi, TextSizeIsRebuiltNotScaled) {
    HeadlessKiosk k;
    ASSERT_TRUE(k.init);
    k.Settle();
    const float normal = ImGui::GetIO().Fonts->Fonts[0]->FontSize;
    ASSERT_TRUE(k.Tap("Schrift: normal"));
    k.Settle();
    const float large = ImGui::GetIO().Fonts->Fonts[0]->FontSize;
    EXPECT_GT(large, normal);
    EXPECT_FLOAT_EQ(ImGui::GetIO().FontGlobalScale, 1.0f);
    EXPECT_TRUE(k.OnScreen("Schrift: groß"));
}

// A speech engine that only records what it was asked to do.
class FakeSpeech : public SpeechOutput {
  public:
    bool Available() const override { return available; }
    void Speak(SpeechScript script) override {
        scripts.push_back(std::move(script));
        speaking = true;
    }
    void Stop() override {
        ++stops;
        speaking = false;
    }
    bool Speaking() const override { return speaking; }

    bool available{true};
    bool speaking{false};
    std::vector<SpeechScript> scripts;
    int stops{0};
};

std::string Joined(const SpeechScript& script) {
    std::string out;
    for (const SpeechPart& p : script) {
        out += p.text + " ";
    }
    return out;
}

TEST(KioskUi, ReadAloudReadsTheScreenAndATapStopsIt) {
    HeadlessKiosk k;
    ASSERT_TRUE(k.init);
    FakeSpeech speech;
    k.Ui().SetSpeech(&speech);
    k.Ui().Pacer().OnInput();
    EXPECT_FALSE(k.Registry().FindTappable("▶ Vorlesen"));  // not on home
    ASSERT_TRUE(k.Tap("Angebote"));
    ASSERT_TRUE(k.Tap("▶ Vorlesen"));
    ASSERT_EQ(speech.scripts.size(), 1u);
    const std::string list = Joined(speech.scripts[0]);
    EXPECT_NE(list.find("Angebote"), std::string::npos) << list;
    EXPECT_NE(list.find(AllOffers(k).front().title.De()), std::string::npos) << list;
    // While it reads, the same button stops it.
    ASSERT_TRUE(k.Tap("■ Stopp"));
    EXPECT_EQ(speech.stops, 1);
    EXPECT_TRUE(k.OnScreen("▶ Vorlesen"));
    // A detail: its title and schedule; leaving the screen stops reading.
    const OfferSummary first = AllOffers(k).front();
    ASSERT_TRUE(k.Tap(first.title.De()));
    ASSERT_TRUE(k.Tap("▶ Vorlesen"));
    ASSERT_EQ(speech.scripts.size(), 2u);
    EXPECT_NE(Joined(speech.scripts[1]).find(first.title.De()), std::string::npos);
    ASSERT_TRUE(k.Tap("Start"));
    EXPECT_EQ(speech.stops, 2);
    EXPECT_FALSE(speech.speaking);
    // The engine ending by itself turns the button back, with a frame of its own.
    ASSERT_TRUE(k.Tap("Kontakte"));
    ASSERT_TRUE(k.Tap("▶ Vorlesen"));
    EXPECT_TRUE(k.OnScreen("■ Stopp"));
    speech.speaking = false;
    EXPECT_TRUE(k.Ui().NeedsFrame(k.now_ms));
    EXPECT_TRUE(k.OnScreen("▶ Vorlesen"));
    // No sound: no button.
    speech.available = false;
    k.Ui().Pacer().OnInput();
    EXPECT_FALSE(k.OnScreen("Vorlesen"));
}

TEST(KioskUi, TheLanguageListShowsEachLanguageInItsOwnScript) {
    HeadlessKiosk k;
    ASSERT_TRUE(k.init);
    ASSERT_TRUE(k.Tap("Sprache: Deutsch"));
    EXPECT_TRUE(k.State().language_picker);
    for (const char* name :
         {"Deutsch", "English", "Français", "Türkçe", "Українська", "Русский", "العربية"}) {
        EXPECT_TRUE(k.Registry().FindTappable(name)) << name;
    }
    // The screen below does not react while the list is open.
    EXPECT_FALSE(k.Registry().FindTappable("Angebote"));
    ASSERT_TRUE(k.Tap("Українська"));
    EXPECT_EQ(k.State().language, "uk");
    EXPECT_FALSE(k.State().language_picker);
    EXPECT_TRUE(k.OnScreen("Пропозиції"));
    ASSERT_TRUE(k.Tap("Мова: Українська"));
    ASSERT_TRUE(k.Tap("✕ Закрити"));
    EXPECT_FALSE(k.State().language_picker);
    EXPECT_EQ(k.State().language, "uk");
}

TEST(KioskUi, ArabicMirrorsTheLayout) {
    KioskConfig config = SampleConfig();
    config.languages.default_language = "ar";
    HeadlessKiosk k(config);
    ASSERT_TRUE(k.init);
    EXPECT_TRUE(k.OnScreen("اليوم هنا"));
    // The first entry ("العروض", offers) sits top right.
    const auto offers = k.Registry().FindTappable("العروض");
    const auto helpers = k.Registry().FindTappable("مساعدة في الحياة اليومية");
    ASSERT_TRUE(offers && helpers);
    EXPECT_GT(offers->full.x0, helpers->full.x0);
    EXPECT_GT(offers->full.x1, 700.0f);
    ASSERT_TRUE(k.Tap("العروض"));
    // "Back" on the right, "Home" on the left.
    const auto back = k.Registry().FindTappable("‹ رجوع");
    const auto home = k.Registry().FindTappable("الرئيسية");
    ASSERT_TRUE(back && home);
    EXPECT_GT(back->full.x0, 400.0f);
    EXPECT_LT(home->full.x1, 400.0f);
    // Chips flow from the right.
    const auto topic = k.Registry().FindTappable("الموضوع ▾");
    const auto free = k.Registry().FindTappable("مجاناً");
    ASSERT_TRUE(topic && free);
    EXPECT_GT(topic->full.x0, free->full.x0);
    // Text is right-aligned: the count ends at the right margin.
    for (const LabelEntry& e : k.Registry().Entries()) {
        if (e.label.rfind("عدد العروض", 0) == 0) {
            EXPECT_GT(e.full.x1, 780.0f) << e.label;
        }
    }
    ExpectSaneLayout(k);
}

// Every screen in every language at every text size fits the 7" panel: nothing wider than the
// screen, every target at least 9 mm.
TEST(KioskUi, EveryScreenFitsInEveryLanguageAndTextSize) {
    for (const std::string lang : {"de", "en", "fr", "tr", "uk", "ru", "ar"}) {
        for (const TextSize size : {TextSize::kNormal, TextSize::kLarge, TextSize::kLargest}) {
            KioskConfig config = SampleConfig();
            config.languages.default_language = lang;
            config.theme.text_size = size;
            HeadlessKiosk k(config);
            ASSERT_TRUE(k.init);
            FakeSpeech speech;
            k.Ui().SetSpeech(&speech);
            SCOPED_TRACE(lang + " " + TextSizeName(size));
            const OfferSummary offer = [&] {
                Navigate(k.State(), ScreenRef{Screen::kOffers, {}});
                k.Settle();
                return AllOffers(k).front();
            }();
            const std::vector<ScreenRef> screens = {
                {Screen::kHome, {}},        {Screen::kOffers, {}},
                {Screen::kOffer, offer.id}, {Screen::kHelpers, {}},
                {Screen::kContacts, {}},    {Screen::kPlaces, {}},
                {Screen::kNetworks, {}},    {Screen::kPlace, offer.place_id}};
            for (const ScreenRef& screen : screens) {
                GoHome(k.State());
                Navigate(k.State(), screen);
                k.Ui().Pacer().OnInput();
                ExpectSaneLayout(k);
            }
            OpenSearch(k.State());
            k.Ui().Pacer().OnInput();
            ExpectSaneLayout(k);
            // The search field stays above the keyboard.
            const auto field = k.Registry().FindTappable(k.App().Tr("home.search"));
            const auto key = k.Registry().FindTappable("q");
            ASSERT_TRUE(field && key);
            EXPECT_LE(field->full.y1, key->full.y0);
        }
    }
}

// Every keyboard layout fits the 800×480 panel at the largest text, in a left-to-right and a
// right-to-left UI: no key off the screen or under its bottom, every key a full touch target.
TEST(KioskUi, EveryKeyboardLayoutFitsAtTheLargestText) {
    for (const std::string lang : {"de", "uk", "ar"}) {
        KioskConfig config = SampleConfig();
        config.languages.default_language = lang;
        config.theme.text_size = TextSize::kLargest;
        HeadlessKiosk k(config);
        ASSERT_TRUE(k.init);
        OpenSearch(k.State());
        for (const KeyboardLayout layout :
             {KeyboardLayout::kGerman, KeyboardLayout::kFrench, KeyboardLayout::kEnglish,
              KeyboardLayout::kTurkish, KeyboardLayout::kUkrainian, KeyboardLayout::kRussian,
              KeyboardLayout::kArabic}) {
            SCOPED_TRACE(lang + " layout " + std::to_string(static_cast<int>(layout)));
            SetKeyboardLayout(k.State(), layout);
            k.Ui().Pacer().OnInput();
            ExpectSaneLayout(k);
            const auto erase = k.Registry().FindTappable("⌫");
            ASSERT_TRUE(erase);
            for (const LabelEntry& e : k.Registry().Entries()) {
                EXPECT_LE(e.full.y1, 481.0f) << "below the screen: " << e.label;
            }
        }
    }
}

// The panels the kiosk ships for: the official 7" 800x480 and a 15.6" full-HD screen.
struct Panel {
    float width;
    float height;
    double diagonal_in;
};
const Panel kPanels[] = {{800.0f, 480.0f, 7.0}, {1920.0f, 1080.0f, 15.6}};

std::string PanelName(const Panel& p) {
    return std::to_string(static_cast<int>(p.width)) + "x" +
           std::to_string(static_cast<int>(p.height));
}

// The top of the keyboard: the highest key of the current layout.
float KeyboardTop(HeadlessKiosk& k) {
    const std::vector<std::string> keys = KeyboardKeyTexts(k.State().keyboard.layout);
    float top = 1e9f;
    for (const LabelEntry& e : k.Registry().Entries()) {
        if (e.tappable && std::find(keys.begin(), keys.end(), e.label) != keys.end()) {
            top = std::min(top, e.full.y0);
        }
    }
    return top;
}

// No key says less than it should: every label and the word under ⇧ and ⌫ fit their key
// without "…", in every layout (the numbers layer too), UI language, text size and panel. The
// Cyrillic and French rows are long, so their ⌫ is narrowest there.
TEST(KioskUi, EveryKeyShowsItsWholeLabelAtEveryTextSize) {
    for (const Panel& panel : kPanels) {
        for (const std::string lang : {"de", "en", "fr", "tr", "uk", "ru", "ar"}) {
            for (const TextSize size : {TextSize::kNormal, TextSize::kLarge, TextSize::kLargest}) {
                KioskConfig config = SampleConfig();
                config.languages.default_language = lang;
                config.theme.text_size = size;
                HeadlessKiosk k(config, std::nullopt, panel.width, panel.height, panel.diagonal_in);
                ASSERT_TRUE(k.init);
                OpenSearch(k.State());
                for (const KeyboardLayout layout :
                     {KeyboardLayout::kGerman, KeyboardLayout::kFrench, KeyboardLayout::kEnglish,
                      KeyboardLayout::kTurkish, KeyboardLayout::kUkrainian,
                      KeyboardLayout::kRussian, KeyboardLayout::kArabic}) {
                    for (const bool numbers : {false, true}) {
                        SCOPED_TRACE(PanelName(panel) + " " + lang + " " + TextSizeName(size) +
                                     " layout " + std::to_string(static_cast<int>(layout)) +
                                     (numbers ? " numbers" : ""));
                        SetKeyboardLayout(k.State(), layout);
                        k.State().keyboard.numbers = numbers;
                        k.Ui().Pacer().OnInput();
                        k.Settle();
                        const auto erase = k.Registry().FindTappable("⌫");
                        const auto word =
                            k.Registry().FindTappable(k.App().Tr("keyboard.backspace"));
                        ASSERT_TRUE(erase && word);
                        EXPECT_FALSE(erase->shortened);
                        EXPECT_FALSE(word->shortened) << "⌫ says only part of " << word->label;
                        EXPECT_GE(erase->full.Width(), k.Ui().Metrics().min_target_px - 0.5f);
                        for (const LabelEntry& e : k.Registry().Entries()) {
                            EXPECT_FALSE(e.tappable && e.shortened) << "cut with …: " << e.label;
                        }
                    }
                }
            }
        }
    }
}

// A resident typing sees that the search finds something: between the field and the keyboard
// the count, before anything else, and for a word that finds only offers, a whole result too;
// at every text size, on both panels; the field is never covered.
TEST(KioskUi, TypingShowsTheCountAndAResultAboveTheKeyboard) {
    for (const Panel& panel : kPanels) {
        for (const std::string lang : {"de", "uk", "ru"}) {
            for (const TextSize size : {TextSize::kNormal, TextSize::kLarge, TextSize::kLargest}) {
                KioskConfig config = SampleConfig();
                config.languages.default_language = lang;
                config.theme.text_size = size;
                HeadlessKiosk k(config, std::nullopt, panel.width, panel.height, panel.diagonal_in);
                ASSERT_TRUE(k.init);
                // "Deutsch" also finds contacts and networks (chips under the count);
                // "Frühstück" finds only offers.
                for (const std::string query : {"Deutsch", "Frühstück"}) {
                    SCOPED_TRACE(PanelName(panel) + " " + lang + " " + TextSizeName(size) + " " +
                                 query);
                    OpenSearch(k.State());
                    ClearSearch(k.State());
                    TypeText(k.State(), query);
                    k.Ui().Pacer().OnInput();
                    ExpectSaneLayout(k, panel.width);
                    const size_t count = k.App().OfferCount(k.wall);
                    ASSERT_GT(count, 0u);
                    const float keyboard_top = KeyboardTop(k);
                    ASSERT_LT(keyboard_top, panel.height);
                    const auto field = k.Registry().FindTappable(query);
                    ASSERT_TRUE(field);
                    EXPECT_LE(field->full.y1, keyboard_top);
                    const std::string count_text =
                        count == 1
                            ? k.App().Tr("results.count.one")
                            : k.App().Format("results.count", {{"n", std::to_string(count)}});
                    bool count_shown = false;
                    for (const LabelEntry& e : k.Registry().Entries()) {
                        count_shown = count_shown || (e.label == count_text &&
                                                      e.rect.Height() >= e.full.Height() - 0.5f &&
                                                      e.full.y1 <= keyboard_top);
                    }
                    EXPECT_TRUE(count_shown) << count_text;
                    if (query != "Frühstück") {
                        continue;
                    }
                    ASSERT_TRUE(k.App().OtherHits().empty());
                    const std::string first = k.App().Text(AllOffers(k).front().title);
                    const auto row = k.Registry().FindTappable(first);
                    ASSERT_TRUE(row) << first;
                    EXPECT_GE(row->rect.Height(), row->full.Height() - 0.5f)
                        << "only part of " << first;
                    EXPECT_LE(row->full.y1, keyboard_top);
                    EXPECT_GE(row->full.Height(), k.Ui().Metrics().min_target_px - 0.5f);
                }
            }
        }
    }
}

// The sync engine's status as residents and caretakers see it: the strip on home, the details
// screen with the error in plain words, "Jetzt synchronisieren", and the pairing code.
TEST(KioskUi, ShowsTheSyncStatusAndSyncsOnRequest) {
    HeadlessKiosk k;
    ASSERT_TRUE(k.init) << k.init.error().message;
    // Without a hub: the data's date, always in view (not below the fold).
    EXPECT_TRUE(k.OnScreen("Stand: "));

    int requests = 0;
    k.App().SetSyncRequester([&] { ++requests; });
    SyncStatus s;
    s.enabled = true;
    s.paired = true;
    s.online = true;
    s.clock_trusted = true;
    s.last_success = k.wall;
    k.Ui().OnSyncStatus(s, k.wall);
    EXPECT_TRUE(k.OnScreen("Stand: heute, "));
    EXPECT_TRUE(k.OnScreen(" · online"));

    // The hub is gone, two edits wait: said in words, and the details name the problem.
    s.online = false;
    s.edits_waiting = 2;
    s.last_error_code = "net.timeout";
    s.last_error_message = "the hub did not answer within 120 s";
    s.last_error_at = k.wall;
    k.Ui().OnSyncStatus(s, k.wall);
    EXPECT_TRUE(k.OnScreen(" · offline · 2 Änderungen warten"));
    ASSERT_TRUE(k.Tap("Stand: heute, "));
    EXPECT_EQ(k.State().Current().screen, Screen::kSyncStatus);
    EXPECT_TRUE(k.OnScreen("Der Server war nicht erreichbar. Das Gerät versucht es von selbst"));
    EXPECT_TRUE(k.OnScreen("net.timeout: the hub did not answer within 120 s"));
    ASSERT_TRUE(k.Tap("Jetzt synchronisieren"));
    EXPECT_EQ(requests, 1);

    // A revoked kiosk is told what to do; an unpaired one shows its code.
    s.last_error_code = "auth.revoked";
    k.Ui().OnSyncStatus(s, k.wall);
    EXPECT_TRUE(k.OnScreen("Bitte das Gerät neu koppeln lassen."));
    s.paired = false;
    s.pairing_code = "K7M4QP";
    s.last_error_code.clear();
    k.Ui().OnSyncStatus(s, k.wall);
    EXPECT_TRUE(k.OnScreen("K7M 4QP"));
    ASSERT_TRUE(k.Tap("Start"));
    EXPECT_TRUE(k.OnScreen("Gerät noch nicht gekoppelt – Code K7M 4QP"));

    // An untrusted clock: nothing is hidden by date, and home says why "Heute hier" is empty.
    s.paired = true;
    s.clock_trusted = false;
    k.Ui().OnSyncStatus(s, k.wall);
    EXPECT_FALSE(k.App().ClockTrusted(k.wall));
}

}  // namespace
}  // namespace treffpunkt::testing
