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

TEST(I18n, EveryCatalogHasEveryKey) {
    auto i18n = I18n::Load(kDir, {"de", "en", "fr"});
    ASSERT_TRUE(i18n) << i18n.error().message;
    const auto de = i18n->Keys("de");
    ASSERT_GT(de.size(), 100u);
    for (const std::string lang : {"en", "fr"}) {
        const auto keys = i18n->Keys(lang);
        std::set<std::string> have(keys.begin(), keys.end());
        for (const std::string& k : de) {
            EXPECT_TRUE(have.count(k)) << lang << ".json lacks \"" << k << "\"";
        }
        EXPECT_EQ(keys.size(), de.size()) << lang << ".json has keys German does not";
        for (const std::string& k : keys) {
            EXPECT_FALSE(i18n->Tr(lang, k).empty()) << lang << ": " << k << " is empty";
        }
    }
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
