#include "kiosk/ui/fonts.hpp"

#include <fcntl.h>
#include <imgui.h>
#include <imgui_freetype.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

namespace treffpunkt {

namespace {

// Only the blocks the texts use: every glyph costs atlas pixels (here, and in the GPU).
const ImWchar kTextRanges[] = {
    0x0020, 0x007E,  // Basic Latin
    0x00A0, 0x00FF,  // Latin-1 Supplement (ä ö ü ß é « »)
    0x0100, 0x017F,  // Latin Extended-A (Turkish ğ ş ı İ, Polish, Czech, …)
    0x0218, 0x021B,  // Romanian Ș ș Ț ț
    0x02BC, 0x02BC,  // ʼ Ukrainian apostrophe (a letter: сімʼя)
    0x2010, 0x2027,  // dashes, quotes „ “ ” ‘ ’, bullet •, ellipsis …
    0x2039, 0x203A,  // ‹ ›
    0x20AC, 0x20AC,  // €
    0x2116, 0x2116,  // № (Cyrillic texts)
    0,
};

const ImWchar kCyrillicRanges[] = {
    0x0400, 0x045F,  // Russian and Ukrainian letters (є і ї ё)
    0x0490, 0x0491,  // Ґ ґ
    0,
};

const ImWchar kArabicRanges[] = {
    0x0600, 0x06FF,  // Arabic: letters, digits, marks, ، ؛ ؟
    0xFE70, 0xFEFF,  // Arabic Presentation Forms-B: the joined forms FriBidi shapes into
    0,
};

const ImWchar kSymbolRanges[] = {
    0x2190, 0x2193,  // ← ↑ → ↓
    0x21E7, 0x21E7,  // ⇧ shift
    0x232B, 0x232B,  // ⌫ erase to the left
    0x25A0, 0x25A0,  // ■ stop
    0x25B4, 0x25BE,  // ▴ ▶ ▸ ▾
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

// A font file mapped read-only: its pages are shared with the page cache, not copied onto our
// heap, and every font of the atlas that uses the file shares one mapping.
class MappedFile {
  public:
    explicit MappedFile(const std::string& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            return;
        }
        struct stat st {};
        if (::fstat(fd, &st) == 0 && st.st_size > 0) {
            void* p =
                ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
            if (p != MAP_FAILED) {
                m_data = p;
                m_size = static_cast<size_t>(st.st_size);
            }
        }
        ::close(fd);
    }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile() {
        if (m_data != nullptr) {
            ::munmap(m_data, m_size);
        }
    }
    void* Data() const { return m_data; }
    int Size() const { return static_cast<int>(m_size); }

  private:
    void* m_data{nullptr};
    size_t m_size{0};
};

}  // namespace

FontScripts ScriptsForLanguages(const std::vector<std::string>& languages) {
    FontScripts s;
    s.cyrillic = false;
    s.arabic = false;
    for (const std::string& l : languages) {
        s.cyrillic = s.cyrillic || l == "uk" || l == "ru" || l == "bg" || l == "sr";
        s.arabic = s.arabic || l == "ar" || l == "fa";
    }
    return s;
}

const unsigned short* TextGlyphRanges() {
    return kTextRanges;
}
const unsigned short* CyrillicGlyphRanges() {
    return kCyrillicRanges;
}
const unsigned short* ArabicGlyphRanges() {
    return kArabicRanges;
}
const unsigned short* SymbolGlyphRanges() {
    return kSymbolRanges;
}

Result<FontSet> LoadFonts(ImFontAtlas& atlas, float body_px, const FontFiles& files,
                          FontScripts scripts) {
    const std::string regular = FirstExisting(files.regular);
    const std::string bold = FirstExisting(files.bold);
    const std::string symbols = FirstExisting(files.symbols);
    if (regular.empty() || bold.empty()) {
        return Fail("font.missing",
                    "no font found (looked for Noto Sans and DejaVu Sans); install them with "
                    "'apt-get install fonts-noto-core fonts-dejavu-core'");
    }
    std::string arabic_regular;
    std::string arabic_bold;
    if (scripts.arabic) {
        arabic_regular = FirstExisting(files.arabic_regular);
        arabic_bold = FirstExisting(files.arabic_bold);
        if (arabic_regular.empty() || arabic_bold.empty()) {
            return Fail("font.missing",
                        "no Arabic font found (looked for Noto Sans Arabic); install it with "
                        "'apt-get install fonts-noto-core'");
        }
    }
    // Each file once, however many fonts use it; unmapped when this function returns.
    std::map<std::string, MappedFile> mapped;
    auto file = [&](const std::string& path) -> const MappedFile& {
        return mapped.try_emplace(path, path).first->second;
    };

    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    atlas.TexGlyphPadding = 1;
    // No mouse cursors (a touch screen); no rounding of the height up to a power of two,
    // which could double the texture for nothing.
    atlas.Flags |= ImFontAtlasFlags_NoMouseCursors | ImFontAtlasFlags_NoPowerOfTwoHeight;

    // Arabic letters are drawn small for their size (Noto Sans Arabic's body is about four
    // fifths of Noto Sans's x-height): a quarter more makes both read alike. The baseline stays.
    constexpr float kArabicScale = 1.25f;
    bool ok = true;
    auto add = [&](const std::string& path, float px, const ImWchar* ranges,
                   bool merge) -> ImFont* {
        const MappedFile& f = file(path);
        if (f.Data() == nullptr) {
            ok = false;
            return nullptr;
        }
        ImFontConfig config;
        config.FontDataOwnedByAtlas = false;  // our mapping, released after the build
        config.MergeMode = merge;
        config.OversampleH = 1;
        config.OversampleV = 1;
        config.PixelSnapH = true;
        ImFont* font = atlas.AddFontFromMemoryTTF(f.Data(), f.Size(), px, &config, ranges);
        // ImGui 1.86 copies font data it does not own onto the heap, once per font added (a
        // dozen copies, ~6 MB at start-up): give it back and let the font read the mapping.
        ImFontConfig& added = atlas.ConfigData.back();
        if (added.FontDataOwnedByAtlas && added.FontData != f.Data()) {
            ImGui::MemFree(added.FontData);
            added.FontData = f.Data();
            added.FontDataOwnedByAtlas = false;
        }
        return font;
    };
    auto add_font = [&](const std::string& main, const std::string& arabic, float px) -> ImFont* {
        ImFont* font = add(main, px, kTextRanges, false);
        if (font == nullptr) {
            return nullptr;
        }
        if (scripts.cyrillic) {
            add(main, px, kCyrillicRanges, true);
        }
        if (scripts.arabic) {
            add(arabic, std::round(px * kArabicScale), kArabicRanges, true);
        }
        if (!symbols.empty()) {
            add(symbols, px, kSymbolRanges, true);
        }
        return font;
    };
    FontSet set;
    set.body_px = body_px;
    set.body = add_font(regular, arabic_regular, body_px);
    set.bold = add_font(bold, arabic_bold, body_px);
    set.title = add_font(bold, arabic_bold, std::round(body_px * 1.3f));
    // Never below the smallest body size a panel gets (TouchMetricSettings::min_font_px).
    set.caption = add_font(regular, arabic_regular, std::max(14.0f, std::round(body_px * 0.75f)));
    if (!ok || set.body == nullptr || set.bold == nullptr || set.title == nullptr ||
        set.caption == nullptr || !atlas.Build()) {
        atlas.Clear();
        return Fail("font.missing", "cannot read the font files " + regular + " / " + bold +
                                        "; reinstall fonts-noto-core fonts-dejavu-core");
    }
    // The glyphs are rasterised: the font files and their settings are not needed any more
    // (the next text size builds a new atlas from the files).
    atlas.ClearInputData();
    return set;
}

}  // namespace treffpunkt
