// Right-to-left text for Dear ImGui, which draws code points left to right exactly as given:
// FriBidi (libfribidi) runs the Unicode bidirectional algorithm over a paragraph, joins Arabic
// letters into their presentation forms (initial, medial, final, isolated; lam-alef
// ligatures), mirrors brackets in right-to-left runs, and reorders each line into the order
// it is drawn in. Line breaking stays with the caller (TextLayout), which measures the shaped
// text. No ImGui here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace treffpunkt {

// True if `text` has a character of a right-to-left script (Hebrew, Arabic, Syriac, Thaana,
// N'Ko and their presentation forms): only such paragraphs need the bidi algorithm.
bool NeedsBidi(std::u32string_view text);

// False for the characters shaping leaves in the text that must not be drawn: direction
// marks, joiners, the filler after a lam-alef ligature, and Arabic vowel marks (the kiosk's
// renderer cannot place marks over their letters, and Arabic reads well without them).
bool IsDrawn(char32_t c);

// The direction of a paragraph.
enum class BidiDirection {
    kAutoLtr,  // from its first strong letter; left to right if it has none
    kAutoRtl,  // from its first strong letter; right to left if it has none
    kLtr,      // forced
    kRtl,      // forced
};

class BidiParagraph {
  public:
    // Analyses one paragraph (no line breaks in it).
    BidiParagraph(std::u32string logical, BidiDirection direction);

    // True if the paragraph as a whole reads right to left.
    bool Rtl() const { return m_rtl; }
    // The paragraph in logical order with Arabic letters replaced by their joined forms and
    // mirrored characters mirrored where they run right to left: the glyphs that will be
    // drawn, for measuring and breaking lines. Same length as the input.
    const std::u32string& Shaped() const { return m_shaped; }
    // The characters [begin, end) of the paragraph as one line, in drawing order (left to
    // right on screen), without the characters IsDrawn rejects.
    std::u32string VisualLine(size_t begin, size_t end) const;

  private:
    std::u32string m_shaped;
    std::vector<std::uint32_t> m_types;  // FriBidiCharType per character
    std::vector<std::int8_t> m_levels;   // FriBidiLevel per character (embedding level)
    std::uint32_t m_base_dir{0};         // resolved FriBidiParType
    bool m_rtl{false};
};

}  // namespace treffpunkt
