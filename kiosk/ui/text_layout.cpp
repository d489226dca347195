#include "kiosk/ui/text_layout.hpp"

#include <cmath>
#include <cstring>
#include <optional>

#include "kiosk/ui/bidi_paragraph.hpp"
#include "sync/model/text.hpp"

namespace treffpunkt {

namespace {

constexpr char32_t kEllipsis = U'…';
// Enough for every string of a few screens; a long scroll through 10,000 rows starts over now
// and then.
constexpr size_t kMaxCachedBlocks = 4096;

struct Range {
    size_t begin{0};
    size_t end{0};
};

// One paragraph: its characters as typed and as drawn (shaped), and its bidi analysis if it
// has right-to-left text.
struct ParagraphText {
    std::u32string logical;
    std::optional<BidiParagraph> bidi;
    const std::u32string& Shaped() const { return bidi ? bidi->Shaped() : logical; }
    bool Rtl() const { return bidi && bidi->Rtl(); }
};

std::u32string Decode(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    size_t pos = 0;
    while (pos < utf8.size()) {
        out.push_back(NextCodePoint(utf8, pos));
    }
    return out;
}

std::string Encode(const std::u32string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char32_t c : text) {
        AppendUtf8(c, out);
    }
    return out;
}

float Advance(const ImFont* font, char32_t c) {
    if (!IsDrawn(c) || c > 0xFFFF) {
        return 0.0f;
    }
    return font->GetCharAdvance(static_cast<ImWchar>(c));
}

float WidthOf(const ImFont* font, const std::u32string& visual) {
    float w = 0.0f;
    for (const char32_t c : visual) {
        w += Advance(font, c);
    }
    return w;
}

// A line may also end after these when a word follows (compounds, web addresses); never
// inside a number ("12/02/2027", "444-123").
bool BreaksAfter(char32_t c, char32_t next) {
    const bool digit = next >= U'0' && next <= U'9';
    return !digit && next != U' ' && (c == U'-' || c == U'/' || c == U'–' || c == U'—');
}

// Greedy line breaking of `s` into lines no wider than `wrap_px` (<= 0: one line). Spaces at
// a break are dropped; a word wider than a line is cut where it overflows.
std::vector<Range> BreakLines(const ImFont* font, const std::u32string& s, float wrap_px) {
    std::vector<Range> out;
    const size_t n = s.size();
    size_t start = 0;
    if (n == 0) {
        out.push_back({0, 0});
        return out;
    }
    while (start < n) {
        float w = 0.0f;
        size_t i = start;
        size_t break_end = 0;
        size_t break_next = 0;
        bool have_break = false;
        while (i < n) {
            const float adv = Advance(font, s[i]);
            if (s[i] == U' ') {
                // A space never breaks the line itself; it may hang past the end.
                w += adv;
                if (i > start) {
                    break_end = i;
                    break_next = i + 1;
                    have_break = true;
                }
                ++i;
                continue;
            }
            if (wrap_px > 0.0f && w + adv > wrap_px && i > start) {
                break;
            }
            w += adv;
            if (i + 1 < n && BreaksAfter(s[i], s[i + 1])) {
                break_end = i + 1;
                break_next = i + 1;
                have_break = true;
            }
            ++i;
        }
        if (i >= n) {
            size_t end = n;
            while (end > start && s[end - 1] == U' ') {
                --end;
            }
            out.push_back({start, end});
            break;
        }
        size_t end = have_break ? break_end : i;
        const size_t next = have_break ? break_next : i;
        while (end > start && s[end - 1] == U' ') {
            --end;
        }
        out.push_back({start, end});
        start = next;
        while (start < n && s[start] == U' ') {
            ++start;
        }
    }
    return out;
}

TextLine MakeLine(const ImFont* font, const ParagraphText& p, Range r) {
    TextLine line;
    std::u32string visual;
    if (p.bidi) {
        visual = p.bidi->VisualLine(r.begin, r.end);
    } else {
        for (size_t i = r.begin; i < r.end; ++i) {
            if (IsDrawn(p.logical[i])) {
                visual.push_back(p.logical[i]);
            }
        }
    }
    line.width_px = WidthOf(font, visual);
    line.visual = Encode(visual);
    line.rtl = p.Rtl();
    return line;
}

// The line starting at `begin` of `p`, cut so that it and "…" fit into `wrap_px`.
TextLine MakeShortenedLine(const ImFont* font, const ParagraphText& p, size_t begin,
                           float wrap_px) {
    const std::u32string& s = p.Shaped();
    const float room = wrap_px > 0.0f ? wrap_px - Advance(font, kEllipsis) : 1e30f;
    float w = 0.0f;
    size_t i = begin;
    size_t last_space = 0;
    bool have_space = false;
    while (i < s.size()) {
        const float adv = Advance(font, s[i]);
        if (s[i] != U' ' && w + adv > room) {
            break;
        }
        if (s[i] == U' ' && i > begin) {
            last_space = i;
            have_space = true;
        }
        w += adv;
        ++i;
    }
    size_t cut = i;
    if (i < s.size() && have_space) {
        cut = last_space;  // at a word, not inside one
    }
    if (cut == begin && begin < s.size()) {
        cut = begin + 1;  // at least one character
    }
    while (cut > begin && (s[cut - 1] == U' ' || s[cut - 1] == U',' || s[cut - 1] == U';' ||
                           s[cut - 1] == U':' || s[cut - 1] == U'،')) {
        --cut;
    }
    ParagraphText shortened;
    shortened.logical.assign(p.logical, begin, cut - begin);
    shortened.logical.push_back(kEllipsis);
    if (p.bidi) {
        shortened.bidi.emplace(shortened.logical,
                               p.bidi->Rtl() ? BidiDirection::kRtl : BidiDirection::kLtr);
    }
    return MakeLine(font, shortened, {0, shortened.Shaped().size()});
}

}  // namespace

float LineHeight(const ImFont* font) {
    return font->FontSize;
}

void TextLayout::BeginFrame() {
    if (m_cache.size() > kMaxCachedBlocks) {
        m_cache.clear();
    }
}

void TextLayout::Clear() {
    m_cache.clear();
}

float TextLayout::Width(ImFont* font, std::string_view text, bool ui_rtl) {
    return Layout(font, text, 0.0f, 0, ui_rtl).width_px;
}

const TextBlock& TextLayout::Layout(ImFont* font, std::string_view text, float wrap_px,
                                    int max_lines, bool ui_rtl) {
    // The key: font, wrap width (half pixels), line limit, direction, text.
    const auto wrap_key =
        static_cast<std::int32_t>(wrap_px > 0.0f ? std::lround(wrap_px * 2.0f) : 0);
    const auto lines_key = static_cast<std::int32_t>(max_lines);
    std::string key;
    key.resize(sizeof(font) + sizeof(wrap_key) + sizeof(lines_key) + 1);
    char* k = key.data();
    std::memcpy(k, &font, sizeof(font));
    std::memcpy(k + sizeof(font), &wrap_key, sizeof(wrap_key));
    std::memcpy(k + sizeof(font) + sizeof(wrap_key), &lines_key, sizeof(lines_key));
    key.back() = ui_rtl ? 'r' : 'l';
    key.append(text);
    if (auto it = m_cache.find(key); it != m_cache.end()) {
        return it->second;
    }

    TextBlock block;
    const float limit = wrap_px > 0.0f ? wrap_px : 0.0f;
    size_t pos = 0;
    bool done = false;
    while (!done) {
        const size_t nl = text.find('\n', pos);
        const std::string_view para =
            text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        ParagraphText p;
        p.logical = Decode(para);
        if (NeedsBidi(p.logical)) {
            p.bidi.emplace(p.logical, ui_rtl ? BidiDirection::kAutoRtl : BidiDirection::kAutoLtr);
        }
        const std::vector<Range> ranges = BreakLines(font, p.Shaped(), limit);
        for (size_t r = 0; r < ranges.size(); ++r) {
            const bool last_allowed =
                max_lines > 0 && block.lines.size() + 1 == static_cast<size_t>(max_lines);
            const bool more = r + 1 < ranges.size() || nl != std::string_view::npos;
            if (last_allowed && more) {
                block.lines.push_back(MakeShortenedLine(font, p, ranges[r].begin, limit));
                block.shortened = true;
                done = true;
                break;
            }
            block.lines.push_back(MakeLine(font, p, ranges[r]));
        }
        if (nl == std::string_view::npos) {
            done = true;
        }
        pos = nl + 1;
    }
    for (const TextLine& l : block.lines) {
        block.width_px = std::max(block.width_px, l.width_px);
    }
    block.height_px = static_cast<float>(block.lines.size()) * LineHeight(font);
    return m_cache.emplace(std::move(key), std::move(block)).first->second;
}

void DrawTextBlock(ImDrawList* dl, ImFont* font, const TextBlock& block, ImVec2 top_left,
                   float box_width_px, ImU32 color, TextAlign align, bool ui_rtl) {
    const float lh = LineHeight(font);
    float y = top_left.y;
    for (const TextLine& line : block.lines) {
        float x = top_left.x;
        if (align == TextAlign::kCenter) {
            x += (box_width_px - line.width_px) * 0.5f;
        } else if (ui_rtl) {
            x += box_width_px - line.width_px;
        }
        if (!line.visual.empty()) {
            // Whole pixels keep the glyphs as crisp as FreeType made them.
            dl->AddText(font, font->FontSize, ImVec2(std::round(x), std::round(y)), color,
                        line.visual.data(), line.visual.data() + line.visual.size());
        }
        y += lh;
    }
}

}  // namespace treffpunkt
