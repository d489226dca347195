// Every catalog has every key German has (and no others), and every key the code asks for
// literally exists.
#include "kiosk/app/i18n.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace treffpunkt {
namespace {

const std::string kDir = std::string(TREFFPUNKT_SOURCE_DIR) + "/assets/i18n";

// The UI languages Treffpunkt ships (issue 8): every one complete.
const std::vector<std::string> kLanguages = {"de", "en", "fr", "tr", "uk", "ru", "ar"};

// The "{name}" placeholders of a text, sorted.
std::multiset<std::string> Placeholders(const std::string& text) {
    std::multiset<std::string> out;
    const std::regex placeholder(R"(\{[a-z_]+\})");
    for (std::sregex_iterator it(text.begin(), text.end(), placeholder), end; it != end; ++it) {
        out.insert(it->str());
    }
    return out;
}

TEST(I18n, EveryCatalogHasEveryKey) {
    auto i18n = I18n::Load(kDir, kLanguages);
    ASSERT_TRUE(i18n) << i18n.error().message;
    const auto de = i18n->Keys("de");
    ASSERT_GT(de.size(), 100u);
    for (const std::string& lang : kLanguages) {
        const auto keys = i18n->Keys(lang);
        std::set<std::string> have(keys.begin(), keys.end());
        for (const std::string& k : de) {
            EXPECT_TRUE(have.count(k)) << lang << ".json lacks \"" << k << "\"";
        }
        EXPECT_EQ(keys.size(), de.size()) << lang << ".json has keys German does not";
        for (const std::string& k : keys) {
            EXPECT_FALSE(i18n->Tr(lang, k).empty()) << lang << ": " << k << " is empty";
            EXPECT_EQ(Placeholders(i18n->Tr(lang, k)), Placeholders(i18n->Tr("de", k)))
                << lang << ": " << k << " must use the same {placeholders} as German";
        }
    }
}

// Plain language (docs/accessibility.md): a UI text is a sentence at most.
TEST(I18n, EveryTextIsASentenceAtMost) {
    auto i18n = I18n::Load(kDir, kLanguages);
    ASSERT_TRUE(i18n);
    // A sentence end followed by more text: ". X", "? X", "! X" (also Arabic "؟").
    const std::regex second_sentence(R"(([.!?]|؟)\s+\S)");
    for (const std::string& lang : kLanguages) {
        for (const std::string& k : i18n->Keys(lang)) {
            const std::string& text = i18n->Tr(lang, k);
            EXPECT_FALSE(std::regex_search(text, second_sentence))
                << lang << ": " << k << " has more than one sentence: " << text;
            EXPECT_LE(text.size(), 160u) << lang << ": " << k << " is long: " << text;
        }
    }
}

TEST(I18n, EachLanguageIsNamedInItsOwnScript) {
    EXPECT_EQ(Endonym("de"), "Deutsch");
    EXPECT_EQ(Endonym("en"), "English");
    EXPECT_EQ(Endonym("fr"), "Français");
    EXPECT_EQ(Endonym("tr"), "Türkçe");
    EXPECT_EQ(Endonym("uk"), "Українська");
    EXPECT_EQ(Endonym("ru"), "Русский");
    EXPECT_EQ(Endonym("ar"), "العربية");
    EXPECT_TRUE(IsRightToLeft("ar"));
    EXPECT_FALSE(IsRightToLeft("uk"));
}

TEST(I18n, KeysUsedInTheCodeExist) {
    auto i18n = I18n::Load(kDir, {"de"});
    ASSERT_TRUE(i18n);
    const auto keys = i18n->Keys("de");
    const std::set<std::string> have(keys.begin(), keys.end());
    const std::regex literal(R"((?:Tr|Format|CountText\(ctx,)\s*\(?\s*"([a-z_]+\.[a-z_.]+)\")");
    int found = 0;
    for (const std::string dir : {"kiosk/ui", "kiosk/app", "kiosk/platform"}) {
        for (const auto& entry :
             std::filesystem::directory_iterator(std::string(TREFFPUNKT_SOURCE_DIR) + "/" + dir)) {
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            const std::string s = text.str();
            for (std::sregex_iterator it(s.begin(), s.end(), literal), end; it != end; ++it) {
                const std::string key = (*it)[1];
                ++found;
                EXPECT_TRUE(have.count(key) || have.count(key + ".one"))
                    << entry.path().filename() << " uses \"" << key << "\", missing in de.json";
            }
        }
    }
    EXPECT_GT(found, 50);
}

TEST(I18n, FallsBackToGermanThenToTheKey) {
    const I18n i18n =
        I18n::FromMaps({{"de", {{"a", "A-de"}, {"b", "B {n} {x}"}}}, {"en", {{"a", "A-en"}}}});
    EXPECT_EQ(i18n.Tr("en", "a"), "A-en");
    EXPECT_EQ(i18n.Tr("fr", "a"), "A-de");
    EXPECT_EQ(i18n.Tr("en", "missing.key"), "missing.key");
    EXPECT_EQ(i18n.Format("de", "b", {{"n", "3"}}), "B 3 {x}");
    EXPECT_EQ(Endonym("fr"), "Français");
    EXPECT_EQ(Endonym("xx"), "xx");
}

TEST(I18n, MissingCatalogIsAnError) {
    auto i18n = I18n::Load(kDir, {"xx"});
    ASSERT_FALSE(i18n);
    EXPECT_EQ(i18n.error().code, "i18n.missing");
}

}  // namespace
}  // namespace treffpunkt
