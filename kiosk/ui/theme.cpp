#include "kiosk/ui/theme.hpp"

#include <imgui.h>

#include <cmath>

namespace treffpunkt {

namespace {

constexpr Rgb Hex(unsigned v) {
    return Rgb{static_cast<float>((v >> 16) & 0xFF) / 255.0f,
               static_cast<float>((v >> 8) & 0xFF) / 255.0f, static_cast<float>(v & 0xFF) / 255.0f};
}

double Linear(float c) {
    const double v = c;
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

double Luminance(Rgb c) {
    return 0.2126 * Linear(c.r) + 0.7152 * Linear(c.g) + 0.0722 * Linear(c.b);
}

ImVec4 Vec(Rgb c, float a = 1.0f) {
    return ImVec4(c.r, c.g, c.b, a);
}

}  // namespace

Theme DefaultTheme() {
    Theme t;
    t.background = Hex(0xF4F1EA);
    t.text = Hex(0x1C1C1C);
    t.text_muted = Hex(0x4A4A4A);
    t.surface = Hex(0xFFFFFF);
    t.surface_text = Hex(0x1C1C1C);
    t.surface_pressed = Hex(0xD6E2EE);
    t.border = Hex(0x8A8A8A);
    t.primary = Hex(0x0A4F8F);
    t.primary_text = Hex(0xFFFFFF);
    t.primary_pressed = Hex(0x073866);
    t.top_bar = Hex(0x0A3A66);
    t.top_bar_text = Hex(0xFFFFFF);
    t.badge_open = Hex(0x1B6E35);
    t.badge_open_text = Hex(0xFFFFFF);
    t.keyboard = Hex(0xD4D0C8);
    t.key = Hex(0xFFFFFF);
    t.key_text = Hex(0x1C1C1C);
    t.key_special = Hex(0xB9C3CE);
    t.key_special_text = Hex(0x1C1C1C);
    t.scrim = Hex(0x000000);
    t.min_text_contrast = 4.5f;
    return t;
}

Theme HighContrastTheme() {
    Theme t;
    t.background = Hex(0x000000);
    t.text = Hex(0xFFFFFF);
    t.text_muted = Hex(0xE6E6E6);
    t.surface = Hex(0x000000);
    t.surface_text = Hex(0xFFFFFF);
    t.surface_pressed = Hex(0x333333);
    t.border = Hex(0xFFFFFF);
    t.primary = Hex(0xFFE500);
    t.primary_text = Hex(0x000000);
    t.primary_pressed = Hex(0xFFFFFF);
    t.top_bar = Hex(0x000000);
    t.top_bar_text = Hex(0xFFE500);
    t.badge_open = Hex(0x00E05A);
    t.badge_open_text = Hex(0x000000);
    t.keyboard = Hex(0x000000);
    t.key = Hex(0x1F1F1F);
    t.key_text = Hex(0xFFFFFF);
    t.key_special = Hex(0x3A3A3A);
    t.key_special_text = Hex(0xFFFFFF);
    t.scrim = Hex(0x000000);
    t.min_text_contrast = 7.0f;
    return t;
}

double ContrastRatio(Rgb a, Rgb b) {
    double la = Luminance(a);
    double lb = Luminance(b);
    if (la < lb) {
        std::swap(la, lb);
    }
    return (la + 0.05) / (lb + 0.05);
}

std::vector<ColorPair> TextColorPairs(const Theme& t) {
    return {
        {"text on background", t.text, t.background},
        {"muted text on background", t.text_muted, t.background},
        {"primary-coloured text on background", t.primary, t.background},
        {"text on surface", t.surface_text, t.surface},
        {"muted text on surface", t.text_muted, t.surface},
        {"primary-coloured text on surface", t.primary, t.surface},
        {"text on pressed surface", t.surface_text, t.surface_pressed},
        {"text on primary", t.primary_text, t.primary},
        {"text on pressed primary", t.primary_text, t.primary_pressed},
        {"top bar text", t.top_bar_text, t.top_bar},
        {"open badge", t.badge_open_text, t.badge_open},
        {"key text", t.key_text, t.key},
        {"special key text", t.key_special_text, t.key_special},
        {"text on keyboard background", t.text, t.keyboard},
    };
}

void ApplyTheme(const Theme& t, float em, ImGuiStyle& style) {
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(0.0f, 0.0f);
    style.WindowRounding = 0.0f;
    style.WindowBorderSize = 0.0f;
    style.ChildBorderSize = 0.0f;
    style.FramePadding = ImVec2(0.5f * em, 0.3f * em);
    style.ItemSpacing = ImVec2(0.4f * em, 0.4f * em);
    style.ItemInnerSpacing = ImVec2(0.3f * em, 0.3f * em);
    style.FrameRounding = 0.3f * em;
    style.ScrollbarSize = 0.0f;
    style.AntiAliasedFill = true;
    style.AntiAliasedLines = true;
    style.DisabledAlpha = 1.0f;  // nothing is greyed out: text keeps its contrast
    style.TouchExtraPadding = ImVec2(0.0f, 0.0f);
    style.Colors[ImGuiCol_Text] = Vec(t.text);
    style.Colors[ImGuiCol_TextDisabled] = Vec(t.text_muted);
    style.Colors[ImGuiCol_WindowBg] = Vec(t.background);
    style.Colors[ImGuiCol_ChildBg] = Vec(t.background, 0.0f);
    style.Colors[ImGuiCol_PopupBg] = Vec(t.surface);
    style.Colors[ImGuiCol_Border] = Vec(t.border);
    style.Colors[ImGuiCol_FrameBg] = Vec(t.surface);
    style.Colors[ImGuiCol_Button] = Vec(t.surface);
    style.Colors[ImGuiCol_ButtonHovered] = Vec(t.surface);
    style.Colors[ImGuiCol_ButtonActive] = Vec(t.surface_pressed);
    style.Colors[ImGuiCol_NavHighlight] = Vec(t.primary, 0.0f);
}

}  // namespace treffpunkt
