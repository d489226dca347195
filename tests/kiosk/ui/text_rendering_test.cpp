// Every character the kiosk can show has a glyph in the loaded fonts — after shaping, so the
// joined Arabic letter forms count — and every text colour meets the theme's contrast promise.
#include <gtest/gtest.h>
#include <imgui.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

#include "kiosk/app/i18n.hpp"
#include "kiosk/app/schedule_text.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "sync/model/text.hpp"

namespace treffpunkt {
namespace {

// The UI languages Treffpunkt ships; content in other languages (Persian …) is never shown
// until they are offered.
const std::vector<std::string> kUiLanguages = {"de", "en", "fr", "tr", "uk", "ru", "ar"};
const std::set<std::string> kShownLanguages(kUiLanguages.begin(), kUiLanguages.end());

bool IsTranslation(const std::string& key) {
    return key.size() == 2 && key[0] >= 'a' && key[0] <= 'z' && key[1] >= 'a' && key[1] <= 'z';
}

// Every string of the dataset a kiosk in the UI languages can show.
void CollectStrings(const nlohmann::json& j, std::vector<std::string>& out) {
    if (j.is_string()) {
        out.push_back(j.get<std::string>());
    } else if (j.is_array()) {
        for (const auto& item : j) {
            CollectStrings(item, out);
        }
    } else if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (IsTranslation(it.key()) && kShownLanguages.count(it.key()) == 0) {
                continue;
            }
            CollectStrings(it.value(), out);
        }
    }
}

// Sentences the code builds itself (dates, schedules) in every language.
void CollectGeneratedStrings(std::vector<std::string>& out) {
    const Date d = *ParseDate("2026-12-08");
    Schedule monthly;
    monthly.start_date = d;
    monthly.start_minute = 14 * 60;
    monthly.end_minute = 16 * 60;
    monthly.rrule = "FREQ=MONTHLY;BYDAY=2TU,-1FR";
    monthly.closures.push_back(DateRange{d, d, Text("Ferien")});
    Schedule weekly = monthly;
    weekly.rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR,SA,SU;UNTIL=20271231";
    for (const std::string& lang : kUiLanguages) {
        for (int m = 0; m < 12; ++m) {
            const Date day = std::chrono::year{2026} /
                             std::chrono::month{static_cast<unsigned>(m + 1)} /
                             std::chrono::day{static_cast<unsigned>(m + 1)};
            out.push_back(DateLongText(day, lang));
            out.push_back(DateShortText(day, lang));
        }
        out.push_back(ScheduleSentence(monthly, lang));
        out.push_back(ScheduleSentence(weekly, lang));
        out.push_back(ClosuresText(monthly, d, lang));
        out.push_back(ClockText(14 * 60 + 5, lang));
    }
}

TEST(TextRendering, EveryShippedCharacterHasAGlyph) {
    ImGuiContext* ctx = ImGui::CreateContext();
    auto fonts =
        LoadFonts(*ImGui::GetIO().Fonts, 20.0f, FontFiles{}, ScriptsForLanguages(kUiLanguages));
    ASSERT_TRUE(fonts) << fonts.error().message;
    unsigned char* pixels = nullptr;
    int w = 0;
    int h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ASSERT_GT(w, 0);

    std::vector<std::string> texts;
    auto i18n = I18n::Load(std::string(TREFFPUNKT_SOURCE_DIR) + "/assets/i18n", kUiLanguages);
    ASSERT_TRUE(i18n) << i18n.error().message;
    texts = i18n->AllTexts();
    for (const char* code : {"de", "en", "fr", "tr", "uk", "ru", "ar", "pl", "ro", "it", "es"}) {
        texts.push_back(Endonym(code));
    }
    // Symbols the widgets draw themselves.
    texts.push_back("‹ › ✓ ▾ ▴ ⇧ ⌫ ● ■ ▶ ✕ … – „ “ € ·");
    // Every key of every on-screen keyboard, both cases (ЙЦУКЕН with ї є ґ ʼ ё ъ, Arabic, İ ı).
    for (const KeyboardLayout l :
         {KeyboardLayout::kGerman, KeyboardLayout::kFrench, KeyboardLayout::kEnglish,
          KeyboardLayout::kTurkish, KeyboardLayout::kUkrainian, KeyboardLayout::kRussian,
          KeyboardLayout::kArabic}) {
        const std::vector<std::string> keys = KeyboardKeyTexts(l);
        texts.insert(texts.end(), keys.begin(), keys.end());
    }
    CollectGeneratedStrings(texts);
    std::ifstream sample(std::string(TREFFPUNKT_SOURCE_DIR) + "/assets/sample/saarlouis.json");
    ASSERT_TRUE(sample) << "assets/sample/saarlouis.json is missing";
    CollectStrings(nlohmann::json::parse(sample), texts);

    // What is drawn is the shaped text: Arabic letters in their joined forms.
    TextLayout layout;
    std::set<char32_t> missing;
    size_t checked = 0;
    size_t shaped = 0;
    for (const std::string& t : texts) {
        for (const bool rtl : {false, true}) {
            const TextBlock& block = layout.Layout(fonts->body, t, 0.0f, 0, rtl);
            for (const TextLine& line : block.lines) {
                size_t pos = 0;
                while (pos < line.visual.size()) {
                    const char32_t c = NextCodePoint(line.visual, pos);
                    ++checked;
                    shaped += c >= 0xFE70 && c <= 0xFEFF ? 1 : 0;
                    for (ImFont* f : {fonts->body, fonts->bold, fonts->title, fonts->caption}) {
                        if (c > 0xFFFF ||
                            f->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) {
                            missing.insert(c);
                        }
                    }
                }
            }
        }
        layout.BeginFrame();
    }
    EXPECT_GT(checked, 20000u);
    EXPECT_GT(shaped, 1000u) << "Arabic text should be drawn in its joined forms";
    for (char32_t c : missing) {
        std::string s;
        AppendUtf8(c, s);
        ADD_FAILURE() << "no glyph for U+" << std::hex << static_cast<unsigned>(c) << " '" << s
                      << "'";
    }
    // The keys' symbols, in every font a key may draw them with (a symbol key in the caption
    // size on a short screen).
    for (ImFont* f : {fonts->bold, fonts->caption}) {
        for (char32_t c : {U'⌫', U'⇧'}) {
            EXPECT_NE(f->FindGlyphNoFallback(static_cast<ImWchar>(c)), nullptr)
                << static_cast<unsigned>(c);
        }
    }
    EXPECT_LT(fonts->caption->FontSize, fonts->body->FontSize);
    // Cyrillic, Turkish, Polish, Romanian and Arabic letters are there too.
    for (char32_t c : {U'Ж', U'ї', U'ґ', U'ş', U'ğ', U'ı', U'İ', U'ł', U'ș', U'€', U'„', U'…',
                       U'ع', U'ﻻ', U'ﺔ', U'؟', U'،', U'ʼ', U'Ґ', U'ё', U'Ъ', U'ظ', U'إ'}) {
        EXPECT_NE(fonts->body->FindGlyphNoFallback(static_cast<ImWchar>(c)), nullptr)
            << static_cast<unsigned>(c);
    }
    ImGui::DestroyContext(ctx);
}

TEST(TextRendering, OnlyTheOfferedScriptsAreLoaded) {
    ImGuiContext* ctx = ImGui::CreateContext();
    auto latin = LoadFonts(*ImGui::GetIO().Fonts, 20.0f, FontFiles{},
                           ScriptsForLanguages({"de", "en", "fr"}));
    ASSERT_TRUE(latin);
    EXPECT_EQ(latin->body->FindGlyphNoFallback(static_cast<ImWchar>(U'ع')), nullptr);
    EXPECT_EQ(latin->body->FindGlyphNoFallback(static_cast<ImWchar>(U'Ж')), nullptr);
    const int latin_height = ImGui::GetIO().Fonts->TexHeight;
    auto all =
        LoadFonts(*ImGui::GetIO().Fonts, 20.0f, FontFiles{}, ScriptsForLanguages(kUiLanguages));
    ASSERT_TRUE(all);
    EXPECT_NE(all->body->FindGlyphNoFallback(static_cast<ImWchar>(U'ع')), nullptr);
    EXPECT_GT(ImGui::GetIO().Fonts->TexHeight, latin_height);
    // The font files are not kept once the glyphs are rasterised.
    EXPECT_EQ(ImGui::GetIO().Fonts->ConfigData.Size, 0);
    ImGui::DestroyContext(ctx);
}

TEST(TextRendering, MissingFontsNameThePackage) {
    ImGuiContext* ctx = ImGui::CreateContext();
    FontFiles none;
    none.regular = {"/nonexistent/a.ttf"};
    none.bold = {"/nonexistent/b.ttf"};
    auto fonts = LoadFonts(*ImGui::GetIO().Fonts, 20.0f, none);
    ASSERT_FALSE(fonts);
    EXPECT_EQ(fonts.error().code, "font.missing");
    EXPECT_NE(fonts.error().message.find("fonts-noto-core"), std::string::npos);
    ImGui::DestroyContext(ctx);
}

TEST(TextRendering, ContrastOfEveryTextColour) {
    const Theme themes[] = {DefaultTheme(), HighContrastTheme()};
    EXPECT_GE(themes[0].min_text_contrast, 4.5f);
    EXPECT_GE(themes[1].min_text_contrast, 7.0f);
    for (const Theme& t : themes) {
        for (const ColorPair& p : TextColorPairs(t)) {
            const double ratio = ContrastRatio(p.text, p.background);
            EXPECT_GE(ratio, t.min_text_contrast)
                << p.name << ": " << ratio << ":1 (theme promises " << t.min_text_contrast << ":1)";
        }
    }
    EXPECT_NEAR(ContrastRatio(Rgb{0, 0, 0}, Rgb{1, 1, 1}), 21.0, 1e-6);
}

}  // namespace
}  // namespace treffpunkt
