#include "kiosk/ui/bidi_paragraph.hpp"

#include <fribidi.h>

#include <type_traits>

namespace treffpunkt {

static_assert(std::is_same_v<FriBidiChar, std::uint32_t>);
static_assert(sizeof(FriBidiCharType) == sizeof(std::uint32_t));
static_assert(sizeof(FriBidiLevel) == sizeof(std::int8_t));
static_assert(sizeof(FriBidiParType) == sizeof(std::uint32_t));

bool NeedsBidi(std::u32string_view text) {
    for (const char32_t c : text) {
        if ((c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
            (c >= 0xFE70 && c <= 0xFEFE) || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
            (c >= 0x2066 && c <= 0x2069)) {
            return true;
        }
    }
    return false;
}

bool IsDrawn(char32_t c) {
    if (c == FRIBIDI_CHAR_FILL || c == FRIBIDI_CHAR_ZWNJ || c == FRIBIDI_CHAR_ZWJ ||
        c == FRIBIDI_CHAR_LRM || c == FRIBIDI_CHAR_RLM || c == 0x200B ||
        (c >= FRIBIDI_CHAR_LRE && c <= FRIBIDI_CHAR_RLO) ||
        (c >= FRIBIDI_CHAR_LRI && c <= FRIBIDI_CHAR_PDI)) {
        return false;
    }
    // Arabic vowel marks and Quranic annotation signs.
    if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED)) {
        return false;
    }
    return c >= 0x20 && c != 0x7F;
}

BidiParagraph::BidiParagraph(std::u32string logical, BidiDirection direction)
    : m_shaped(std::move(logical)) {
    const auto len = static_cast<FriBidiStrIndex>(m_shaped.size());
    const FriBidiChar* chars = reinterpret_cast<const FriBidiChar*>(m_shaped.data());
    m_types.resize(m_shaped.size());
    m_levels.resize(m_shaped.size());
    auto* types = reinterpret_cast<FriBidiCharType*>(m_types.data());
    auto* levels = reinterpret_cast<FriBidiLevel*>(m_levels.data());
    std::vector<FriBidiBracketType> brackets(m_shaped.size());
    std::vector<FriBidiArabicProp> joining(m_shaped.size());
    fribidi_get_bidi_types(chars, len, types);
    fribidi_get_bracket_types(chars, len, types, brackets.data());
    FriBidiParType base = FRIBIDI_PAR_WLTR;
    switch (direction) {
        case BidiDirection::kAutoLtr:
            base = FRIBIDI_PAR_WLTR;
            break;
        case BidiDirection::kAutoRtl:
            base = FRIBIDI_PAR_WRTL;
            break;
        case BidiDirection::kLtr:
            base = FRIBIDI_PAR_LTR;
            break;
        case BidiDirection::kRtl:
            base = FRIBIDI_PAR_RTL;
            break;
    }
    if (fribidi_get_par_embedding_levels_ex(types, brackets.data(), len, &base, levels) == 0) {
        // Out of memory inside FriBidi: draw the text as it is, left to right.
        std::fill(m_levels.begin(), m_levels.end(), 0);
        base = FRIBIDI_PAR_LTR;
    }
    m_base_dir = base;
    m_rtl = FRIBIDI_IS_RTL(base);
    fribidi_get_joining_types(chars, len, joining.data());
    fribidi_join_arabic(types, len, levels, joining.data());
    fribidi_shape(FRIBIDI_FLAG_SHAPE_MIRRORING | FRIBIDI_FLAGS_ARABIC, levels, len, joining.data(),
                  reinterpret_cast<FriBidiChar*>(m_shaped.data()));
}

std::u32string BidiParagraph::VisualLine(size_t begin, size_t end) const {
    end = std::min(end, m_shaped.size());
    if (begin >= end) {
        return {};
    }
    std::u32string line(m_shaped.begin() + static_cast<long>(begin),
                        m_shaped.begin() + static_cast<long>(end));
    // fribidi_reorder_line works on the whole paragraph's arrays (it resets the levels of
    // the line's trailing spaces); give it copies of the line's own levels and the line.
    std::vector<std::int8_t> levels(m_levels);
    std::u32string paragraph(m_shaped);
    const FriBidiLevel max_level = fribidi_reorder_line(
        FRIBIDI_FLAG_REORDER_NSM, reinterpret_cast<const FriBidiCharType*>(m_types.data()),
        static_cast<FriBidiStrIndex>(end - begin), static_cast<FriBidiStrIndex>(begin), m_base_dir,
        reinterpret_cast<FriBidiLevel*>(levels.data()),
        reinterpret_cast<FriBidiChar*>(paragraph.data()), nullptr);
    if (max_level != 0) {
        line.assign(paragraph.begin() + static_cast<long>(begin),
                    paragraph.begin() + static_cast<long>(end));
    }
    std::u32string out;
    out.reserve(line.size());
    for (const char32_t c : line) {
        if (IsDrawn(c)) {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace treffpunkt
