// Fonts for the kiosk: Noto Sans (fonts-noto-core) with DejaVu Sans (fonts-dejavu-core) as
// the fallback and for symbols, rasterised by FreeType at the exact pixel size of each text
// size (rebuilt, never scaled). Depends on Dear ImGui and its FreeType builder.
#pragma once

#include <string>
#include <vector>

#include "sync/model/result.hpp"

struct ImFont;
struct ImFontAtlas;

namespace treffpunkt {

// The fonts of one text size.
struct FontSet {
    ImFont* body{nullptr};   // running text
    ImFont* bold{nullptr};   // titles of rows, labels, buttons
    ImFont* title{nullptr};  // screen titles and headings (bold, 1.3 em)
    float body_px{0.0f};
};

// Where the font files are; the first existing file of each list wins.
struct FontFiles {
    std::vector<std::string> regular{"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                                     "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"};
    std::vector<std::string> bold{"/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
                                  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"};
    std::vector<std::string> symbols{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"};
};

// The code points every text may use: Latin-1, Latin Extended-A, the Romanian comma letters,
// General Punctuation (incl. „ “ – … •), €, Cyrillic. Zero-terminated pairs for ImGui.
const unsigned short* TextGlyphRanges();
// Arrows and keyboard symbols (← ⇧ ⌫ ✓ ✕ ▾) taken from the symbol font.
const unsigned short* SymbolGlyphRanges();

// Clears `atlas` and adds the three fonts at `body_px`. Error "font.missing" names the
// Debian package to install. Does not build the texture (the caller does, or ImGui on first
// use).
Result<FontSet> LoadFonts(ImFontAtlas& atlas, float body_px, const FontFiles& files = {});

}  // namespace treffpunkt
