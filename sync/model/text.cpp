#include "sync/model/text.hpp"

#include <array>

namespace treffpunkt {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Base letters of U+00C0..U+017F, lower case, diacritics removed (generated from Unicode
// decompositions; letters without a decomposition mapped by hand: ß, æ, ø, ł, ı, œ, þ, ð ...).
// An empty entry is not a letter (× and ÷).
constexpr std::array<const char*, 0x180 - 0xC0> kLatinFold = {
    "a", "a", "a",  "a",  "a", "a", "ae", "c",   // U+00C0
    "e", "e", "e",  "e",  "i", "i", "i",  "i",   // U+00C8
    "d", "n", "o",  "o",  "o", "o", "o",  "",    // U+00D0
    "o", "u", "u",  "u",  "u", "y", "th", "ss",  // U+00D8
    "a", "a", "a",  "a",  "a", "a", "ae", "c",   // U+00E0
    "e", "e", "e",  "e",  "i", "i", "i",  "i",   // U+00E8
    "d", "n", "o",  "o",  "o", "o", "o",  "",    // U+00F0
    "o", "u", "u",  "u",  "u", "y", "th", "y",   // U+00F8
    "a", "a", "a",  "a",  "a", "a", "c",  "c",   // U+0100
    "c", "c", "c",  "c",  "c", "c", "d",  "d",   // U+0108
    "d", "d", "e",  "e",  "e", "e", "e",  "e",   // U+0110
    "e", "e", "e",  "e",  "g", "g", "g",  "g",   // U+0118
    "g", "g", "g",  "g",  "h", "h", "h",  "h",   // U+0120
    "i", "i", "i",  "i",  "i", "i", "i",  "i",   // U+0128
    "i", "i", "ij", "ij", "j", "j", "k",  "k",   // U+0130
    "k", "l", "l",  "l",  "l", "l", "l",  "l",   // U+0138
    "l", "l", "l",  "n",  "n", "n", "n",  "n",   // U+0140
    "n", "n", "n",  "n",  "o", "o", "o",  "o",   // U+0148
    "o", "o", "oe", "oe", "r", "r", "r",  "r",   // U+0150
    "r", "r", "s",  "s",  "s", "s", "s",  "s",   // U+0158
    "s", "s", "t",  "t",  "t", "t", "t",  "t",   // U+0160
    "u", "u", "u",  "u",  "u", "u", "u",  "u",   // U+0168
    "u", "u", "u",  "u",  "w", "w", "y",  "y",   // U+0170
    "y", "z", "z",  "z",  "z", "z", "z",  "s",   // U+0178
};

bool IsContinuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

// Appends the folded form of one code point; ' ' for separators.
void FoldCodePoint(char32_t cp, std::string& out) {
    if (cp < 0x80) {
        const char c = static_cast<char>(cp);
        if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out += c;
        } else {
            out += ' ';
        }
        return;
    }
    if (cp >= 0xC0 && cp < 0x180) {
        const char* folded = kLatinFold[cp - 0xC0];
        out += *folded != '\0' ? folded : " ";
        return;
    }
    if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        cp == kReplacement || (cp >= 0xFE00 && cp <= 0xFE0F) || cp >= 0x1F000) {
        // Latin-1 punctuation and symbols, General Punctuation, currency, arrows, math,
        // dingbats, CJK punctuation, variation selectors, emoji: separators.
        out += ' ';
        return;
    }
    if (cp >= 0x0410 && cp <= 0x042F) {
        AppendUtf8(cp + 0x20, out);  // Cyrillic А..Я -> а..я
        return;
    }
    if (cp >= 0x0400 && cp <= 0x040F) {
        cp += 0x50;  // Ѐ..Џ -> ѐ..џ, then ё -> е below
    }
    if (cp == 0x0451) {
        cp = 0x0435;  // ё -> е, as Russian readers treat them
    }
    if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640) {
        return;  // Arabic vowel marks and tatweel carry no meaning for search
    }
    if (cp >= 0x0300 && cp <= 0x036F) {
        return;  // combining diacritics (decomposed input)
    }
    AppendUtf8(cp, out);
}

}  // namespace

void AppendUtf8(char32_t cp, std::string& out) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

char32_t NextCodePoint(std::string_view text, size_t& pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    size_t length = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        cp = lead & 0x1F;
        min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        cp = lead & 0x0F;
        min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        cp = lead & 0x07;
        min = 0x10000;
    } else {
        ++pos;
        return kReplacement;
    }
    if (pos + length > text.size()) {
        ++pos;
        return kReplacement;
    }
    for (size_t i = 1; i < length; ++i) {
        const auto c = static_cast<unsigned char>(text[pos + i]);
        if (!IsContinuation(c)) {
            ++pos;
            return kReplacement;
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++pos;
        return kReplacement;
    }
    pos += length;
    return cp;
}

bool IsValidUtf8(std::string_view text) {
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t before = pos;
        const char32_t cp = NextCodePoint(text, pos);
        if (cp == kReplacement &&
            !(pos - before == 3 && text.substr(before, 3) == "\xEF\xBF\xBD")) {
            return false;
        }
    }
    return true;
}

std::string SanitizeUtf8(std::string_view text) {
    if (IsValidUtf8(text)) {
        return std::string(text);
    }
    std::string out;
    out.reserve(text.size() + 8);
    size_t pos = 0;
    while (pos < text.size()) {
        AppendUtf8(NextCodePoint(text, pos), out);
    }
    return out;
}

size_t Utf8Length(std::string_view text) {
    size_t count = 0;
    size_t pos = 0;
    while (pos < text.size()) {
        NextCodePoint(text, pos);
        ++count;
    }
    return count;
}

std::string_view Utf8Prefix(std::string_view text, size_t max_code_points) {
    size_t pos = 0;
    for (size_t n = 0; n < max_code_points && pos < text.size(); ++n) {
        NextCodePoint(text, pos);
    }
    return text.substr(0, pos);
}

std::string FoldForSearch(std::string_view text) {
    std::string mapped;
    mapped.reserve(text.size());
    size_t pos = 0;
    while (pos < text.size()) {
        FoldCodePoint(NextCodePoint(text, pos), mapped);
    }
    // ae/oe/ue -> a/o/u (the transliterated umlauts), and collapse runs of spaces.
    std::string out;
    out.reserve(mapped.size());
    for (size_t i = 0; i < mapped.size(); ++i) {
        const char c = mapped[i];
        if (c == ' ') {
            if (!out.empty() && out.back() != ' ') {
                out += ' ';
            }
            continue;
        }
        if (c == 'e' && !out.empty() &&
            (out.back() == 'a' || out.back() == 'o' || out.back() == 'u')) {
            continue;
        }
        out += c;
    }
    if (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

}  // namespace treffpunkt
