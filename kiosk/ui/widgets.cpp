#include "kiosk/ui/widgets.hpp"

#include <imgui_internal.h>
#include <qrencode.h>

#include <algorithm>
#include <cmath>

namespace treffpunkt {

namespace {

constexpr const char* kEllipsis = "…";

Rect ToRect(ImVec2 a, ImVec2 b) {
    return Rect{a.x, a.y, b.x, b.y};
}

Rect Clipped(ImVec2 a, ImVec2 b) {
    const ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 cmin = dl->GetClipRectMin();
    const ImVec2 cmax = dl->GetClipRectMax();
    return Rect{std::max(a.x, cmin.x), std::max(a.y, cmin.y), std::min(b.x, cmax.x),
                std::min(b.y, cmax.y)};
}

// Whether the last item is pressed right now (finger on it, not yet lifted).
bool PressedLook() {
    return ImGui::IsItemActive() && ImGui::IsItemHovered();
}

}  // namespace

const QrCache::Code& QrCache::Get(const std::string& payload) {
    auto it = m_codes.find(payload);
    if (it != m_codes.end()) {
        return it->second;
    }
    Code code;
    QRcode* qr =
        QRcode_encodeData(static_cast<int>(payload.size()),
                          reinterpret_cast<const unsigned char*>(payload.data()), 0, QR_ECLEVEL_M);
    if (qr != nullptr) {
        code.width = qr->width;
        code.dark.resize(static_cast<size_t>(qr->width * qr->width));
        for (size_t i = 0; i < code.dark.size(); ++i) {
            code.dark[i] = qr->data[i] & 1;
        }
        QRcode_free(qr);
    }
    if (m_codes.size() > 32) {
        m_codes.clear();
    }
    return m_codes.emplace(payload, std::move(code)).first->second;
}

ImU32 Col(Rgb c, float alpha) {
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, alpha));
}

float ButtonHeight(const ScreenContext& ctx) {
    return std::max(ctx.target_px, 2.2f * ctx.em);
}

void RegisterLastItem(ScreenContext& ctx, const std::string& label, bool tappable) {
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    ctx.registry.Add(label, Clipped(a, b), ToRect(a, b), tappable && ctx.interactive);
}

float ButtonWidth(const ScreenContext& ctx, const std::string& label, ImFont* font) {
    ImFont* f = font != nullptr ? font : ctx.fonts.bold;
    const float text = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, label.c_str()).x;
    return std::max(ctx.target_px, text + 1.6f * ctx.em);
}

bool TouchButton(ScreenContext& ctx, const char* id, const std::string& label, float width,
                 ButtonKind kind, ImFont* font) {
    ImFont* f = font != nullptr ? font : ctx.fonts.bold;
    const float avail = ImGui::GetContentRegionAvail().x;
    float w = width > 0.0f ? width : ButtonWidth(ctx, label, f);
    w = std::max(std::min(w, avail), ctx.target_px);
    const float h = ButtonHeight(ctx);
    ImGui::PushID(id);
    const bool tapped = ImGui::InvisibleButton("##b", ImVec2(w, h)) && ctx.interactive;
    const bool pressed = PressedLook();
    ImGui::PopID();
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    const Theme& t = ctx.theme;
    const bool primary = kind == ButtonKind::kPrimary;
    const Rgb bg = primary ? (pressed ? t.primary_pressed : t.primary)
                           : (pressed ? t.surface_pressed : t.surface);
    const Rgb fg = primary ? t.primary_text : t.surface_text;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, Col(bg), 0.3f * ctx.em);
    if (!primary) {
        dl->AddRect(a, b, Col(t.border), 0.3f * ctx.em, 0, std::max(1.0f, 0.08f * ctx.em));
    }
    // The label, shortened at a word if the button is narrower than it.
    const std::string shown = ShortenToLines(f, label, w - 0.8f * ctx.em, 1);
    const ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, shown.c_str());
    dl->AddText(f, f->FontSize, ImVec2(a.x + (w - ts.x) * 0.5f, a.y + (h - ts.y) * 0.5f), Col(fg),
                shown.c_str());
    RegisterLastItem(ctx, label, true);
    return tapped;
}

bool EntryTile(ScreenContext& ctx, const char* id, const std::string& title,
               const std::string& hint, ImVec2 size) {
    ImGui::PushID(id);
    const bool tapped = ImGui::InvisibleButton("##tile", size) && ctx.interactive;
    const bool pressed = PressedLook();
    ImGui::PopID();
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, Col(pressed ? t.primary_pressed : t.primary), 0.4f * ctx.em);
    const float pad = 0.6f * ctx.em;
    const float inner = size.x - 2.0f * pad;
    ImFont* tf = ctx.fonts.title;
    const std::string title_shown = ShortenToLines(tf, title, inner, 2);
    const ImVec2 ts = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, inner, title_shown.c_str());
    ImFont* hf = ctx.fonts.body;
    const float room = size.y - 2.0f * pad - ts.y;
    const int hint_lines = std::max(0, static_cast<int>(room / hf->FontSize));
    const std::string hint_shown =
        hint_lines > 0 ? ShortenToLines(hf, hint, inner, std::min(hint_lines, 2)) : std::string();
    const ImVec2 hs = hf->CalcTextSizeA(hf->FontSize, FLT_MAX, inner, hint_shown.c_str());
    const float top = a.y + (size.y - ts.y - hs.y) * 0.5f;
    dl->AddText(tf, tf->FontSize, ImVec2(a.x + pad, top), Col(t.primary_text), title_shown.c_str(),
                nullptr, inner);
    if (!hint_shown.empty()) {
        dl->AddText(hf, hf->FontSize, ImVec2(a.x + pad, top + ts.y), Col(t.primary_text),
                    hint_shown.c_str(), nullptr, inner);
    }
    RegisterLastItem(ctx, title, true);
    return tapped;
}

float ChipWidth(const ScreenContext& ctx, const std::string& label, bool selected) {
    const std::string shown = selected ? "✓ " + label : label;
    return ButtonWidth(ctx, shown, ctx.fonts.body);
}

bool Chip(ScreenContext& ctx, const char* id, const std::string& label, bool selected) {
    const std::string shown = selected ? "✓ " + label : label;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float w = std::min(ChipWidth(ctx, label, selected), std::max(avail, ctx.target_px));
    const float h = ButtonHeight(ctx);
    ImGui::PushID(id);
    const bool tapped = ImGui::InvisibleButton("##chip", ImVec2(w, h)) && ctx.interactive;
    const bool pressed = PressedLook();
    ImGui::PopID();
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float r = 0.5f * h;
    if (selected) {
        dl->AddRectFilled(a, b, Col(pressed ? t.primary_pressed : t.primary), r);
    } else {
        dl->AddRectFilled(a, b, Col(pressed ? t.surface_pressed : t.surface), r);
        dl->AddRect(a, b, Col(t.primary), r, 0, std::max(1.5f, 0.1f * ctx.em));
    }
    ImFont* f = ctx.fonts.body;
    const std::string text = ShortenToLines(f, shown, w - 0.8f * ctx.em, 1);
    const ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, text.c_str());
    dl->AddText(f, f->FontSize, ImVec2(a.x + (w - ts.x) * 0.5f, a.y + (h - ts.y) * 0.5f),
                Col(selected ? t.primary_text : t.surface_text), text.c_str());
    RegisterLastItem(ctx, label, true);
    return tapped;
}

void FlowNext(float width, bool first) {
    if (first) {
        return;
    }
    ImGui::SameLine();
    // The right edge: the wrap position the screen set for its content, else the window's.
    const ImGuiWindow* window = ImGui::GetCurrentWindow();
    const float right = window->DC.TextWrapPos > 0.0f
                            ? window->Pos.x + window->DC.TextWrapPos
                            : ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetCursorScreenPos().x + width > right) {
        ImGui::NewLine();
    }
}

float ListRowHeight(const ScreenContext& ctx) {
    const float line = ctx.fonts.bold->FontSize;
    return std::max(ctx.target_px, 2.0f * line + ctx.fonts.body->FontSize + 1.1f * ctx.em);
}

bool ListRow(ScreenContext& ctx, int index, const std::string& title, const std::string& detail,
             float height) {
    // As wide as the content, with the same margin on the right as on the left.
    const float w = ImGui::GetContentRegionAvail().x - ImGui::GetCursorPosX();
    ImGui::PushID(index);
    const bool tapped = ImGui::InvisibleButton("##row", ImVec2(w, height)) && ctx.interactive;
    const bool pressed = PressedLook();
    ImGui::PopID();
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, Col(pressed ? t.surface_pressed : t.surface), 0.3f * ctx.em);
    dl->AddRect(a, b, Col(t.border), 0.3f * ctx.em, 0, 1.0f);
    const float pad = 0.55f * ctx.em;
    const float arrow_w = 1.2f * ctx.em;
    const float inner = w - 2.0f * pad - arrow_w;
    ImFont* bf = ctx.fonts.bold;
    const std::string t1 = ShortenToLines(bf, title, inner, 2);
    const ImVec2 ts = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, inner, t1.c_str());
    dl->AddText(bf, bf->FontSize, ImVec2(a.x + pad, a.y + pad), Col(t.surface_text), t1.c_str(),
                nullptr, inner);
    ImFont* f = ctx.fonts.body;
    const std::string t2 = ShortenToLines(f, detail, inner, 1);
    dl->AddText(f, f->FontSize,
                ImVec2(a.x + pad, a.y + pad + std::max(ts.y, bf->FontSize) + 0.15f * ctx.em),
                Col(t.text_muted), t2.c_str());
    dl->AddText(bf, bf->FontSize,
                ImVec2(b.x - pad - arrow_w * 0.6f, a.y + (height - bf->FontSize) * 0.5f),
                Col(t.primary), "›");
    RegisterLastItem(ctx, title, true);
    return tapped;
}

void Paragraph(ScreenContext& ctx, const std::string& text, ImFont* font, Rgb color) {
    if (text.empty()) {
        return;
    }
    ImFont* f = font != nullptr ? font : ctx.fonts.body;
    const Rgb c = color.r < 0.0f ? ctx.theme.text : color;
    ImGui::PushFont(f);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c.r, c.g, c.b, 1.0f));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    RegisterLastItem(ctx, text, false);
}

void Heading(ScreenContext& ctx, const std::string& text) {
    Gap(0.4f);
    Paragraph(ctx, text, ctx.fonts.title);
}

void Field(ScreenContext& ctx, const std::string& label, const std::string& value) {
    if (value.empty()) {
        return;
    }
    Gap(0.2f);
    Paragraph(ctx, label, ctx.fonts.bold, ctx.theme.text_muted);
    Paragraph(ctx, value);
}

void Badge(ScreenContext& ctx, const std::string& text) {
    ImFont* f = ctx.fonts.bold;
    const ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, text.c_str());
    const ImVec2 pad(0.5f * ctx.em, 0.25f * ctx.em);
    const ImVec2 size(ts.x + 2.0f * pad.x, ts.y + 2.0f * pad.y);
    ImGui::Dummy(size);
    const ImVec2 a = ImGui::GetItemRectMin();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, ImVec2(a.x + size.x, a.y + size.y), Col(ctx.theme.badge_open),
                      0.3f * ctx.em);
    dl->AddText(f, f->FontSize, ImVec2(a.x + pad.x, a.y + pad.y), Col(ctx.theme.badge_open_text),
                text.c_str());
    RegisterLastItem(ctx, text, false);
}

void Gap(float em_units) {
    ImGui::Dummy(ImVec2(1.0f, em_units * ImGui::GetFontSize()));
}

void BeginScrollArea(ScreenContext& ctx, Screen screen, ImVec2 size) {
    KineticScroll& s = ctx.state.ScrollOf(screen);
    ImGui::SetNextWindowScroll(ImVec2(-1.0f, static_cast<float>(s.OffsetPx())));
    ImGui::PushID(static_cast<int>(screen));
    ImGui::BeginChild("##scroll", size, false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                          ImGuiWindowFlags_NoNav | ImGuiWindowFlags_AlwaysUseWindowPadding);
    const ImVec2 a = ImGui::GetWindowPos();
    const ImVec2 b(a.x + ImGui::GetWindowWidth(), a.y + ImGui::GetWindowHeight());
    ctx.registry.AddScrollArea(static_cast<int>(screen), ToRect(a, b));
}

void EndScrollArea(ScreenContext& ctx, Screen screen) {
    KineticScroll& s = ctx.state.ScrollOf(screen);
    // The content height is known now: the end of what was laid out this frame.
    const float content_bottom = ImGui::GetCursorPosY() + 0.8f * ctx.em;
    const float visible = ImGui::GetWindowHeight();
    const float max_offset = std::max(0.0f, content_bottom - visible);
    s.SetMaxOffset(max_offset);
    if (max_offset > 0.0f) {
        // A thin position indicator (not a control: scrolling is by dragging the content).
        const ImVec2 a = ImGui::GetWindowPos();
        const float w = ImGui::GetWindowWidth();
        const float bar_h = std::max(ctx.em, visible * visible / (visible + max_offset));
        const float y = a.y + (visible - bar_h) * static_cast<float>(s.OffsetPx()) / max_offset;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->PushClipRectFullScreen();
        dl->AddRectFilled(ImVec2(a.x + w - 0.3f * ctx.em, y),
                          ImVec2(a.x + w - 0.05f * ctx.em, y + bar_h),
                          Col(ctx.theme.text_muted, 0.6f), 0.15f * ctx.em);
        dl->PopClipRect();
    }
    ImGui::EndChild();
    ImGui::PopID();
}

void QrCode(ScreenContext& ctx, const std::string& payload, float size_px) {
    const QrCache::Code& code = ctx.qr.Get(payload);
    ImGui::Dummy(ImVec2(size_px, size_px));
    if (code.width == 0) {
        return;
    }
    const ImVec2 a = ImGui::GetItemRectMin();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int quiet = 4;
    const int total = code.width + 2 * quiet;
    const float module = std::floor(size_px / static_cast<float>(total));
    const float drawn = module * static_cast<float>(total);
    const ImVec2 o(std::floor(a.x + (size_px - drawn) * 0.5f),
                   std::floor(a.y + (size_px - drawn) * 0.5f));
    dl->AddRectFilled(o, ImVec2(o.x + drawn, o.y + drawn), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < code.width; ++y) {
        int x = 0;
        while (x < code.width) {
            if (code.dark[static_cast<size_t>(y * code.width + x)] == 0) {
                ++x;
                continue;
            }
            int run = x;
            while (run < code.width && code.dark[static_cast<size_t>(y * code.width + run)] != 0) {
                ++run;
            }
            const ImVec2 p0(o.x + static_cast<float>(x + quiet) * module,
                            o.y + static_cast<float>(y + quiet) * module);
            dl->AddRectFilled(p0,
                              ImVec2(p0.x + static_cast<float>(run - x) * module, p0.y + module),
                              IM_COL32(0, 0, 0, 255));
            x = run;
        }
    }
}

std::string ShortenToLines(ImFont* font, const std::string& text, float width, int max_lines) {
    if (text.empty() || width <= 0.0f) {
        return {};
    }
    const char* s = text.c_str();
    const char* end = s + text.size();
    const char* line = s;
    for (int i = 0; i < max_lines; ++i) {
        if (line >= end) {
            return text;
        }
        const char* wrap = font->CalcWordWrapPositionA(1.0f, line, end, width);
        if (wrap == line) {
            wrap = line + 1;
        }
        if (wrap >= end) {
            return text;
        }
        const char* nl =
            static_cast<const char*>(memchr(line, '\n', static_cast<size_t>(wrap - line)));
        if (i + 1 == max_lines) {
            break;
        }
        line = nl != nullptr ? nl + 1 : wrap;
        while (line < end && *line == ' ') {
            ++line;
        }
    }
    // The last line does not fit: cut at the last word that leaves room for "…".
    const float ell = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, kEllipsis).x;
    const char* wrap = font->CalcWordWrapPositionA(1.0f, line, end, std::max(1.0f, width - ell));
    const char* nl = static_cast<const char*>(memchr(line, '\n', static_cast<size_t>(end - line)));
    if (nl != nullptr && nl < wrap) {
        wrap = nl;
    }
    const char* cut = wrap;
    if (cut < end && *cut != ' ' && *cut != '\n') {
        // Wrapped inside a word (one word wider than the line): back up to a space if any.
        const char* space = cut;
        while (space > line && *(space - 1) != ' ') {
            --space;
        }
        if (space > line) {
            cut = space;
        }
    }
    while (cut > line && (*(cut - 1) == ' ' || *(cut - 1) == ',')) {
        --cut;
    }
    // Never split a UTF-8 sequence.
    while (cut > s && cut < end && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80) {
        --cut;
    }
    return std::string(s, cut) + kEllipsis;
}

}  // namespace treffpunkt
