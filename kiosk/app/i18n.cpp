#include "kiosk/app/i18n.hpp"

#include <nlohmann/json.hpp>

#include "sync/model/dataset.hpp"

namespace treffpunkt {

Result<I18n> I18n::Load(const std::string& dir, const std::vector<std::string>& languages) {
    I18n i18n;
    std::vector<std::string> wanted = languages;
    wanted.insert(wanted.begin(), std::string(kDefaultUiLanguage));
    for (const std::string& lang : wanted) {
        if (i18n.m_catalogs.count(lang) != 0) {
            continue;
        }
        const std::string path = dir + "/" + lang + ".json";
        auto text = ReadTextFile(path, 4u << 20);
        if (!text) {
            return Fail("i18n.missing", "cannot read the catalog " + path + " (" +
                                            text.error().message + "); reinstall the assets");
        }
        nlohmann::json json;
        try {
            json = nlohmann::json::parse(*text);
        } catch (const std::exception& e) {
            return Fail("i18n.invalid", path + ": " + e.what());
        }
        if (!json.is_object()) {
            return Fail("i18n.invalid", path + ": must be a JSON object of key -> text");
        }
        Catalog catalog;
        for (auto it = json.begin(); it != json.end(); ++it) {
            if (!it.value().is_string()) {
                return Fail("i18n.invalid", path + ": \"" + it.key() + "\" must be a string");
            }
            catalog.emplace(it.key(), it.value().get<std::string>());
        }
        i18n.m_catalogs.emplace(lang, std::move(catalog));
    }
    return i18n;
}

I18n I18n::FromMaps(
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> catalogs) {
    I18n i18n;
    for (auto& [lang, catalog] : catalogs) {
        i18n.m_catalogs.emplace(lang, std::move(catalog));
    }
    return i18n;
}

const std::string& I18n::Tr(std::string_view lang, std::string_view key) const {
    for (std::string_view l : {lang, kDefaultUiLanguage}) {
        if (auto c = m_catalogs.find(l); c != m_catalogs.end()) {
            if (auto t = c->second.find(key); t != c->second.end()) {
                return t->second;
            }
        }
    }
    m_missing = std::string(key);
    return m_missing;
}

std::string I18n::Format(
    std::string_view lang, std::string_view key,
    std::initializer_list<std::pair<std::string_view, std::string>> args) const {
    return FormatPlaceholders(Tr(lang, key), args);
}

bool I18n::HasLanguage(std::string_view lang) const {
    return m_catalogs.count(lang) != 0;
}

std::vector<std::string> I18n::Languages() const {
    std::vector<std::string> out;
    for (const auto& [lang, catalog] : m_catalogs) {
        out.push_back(lang);
    }
    return out;
}

std::vector<std::string> I18n::Keys(std::string_view lang) const {
    std::vector<std::string> out;
    if (auto c = m_catalogs.find(lang); c != m_catalogs.end()) {
        for (const auto& [key, text] : c->second) {
            out.push_back(key);
        }
    }
    return out;
}

std::vector<std::string> I18n::AllTexts() const {
    std::vector<std::string> out;
    for (const auto& [lang, catalog] : m_catalogs) {
        for (const auto& [key, text] : catalog) {
            out.push_back(text);
        }
    }
    return out;
}

std::string Endonym(std::string_view code) {
    static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
        {"de", "Deutsch"},    {"en", "English"}, {"fr", "Français"}, {"tr", "Türkçe"},
        {"uk", "Українська"}, {"ru", "Русский"}, {"ar", "العربية"},  {"fa", "فارسی"},
        {"pl", "Polski"},     {"ro", "Română"},  {"it", "Italiano"}, {"es", "Español"},
    };
    for (const auto& [c, name] : kNames) {
        if (c == code) {
            return std::string(name);
        }
    }
    return std::string(code);
}

bool IsRightToLeft(std::string_view code) {
    return code == "ar" || code == "fa" || code == "he" || code == "ur" || code == "ps" ||
           code == "ckb";
}

std::string FormatPlaceholders(
    std::string_view text, std::initializer_list<std::pair<std::string_view, std::string>> args) {
    std::string out;
    out.reserve(text.size() + 16);
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '{') {
            const size_t close = text.find('}', i);
            if (close != std::string_view::npos) {
                const std::string_view name = text.substr(i + 1, close - i - 1);
                bool replaced = false;
                for (const auto& [arg_name, value] : args) {
                    if (arg_name == name) {
                        out += value;
                        replaced = true;
                        break;
                    }
                }
                if (replaced) {
                    i = close + 1;
                    continue;
                }
            }
        }
        out += text[i];
        ++i;
    }
    return out;
}

}  // namespace treffpunkt
