// Fonts for the kiosk: Noto Sans (fonts-noto-core) with DejaVu Sans (fonts-dejavu-core) as
// the fallback and for symbols, plus Noto Sans Arabic for Arabic, rasterised by FreeType at the
// exact pixel size of each text size (rebuilt, never scaled). Depends on Dear ImGui and its
// FreeType builder.
#pragma once

#include <string>
#include <vector>

#include "sync/model/result.hpp"

struct ImFont;
struct ImFontAtlas;

namespace treffpunkt {

// The fonts of one text size.
struct FontSet {
    ImFont* body{nullptr};     // running text
    ImFont* bold{nullptr};     // titles of rows, labels, buttons
    ImFont* title{nullptr};    // screen titles and headings (bold, 1.3 em)
    ImFont* caption{nullptr};  // a symbol key's word where the body size has no room (0.75 em)
    float body_px{0.0f};
};

// Where the font files are; the first existing file of each list wins.
struct FontFiles {
    std::vector<std::string> regular{"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                                     "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"};
    std::vector<std::string> bold{"/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
                                  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"};
    std::vector<std::string> symbols{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"};
    std::vector<std::string> arabic_regular{
        "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf"};
    std::vector<std::string> arabic_bold{"/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf"};
};

// Which scripts the atlas holds besides Latin. Each costs texture memory, so only the scripts
// of the languages the kiosk offers are loaded.
struct FontScripts {
    bool cyrillic{true};  // Ukrainian, Russian, Bulgarian, Serbian
    bool arabic{true};    // Arabic (and Persian): U+0600–U+06FF and the presentation forms
};

// The scripts the UI languages `languages` (two-letter codes) need.
FontScripts ScriptsForLanguages(const std::vector<std::string>& languages);

// The code points every text may use: Latin-1, Latin Extended-A, the Romanian comma letters,
// the punctuation in use („ “ – … • ‹ ›), €, №. Zero-terminated pairs for ImGui.
const unsigned short* TextGlyphRanges();
// Cyrillic for Ukrainian and Russian (U+0400–U+045F, Ґ ґ).
const unsigned short* CyrillicGlyphRanges();
// Arabic letters, digits and marks (U+0600–U+06FF) and the joined forms that shaping
// produces (Arabic Presentation Forms-B, U+FE70–U+FEFF).
const unsigned short* ArabicGlyphRanges();
// Arrows and keyboard symbols (← ⇧ ⌫ ✓ ✕ ▾ ●) taken from the symbol font.
const unsigned short* SymbolGlyphRanges();

// Clears `atlas`, adds the four fonts for `body_px` (see FontSet) and builds the atlas. The font
// files are mapped read-only while the atlas is built and released afterwards, so a running kiosk
// keeps only the glyph bitmaps (and, once the renderer uploaded them, not even those: see
// ImFontAtlas::ClearTexData). Error "font.missing" names the Debian package to install.
Result<FontSet> LoadFonts(ImFontAtlas& atlas, float body_px, const FontFiles& files = {},
                          FontScripts scripts = {});

}  // namespace treffpunkt
