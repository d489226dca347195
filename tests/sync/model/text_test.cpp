#include "sync/model/text.hpp"

#include <gtest/gtest.h>

using namespace treffpunkt;

TEST(Text, FoldsGermanSpellingsTogether) {
    EXPECT_EQ(FoldForSearch("Müller"), "muller");
    EXPECT_EQ(FoldForSearch("Mueller"), "muller");
    EXPECT_EQ(FoldForSearch("MULLER"), "muller");
    EXPECT_EQ(FoldForSearch("Straße"), "strasse");
    EXPECT_EQ(FoldForSearch("STRASSE"), "strasse");
    EXPECT_EQ(FoldForSearch("Öffnungszeiten"), "offnungszeiten");
    EXPECT_EQ(FoldForSearch("Oeffnungszeiten"), "offnungszeiten");
    EXPECT_EQ(FoldForSearch("Ärztin"), FoldForSearch("Aerztin"));
}

TEST(Text, FoldingOfAPrefixIsAPrefixOfTheFolding) {
    // As-you-type search relies on this: each typed prefix must match the folded word.
    for (const char* word :
         {"Mueller", "Feuerwehr", "Frauenfrühstück", "Quelle", "Seniorentreff"}) {
        const std::string full = FoldForSearch(word);
        const std::string text = word;
        for (size_t n = 1; n <= text.size(); ++n) {
            const std::string prefix = FoldForSearch(text.substr(0, n));
            EXPECT_EQ(full.rfind(prefix, 0), 0u) << word << " / " << prefix;
        }
    }
}

TEST(Text, FoldsOtherLatinScriptsAndCyrillic) {
    EXPECT_EQ(FoldForSearch("Café crème"), "cafe creme");
    EXPECT_EQ(FoldForSearch("Łódź"), "lodz");
    EXPECT_EQ(FoldForSearch("Şişli Ğ"), "sisli g");
    EXPECT_EQ(FoldForSearch("ПРИВЕТ Ёлка"), "привет елка");
}

TEST(Text, PunctuationSeparatesWords) {
    EXPECT_EQ(FoldForSearch("„Café“ – für Jung & Alt…"), "cafe fur jung alt");
    EXPECT_EQ(FoldForSearch("  Deutsch-Kurs  "), "deutsch kurs");
    EXPECT_EQ(FoldForSearch("2 € pro Termin"), "2 pro termin");
    EXPECT_EQ(FoldForSearch(""), "");
    EXPECT_EQ(FoldForSearch("***"), "");
}

TEST(Text, ValidatesAndRepairsUtf8) {
    EXPECT_TRUE(IsValidUtf8("Grüße – „gut“ €"));
    EXPECT_FALSE(IsValidUtf8("\xC3"));
    EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
    EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_EQ(SanitizeUtf8("a\xFF"
                           "b"),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(Utf8Length("Grüße"), 5u);
    EXPECT_EQ(Utf8Prefix("Grüße", 3), "Grü");
    // Invalid bytes never crash folding.
    EXPECT_EQ(FoldForSearch("ab\xFF\xFE"
                            "cd"),
              "ab cd");
}
