#include "kiosk/ui/widgets.hpp"

#include <imgui_internal.h>
#include <qrencode.h>

#include <algorithm>
#include <cmath>

namespace treffpunkt {

namespace {

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

void RegisterLastItem(ScreenContext& ctx, const std::string& label, bool tappable, bool shortened) {
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    ctx.registry.Add(label, Clipped(a, b), ToRect(a, b), tappable && ctx.interactive, shortened);
}

const TextBlock& LayoutText(const ScreenContext& ctx, ImFont* font, const std::string& text,
                            float wrap_px, int max_lines) {
    return ctx.text.Layout(font, text, wrap_px, max_lines, ctx.rtl);
}

float TextWidth(const ScreenContext& ctx, ImFont* font, const std::string& text) {
    return ctx.text.Width(font, text, ctx.rtl);
}

void DrawText(const ScreenContext& ctx, ImDrawList* dl, ImFont* font, const TextBlock& block,
              ImVec2 top_left, float box_w, Rgb color, TextAlign align) {
    DrawTextBlock(dl, font, block, top_left, box_w, Col(color), align, ctx.rtl);
}

void DrawGlobe(ImDrawList* dl, ImVec2 top_left, float size_px, ImU32 color) {
    const float r = size_px * 0.5f;
    const ImVec2 c(top_left.x + r, top_left.y + r);
    const float t = std::max(1.0f, size_px * 0.07f);
    dl->AddCircle(c, r - t * 0.5f, color, 32, t);
    dl->AddLine(ImVec2(c.x - r, c.y), ImVec2(c.x + r, c.y), color, t);
    dl->AddLine(ImVec2(c.x, c.y - r), ImVec2(c.x, c.y + r), color, t);
    // The meridians: an ellipse as a polyline.
    ImVec2 pts[24];
    for (int i = 0; i < 24; ++i) {
        const float a = static_cast<float>(i) / 24.0f * 2.0f * 3.14159265f;
        pts[i] = ImVec2(c.x + std::cos(a) * r * 0.45f, c.y + std::sin(a) * (r - t * 0.5f));
    }
    dl->AddPolyline(pts, 24, color, ImDrawFlags_Closed, t);
}

float ButtonWidth(const ScreenContext& ctx, const std::string& label, ImFont* font) {
    ImFont* f = font != nullptr ? font : ctx.fonts.bold;
    return std::max(ctx.target_px, TextWidth(ctx, f, label) + 1.6f * ctx.em);
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
    const float inner = w - 0.8f * ctx.em;
    const TextBlock& text = LayoutText(ctx, f, label, inner, 1);
    DrawText(ctx, dl, f, text, ImVec2(a.x + 0.4f * ctx.em, a.y + (h - text.height_px) * 0.5f),
             inner, fg, TextAlign::kCenter);
    RegisterLastItem(ctx, label, true, text.shortened);
    return tapped;
}

bool EntryTile(ScreenContext& ctx, const char* id, const std::string& title,
               const std::string& hint, ImVec2 size) {
    ImGui::PushID(id);
    const bool tapped = ImGui::InvisibleButton("##tile", size) && ctx.interactive;
    const bool pressed = PressedLook();
    ImGui::PopID();
    const ImVec2 a = ImGui::GetItemRectMin();
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, ImGui::GetItemRectMax(), Col(pressed ? t.primary_pressed : t.primary),
                      0.4f * ctx.em);
    const float pad = 0.6f * ctx.em;
    const float inner = size.x - 2.0f * pad;
    ImFont* tf = ctx.fonts.title;
    const TextBlock& title_text = LayoutText(ctx, tf, title, inner, 2);
    ImFont* hf = ctx.fonts.body;
    const float room = size.y - 2.0f * pad - title_text.height_px;
    const int hint_lines = std::max(0, static_cast<int>((room + 1.0f) / LineHeight(hf)));
    const float top =
        a.y + (size.y - title_text.height_px -
               (hint_lines > 0 ? LayoutText(ctx, hf, hint, inner, hint_lines).height_px : 0.0f)) *
                  0.5f;
    DrawText(ctx, dl, tf, title_text, ImVec2(a.x + pad, top), inner, t.primary_text);
    if (hint_lines > 0) {
        DrawText(ctx, dl, hf, LayoutText(ctx, hf, hint, inner, hint_lines),
                 ImVec2(a.x + pad, top + title_text.height_px), inner, t.primary_text);
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
    const float inner = w - 0.8f * ctx.em;
    const TextBlock& text = LayoutText(ctx, f, shown, inner, 1);
    DrawText(ctx, dl, f, text, ImVec2(a.x + 0.4f * ctx.em, a.y + (h - text.height_px) * 0.5f),
             inner, selected ? t.primary_text : t.surface_text, TextAlign::kCenter);
    RegisterLastItem(ctx, label, true, text.shortened);
    return tapped;
}

float ContentLeft() {
    const ImGuiWindow* window = ImGui::GetCurrentWindow();
    return window->Pos.x + window->DC.Indent.x + window->DC.ColumnsOffset.x;
}

float ContentRight() {
    const ImGuiWindow* window = ImGui::GetCurrentWindow();
    // The wrap position the screen set for its content, else the window's.
    return window->DC.TextWrapPos > 0.0f ? window->Pos.x + window->DC.TextWrapPos - window->Scroll.x
                                         : window->WorkRect.Max.x;
}

void FlowNext(ScreenContext& ctx, float width, bool first) {
    const float spacing_x = ImGui::GetStyle().ItemSpacing.x;
    const float spacing_y = ImGui::GetStyle().ItemSpacing.y;
    if (!ctx.rtl) {
        if (first) {
            return;
        }
        ImGui::SameLine();
        if (ImGui::GetCursorScreenPos().x + width > ContentRight()) {
            ImGui::NewLine();
        }
        return;
    }
    // Right to left: ImGui only lays out to the right, so every item is placed explicitly.
    const float left = ContentLeft();
    const float right = ContentRight();
    float x = right - width;
    float y = ImGui::GetCursorScreenPos().y;
    if (!first) {
        x = ctx.flow_x - spacing_x - width;
        y = ctx.flow_y;
        if (x < left) {
            x = right - width;
            y = ctx.flow_y + ctx.flow_line_h + spacing_y;
        }
    }
    x = std::max(x, left);
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ctx.flow_x = x;
    ctx.flow_y = y;
    ctx.flow_line_h = ButtonHeight(ctx);
}

float ListRowHeight(const ScreenContext& ctx) {
    const float line = LineHeight(ctx.fonts.bold);
    return std::max(ctx.target_px, 2.0f * line + LineHeight(ctx.fonts.body) + 1.1f * ctx.em);
}

float CompactListRowHeight(const ScreenContext& ctx) {
    return std::max(ctx.target_px, LineHeight(ctx.fonts.bold) + 0.7f * ctx.em);
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
    // The text box: after the arrow's room in a right-to-left row.
    const float text_x = ctx.rtl ? a.x + pad + arrow_w : a.x + pad;
    ImFont* bf = ctx.fonts.bold;
    const bool compact = height < ListRowHeight(ctx);
    const TextBlock& t1 = LayoutText(ctx, bf, title, inner, compact ? 1 : 2);
    if (compact) {
        DrawText(ctx, dl, bf, t1, ImVec2(text_x, a.y + (height - t1.height_px) * 0.5f), inner,
                 t.surface_text);
    } else {
        DrawText(ctx, dl, bf, t1, ImVec2(text_x, a.y + pad), inner, t.surface_text);
        ImFont* f = ctx.fonts.body;
        const TextBlock& t2 = LayoutText(ctx, f, detail, inner, 1);
        DrawText(
            ctx, dl, f, t2,
            ImVec2(text_x, a.y + pad + std::max(t1.height_px, LineHeight(bf)) + 0.15f * ctx.em),
            inner, t.text_muted);
    }
    // "More" points the way the reader reads: right, or left in a right-to-left UI.
    const char* arrow = ctx.rtl ? "‹" : "›";
    const float arrow_x = ctx.rtl ? a.x + pad : b.x - pad - arrow_w * 0.6f;
    dl->AddText(bf, bf->FontSize, ImVec2(arrow_x, a.y + (height - bf->FontSize) * 0.5f),
                Col(t.primary), arrow);
    RegisterLastItem(ctx, title, true);
    const Rect visible = Clipped(a, b);
    if (!visible.Empty() && visible.Height() > 0.5f * height) {
        ctx.visible_rows.push_back(ShownRow{title, compact ? std::string() : detail});
    }
    return tapped;
}

void Paragraph(ScreenContext& ctx, const std::string& text, ImFont* font, Rgb color) {
    if (text.empty()) {
        return;
    }
    ImFont* f = font != nullptr ? font : ctx.fonts.body;
    const Rgb c = color.r < 0.0f ? ctx.theme.text : color;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float box = std::max(1.0f, ContentRight() - pos.x);
    const TextBlock& block = LayoutText(ctx, f, text, box);
    // The item covers the text itself (where it sits in the box), so that the registry knows
    // where the words are.
    const float x0 = ctx.rtl ? pos.x + box - block.width_px : pos.x;
    ImGui::SetCursorScreenPos(ImVec2(x0, pos.y));
    ImGui::Dummy(ImVec2(std::max(1.0f, block.width_px), block.height_px));
    DrawText(ctx, ImGui::GetWindowDrawList(), f, block, pos, box, c);
    RegisterLastItem(ctx, text, false);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, ImGui::GetCursorScreenPos().y));
}

void OnlyInGermanNote(ScreenContext& ctx) {
    if (ctx.german_note_shown) {
        return;
    }
    ctx.german_note_shown = true;
    Paragraph(ctx, "(" + ctx.app.Tr("content.only_german") + ")", nullptr, ctx.theme.text_muted);
}

void ContentParagraph(ScreenContext& ctx, const LocalizedText& text, ImFont* font, Rgb color) {
    const std::string& shown = ctx.app.Text(text);
    if (shown.empty()) {
        return;
    }
    Paragraph(ctx, shown, font, color);
    if (ctx.app.OnlyInGerman(text)) {
        OnlyInGermanNote(ctx);
    }
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

void ContentField(ScreenContext& ctx, const std::string& label, const LocalizedText& value) {
    const std::string& shown = ctx.app.Text(value);
    if (shown.empty()) {
        return;
    }
    Field(ctx, label, shown);
    if (ctx.app.OnlyInGerman(value)) {
        OnlyInGermanNote(ctx);
    }
}

void Badge(ScreenContext& ctx, const std::string& text) {
    ImFont* f = ctx.fonts.bold;
    const TextBlock& block = LayoutText(ctx, f, text);
    const ImVec2 pad(0.5f * ctx.em, 0.25f * ctx.em);
    const ImVec2 size(block.width_px + 2.0f * pad.x, block.height_px + 2.0f * pad.y);
    FlowNext(ctx, size.x, true);
    ImGui::Dummy(size);
    const ImVec2 a = ImGui::GetItemRectMin();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, ImVec2(a.x + size.x, a.y + size.y), Col(ctx.theme.badge_open),
                      0.3f * ctx.em);
    DrawText(ctx, dl, f, block, ImVec2(a.x + pad.x, a.y + pad.y), block.width_px,
             ctx.theme.badge_open_text);
    RegisterLastItem(ctx, text, false);
    ImGui::SetCursorScreenPos(ImVec2(ContentLeft(), ImGui::GetCursorScreenPos().y));
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
        // A thin position indicator (not a control: scrolling is by dragging the content), on
        // the side where lines end.
        const ImVec2 a = ImGui::GetWindowPos();
        const float w = ImGui::GetWindowWidth();
        const float bar_h = std::max(ctx.em, visible * visible / (visible + max_offset));
        const float y = a.y + (visible - bar_h) * static_cast<float>(s.OffsetPx()) / max_offset;
        const float x0 = ctx.rtl ? a.x + 0.05f * ctx.em : a.x + w - 0.3f * ctx.em;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->PushClipRectFullScreen();
        dl->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + 0.25f * ctx.em, y + bar_h),
                          Col(ctx.theme.text_muted, 0.6f), 0.15f * ctx.em);
        dl->PopClipRect();
    }
    ImGui::EndChild();
    ImGui::PopID();
}

void QrCode(ScreenContext& ctx, const std::string& payload, float size_px) {
    const QrCache::Code& code = ctx.qr.Get(payload);
    FlowNext(ctx, size_px, true);
    ImGui::Dummy(ImVec2(size_px, size_px));
    ImGui::SetCursorScreenPos(ImVec2(ContentLeft(), ImGui::GetCursorScreenPos().y));
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

}  // namespace treffpunkt
