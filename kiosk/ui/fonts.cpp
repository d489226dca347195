#include "kiosk/ui/fonts.hpp"

#include <imgui.h>
#include <imgui_freetype.h>

#include <cmath>
#include <filesystem>

namespace treffpunkt {

namespace {

const ImWchar kTextRanges[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement
    0x0100, 0x017F,  // Latin Extended-A (Turkish, Polish, Czech, …)
    0x0218, 0x021B,  // Romanian Ș ș Ț ț
    0x0400, 0x04FF,  // Cyrillic
    0x2000, 0x206F,  // General Punctuation („ “ – — … • ‹ ›)
    0x20AC, 0x20AC,  // €
    0x2116, 0x2116,  // № (Cyrillic texts)
    0,
};

const ImWchar kSymbolRanges[] = {
    0x2190, 0x2193,  // ← ↑ → ↓
    0x21E7, 0x21E7,  // ⇧ shift
    0x232B, 0x232B,  // ⌫ erase to the left
    0x25B4, 0x25BE,  // ▴ ▸ ▾
    0x25CF, 0x25CF,  // ●
    0x2713, 0x2715,  // ✓ ✔ ✕
    0,
};

std::string FirstExisting(const std::vector<std::string>& candidates) {
    for (const std::string& path : candidates) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(path, ec)) {
            return path;
        }
    }
    return {};
}

}  // namespace

const unsigned short* TextGlyphRanges() {
    return kTextRanges;
}
const unsigned short* SymbolGlyphRanges() {
    return kSymbolRanges;
}

Result<FontSet> LoadFonts(ImFontAtlas& atlas, float body_px, const FontFiles& files) {
    const std::string regular = FirstExisting(files.regular);
    const std::string bold = FirstExisting(files.bold);
    const std::string symbols = FirstExisting(files.symbols);
    if (regular.empty() || bold.empty()) {
        return Fail("font.missing",
                    "no font found (looked for Noto Sans and DejaVu Sans); install them with "
                    "'apt-get install fonts-noto-core fonts-dejavu-core'");
    }
    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    atlas.TexGlyphPadding = 1;
    atlas.Flags |= ImFontAtlasFlags_NoMouseCursors;

    auto add = [&](const std::string& path, float px) -> ImFont* {
        ImFontConfig config;
        config.OversampleH = 1;
        config.OversampleV = 1;
        config.PixelSnapH = true;
        ImFont* font = atlas.AddFontFromFileTTF(path.c_str(), px, &config, kTextRanges);
        if (font != nullptr && !symbols.empty()) {
            ImFontConfig merge;
            merge.MergeMode = true;
            merge.OversampleH = 1;
            merge.OversampleV = 1;
            merge.PixelSnapH = true;
            atlas.AddFontFromFileTTF(symbols.c_str(), px, &merge, kSymbolRanges);
        }
        return font;
    };
    FontSet set;
    set.body_px = body_px;
    set.body = add(regular, body_px);
    set.bold = add(bold, body_px);
    set.title = add(bold, std::round(body_px * 1.3f));
    if (set.body == nullptr || set.bold == nullptr || set.title == nullptr) {
        return Fail("font.missing", "cannot read the font files " + regular + " / " + bold +
                                        "; reinstall fonts-noto-core fonts-dejavu-core");
    }
    return set;
}

}  // namespace treffpunkt
