// The kiosk's UI texts: one flat JSON catalog per language under assets/i18n (key -> text),
// German the default and the fallback. No UI, no SQLite.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sync/model/result.hpp"

namespace treffpunkt {

// The language every catalog is checked against and every lookup falls back to.
inline constexpr std::string_view kDefaultUiLanguage = "de";

class I18n {
  public:
    // Loads <dir>/<lang>.json for each language (German is always loaded). Errors:
    // "i18n.missing" (file absent), "i18n.invalid" (not a flat JSON object of strings).
    static Result<I18n> Load(const std::string& dir, const std::vector<std::string>& languages);
    // A catalog from memory (tests): lang -> key -> text.
    static I18n FromMaps(
        std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>>
            catalogs);

    // The text for `key` in `lang`; else German; else the key itself (visible, so a missing
    // key is noticed, never a crash).
    const std::string& Tr(std::string_view lang, std::string_view key) const;
    // Tr() with "{name}" placeholders replaced.
    std::string Format(std::string_view lang, std::string_view key,
                       std::initializer_list<std::pair<std::string_view, std::string>> args) const;

    bool HasLanguage(std::string_view lang) const;
    std::vector<std::string> Languages() const;
    std::vector<std::string> Keys(std::string_view lang) const;
    // Every text of every catalog (for the glyph coverage test).
    std::vector<std::string> AllTexts() const;

  private:
    using Catalog = std::map<std::string, std::string, std::less<>>;
    std::map<std::string, Catalog, std::less<>> m_catalogs;
    mutable std::string m_missing;  // holds the key returned for a missing text
};

// A language's name in itself, for the language switch ("Deutsch", "Français", "Türkçe").
// Unknown codes come back unchanged.
std::string Endonym(std::string_view code);

// True for languages written right to left (Arabic, Persian, Hebrew, Urdu, Pashto, Kurdish
// Sorani): their screens mirror.
bool IsRightToLeft(std::string_view code);

// Replaces "{name}" in `text` with the given values.
std::string FormatPlaceholders(
    std::string_view text, std::initializer_list<std::pair<std::string_view, std::string>> args);

}  // namespace treffpunkt
