// Right-to-left text: FriBidi puts Arabic into drawing order and joins its letters; lines of
// a right-to-left paragraph are broken in reading order.
#include "kiosk/ui/bidi_paragraph.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "sync/model/text.hpp"

namespace treffpunkt {
namespace {

std::u32string U32(std::string_view utf8) {
    std::u32string out;
    size_t pos = 0;
    while (pos < utf8.size()) {
        out.push_back(NextCodePoint(utf8, pos));
    }
    return out;
}

bool AllJoinedForms(const std::u32string& visual) {
    for (const char32_t c : visual) {
        if (c >= 0x0600 && c <= 0x06FF) {
            return false;  // a letter left in its base form
        }
    }
    return true;
}

TEST(BidiParagraph, ArabicIsJoinedAndReversed) {
    const std::u32string logical = U32("العربية");  // ا ل ع ر ب ي ة
    ASSERT_TRUE(NeedsBidi(logical));
    const BidiParagraph p(logical, BidiDirection::kAutoLtr);
    EXPECT_TRUE(p.Rtl());
    const std::u32string visual = p.VisualLine(0, logical.size());
    ASSERT_EQ(visual.size(), logical.size());
    EXPECT_TRUE(AllJoinedForms(visual));
    // Drawn left to right, the word starts with its last letter: teh marbuta, final form.
    EXPECT_EQ(visual.front(), U'\uFE94');
    // ...and ends with its first: alef, isolated (it does not join to the left).
    EXPECT_EQ(visual.back(), U'\uFE8D');
}

TEST(BidiParagraph, LamAlefBecomesOneLigature) {
    const std::u32string logical = U32("لا");
    const BidiParagraph p(logical, BidiDirection::kAutoRtl);
    const std::u32string visual = p.VisualLine(0, logical.size());
    EXPECT_EQ(visual, std::u32string(U"\uFEFB"));  // the filler after the ligature is gone
}

TEST(BidiParagraph, NumbersAndLatinKeepTheirOrderInsideArabic) {
    const std::u32string logical = U32("عدد العروض: 23");
    const BidiParagraph p(logical, BidiDirection::kAutoRtl);
    const std::u32string visual = p.VisualLine(0, logical.size());
    // The number reads left to right at the left end of the line (where the sentence ends).
    EXPECT_EQ(visual.substr(0, 2), U"23");
    const std::u32string mixed = U32("Treffpunkt مرحباً");
    const BidiParagraph q(mixed, BidiDirection::kRtl);
    const std::u32string v = q.VisualLine(0, mixed.size());
    EXPECT_EQ(v.substr(v.size() - 10), U"Treffpunkt");  // first in reading order: rightmost
    EXPECT_TRUE(IsDrawn(U'a'));
    EXPECT_FALSE(IsDrawn(U'\u200F'));
    EXPECT_FALSE(IsDrawn(U'\u064E'));  // fatha: the renderer cannot place vowel marks
}

TEST(BidiParagraph, LatinTextNeedsNoBidi) {
    EXPECT_FALSE(NeedsBidi(U32("Deutschkurs A1 – für Anfänger „heute“")));
    EXPECT_FALSE(NeedsBidi(U32("Українська Türkçe")));
    EXPECT_TRUE(NeedsBidi(U32("Sprache: العربية")));
}

TEST(TextLayout, ArabicLinesBreakInReadingOrder) {
    ImGuiContext* ctx = ImGui::CreateContext();
    auto fonts = LoadFonts(*ImGui::GetIO().Fonts, 20.0f, FontFiles{}, FontScripts{});
    ASSERT_TRUE(fonts) << fonts.error().message;
    TextLayout layout;
    const std::string text =
        "تعلّم الألمانية مرتين في الأسبوع في مجموعات صغيرة مع الكثير من المحادثة";
    const TextBlock& one = layout.Layout(fonts->body, "تعلّم", 0.0f, 0, true);
    const TextBlock& block = layout.Layout(fonts->body, text, 120.0f, 0, true);
    ASSERT_GE(block.lines.size(), 3u);
    for (const TextLine& line : block.lines) {
        EXPECT_LE(line.width_px, 120.0f);
        EXPECT_TRUE(line.rtl);
        EXPECT_TRUE(AllJoinedForms(U32(line.visual)));
    }
    // The first word read is at the right end of the first line.
    const std::string& first = block.lines.front().visual;
    ASSERT_EQ(one.lines.size(), 1u);
    EXPECT_EQ(first.substr(first.size() - one.lines[0].visual.size()), one.lines[0].visual);
    // Shortened to two lines: the last one ends (on the left) with "…".
    const TextBlock& short_block = layout.Layout(fonts->body, text, 120.0f, 2, true);
    ASSERT_EQ(short_block.lines.size(), 2u);
    EXPECT_TRUE(short_block.shortened);
    EXPECT_EQ(short_block.lines[1].visual.rfind("…", 0), 0u);
    // Left to right text is broken at spaces and never inside a word.
    const TextBlock& de =
        layout.Layout(fonts->body, "Zweimal pro Woche Deutsch lernen", 150.0f, 0, false);
    ASSERT_GE(de.lines.size(), 2u);
    std::string joined;
    for (const TextLine& line : de.lines) {
        EXPECT_LE(line.width_px, 150.0f);
        EXPECT_NE(line.visual.front(), ' ');
        EXPECT_NE(line.visual.back(), ' ');
        joined += (joined.empty() ? "" : " ") + line.visual;
    }
    EXPECT_EQ(joined, "Zweimal pro Woche Deutsch lernen");
    ImGui::DestroyContext(ctx);
}

}  // namespace
}  // namespace treffpunkt
