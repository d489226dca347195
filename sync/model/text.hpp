// UTF-8 handling and the text folding behind German search. Standard library only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace treffpunkt {

// True if `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// `text` with every ill-formed sequence replaced by U+FFFD. Valid input is returned unchanged.
std::string SanitizeUtf8(std::string_view text);

// Number of code points in valid UTF-8 (ill-formed bytes count one each).
size_t Utf8Length(std::string_view text);

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string& out);

// Decodes the code point at text[pos], advancing pos. Ill-formed input yields U+FFFD and
// advances by one byte. pos must be < text.size().
char32_t NextCodePoint(std::string_view text, size_t& pos);

// The longest prefix of `text` with at most `max_code_points` code points, never cutting a
// code point in half.
std::string_view Utf8Prefix(std::string_view text, size_t max_code_points);

// Folds text for search so that spellings a German speaker treats as equal compare equal:
// lower case; diacritics removed (é -> e, ł -> l, ş -> s); ä/ae -> a, ö/oe -> o, ü/ue -> u,
// ß -> ss; Cyrillic lower-cased with ё -> е; Arabic vowel marks dropped. Letters and digits
// are kept; everything else becomes a single space between words. No leading/trailing space.
// "Müller" and "Mueller" and "Muller" all fold to "muller"; "Straße" to "strasse".
std::string FoldForSearch(std::string_view text);

}  // namespace treffpunkt
