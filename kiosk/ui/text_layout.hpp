// Every string the kiosk draws goes through here: broken into lines that fit a width (at
// spaces, never inside a word unless the word alone is wider than the line), shortened with
// "…" to a number of lines, measured with the font, and, for right-to-left scripts, shaped
// and put into drawing order by BidiParagraph. Dear ImGui then draws each line as given.
// Laid-out text is cached: screens lay out the same strings every frame.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <imgui.h>

namespace treffpunkt {

struct TextLine {
    std::string visual;    // UTF-8 in drawing order, for ImDrawList::AddText
    float width_px{0.0f};  // as drawn
    bool rtl{false};       // from a right-to-left paragraph
};

struct TextBlock {
    std::vector<TextLine> lines;  // at least one (empty text: one empty line)
    float width_px{0.0f};         // the widest line
    float height_px{0.0f};        // lines * line height
    bool shortened{false};        // cut to max_lines; the last line ends with "…"
};

// Where lines sit in the box they are drawn into.
enum class TextAlign {
    kStart,   // left in a left-to-right UI, right in a right-to-left UI
    kCenter,  // centred
};

class TextLayout {
  public:
    // `text` (UTF-8; "\n" starts a paragraph) in `font` at its size, broken into lines of at
    // most `wrap_px` (<= 0: no wrapping), at most `max_lines` lines (0: all). `ui_rtl` is the
    // direction of paragraphs without letters. The reference stays valid until BeginFrame.
    const TextBlock& Layout(ImFont* font, std::string_view text, float wrap_px, int max_lines,
                            bool ui_rtl);
    // Width of `text` as one line.
    float Width(ImFont* font, std::string_view text, bool ui_rtl);
    // Call once per frame before any Layout: drops the cache when it has grown large.
    void BeginFrame();
    // Drops everything (the fonts were rebuilt: ImFont pointers and widths changed).
    void Clear();
    size_t CachedBlocks() const { return m_cache.size(); }

  private:
    std::unordered_map<std::string, TextBlock> m_cache;
};

// The line height of `font` (ImGui's: its size).
float LineHeight(const ImFont* font);

// Draws `block` into the box starting at `top_left`, `box_width_px` wide, each line aligned
// as asked (kStart follows the UI's direction).
void DrawTextBlock(ImDrawList* dl, ImFont* font, const TextBlock& block, ImVec2 top_left,
                   float box_width_px, ImU32 color, TextAlign align, bool ui_rtl);

}  // namespace treffpunkt
