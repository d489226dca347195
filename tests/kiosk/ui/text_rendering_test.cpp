// Every character the kiosk can show has a glyph in the loaded fonts, and every text colour
// meets the theme's contrast promise.
#include <gtest/gtest.h>
#include <imgui.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

#include "kiosk/app/i18n.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/theme.hpp"
#include "sync/model/text.hpp"

namespace treffpunkt {
namespace {

// The UI languages this issue ships; content in other languages (Arabic, Persian …) is never
// shown until they are offered, and their scripts come with right-to-left support (issue 8).
const std::set<std::string> kShownLanguages = {"de", "en", "fr"};

bool IsTranslation(const std::string& key) {
    return key.size() == 2 && key[0] >= 'a' && key[0] <= 'z' && key[1] >= 'a' && key[1] <= 'z';
}

// Every string of the dataset a kiosk in de/en/fr can show.
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

TEST(TextRendering, EveryShippedCharacterHasAGlyph) {
    ImGuiContext* ctx = ImGui::CreateContext();
    auto fonts = LoadFonts(*ImGui::GetIO().Fonts, 20.0f);
    ASSERT_TRUE(fonts) << fonts.error().message;
    unsigned char* pixels = nullptr;
    int w = 0;
    int h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ASSERT_GT(w, 0);

    std::vector<std::string> texts;
    auto i18n = I18n::Load(std::string(TREFFPUNKT_SOURCE_DIR) + "/assets/i18n", {"de", "en", "fr"});
    ASSERT_TRUE(i18n);
    texts = i18n->AllTexts();
    for (const char* code :
         {"de", "en", "fr", "tr", "uk", "ru", "pl", "ro", "it", "es"}) {  // Latin, Cyrillic
        texts.push_back(Endonym(code));
    }
    // Symbols the widgets draw themselves.
    texts.push_back("‹ › ✓ ▾ ▴ ⇧ ⌫ ● … – „ “ € ·");
    std::ifstream sample(std::string(TREFFPUNKT_SOURCE_DIR) + "/assets/sample/saarlouis.json");
    ASSERT_TRUE(sample) << "assets/sample/saarlouis.json is missing";
    CollectStrings(nlohmann::json::parse(sample), texts);

    std::set<char32_t> missing;
    size_t checked = 0;
    for (const std::string& t : texts) {
        size_t pos = 0;
        while (pos < t.size()) {
            const char32_t c = NextCodePoint(t, pos);
            if (c < 0x20 || c == 0x7F) {
                continue;  // control characters (\n) are not drawn
            }
            ++checked;
            for (ImFont* f : {fonts->body, fonts->bold, fonts->title}) {
                if (c > 0xFFFF || f->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) {
                    missing.insert(c);
                }
            }
        }
    }
    EXPECT_GT(checked, 10000u);
    for (char32_t c : missing) {
        std::string s;
        AppendUtf8(c, s);
        ADD_FAILURE() << "no glyph for U+" << std::hex << static_cast<unsigned>(c) << " '" << s
                      << "'";
    }
    // Cyrillic, Turkish, Polish and Romanian letters are there too (issue 8 languages).
    for (char32_t c : {U'Ж', U'ї', U'ş', U'ğ', U'ı', U'ł', U'ș', U'€', U'„', U'…'}) {
        EXPECT_NE(fonts->body->FindGlyphNoFallback(static_cast<ImWchar>(c)), nullptr);
    }
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
