// The kiosk's colours: a default theme (all text >= 4.5:1 against its background) and a
// high-contrast theme (>= 7:1). Colour pairs are listed so a test can check every ratio.
// Depends on Dear ImGui only for applying the style.
#pragma once

#include <string>
#include <vector>

struct ImGuiStyle;

namespace treffpunkt {

struct Rgb {
    float r{0.0f};  // 0..1, sRGB
    float g{0.0f};
    float b{0.0f};
};

struct Theme {
    Rgb background;       // screen background
    Rgb text;             // body text on background
    Rgb text_muted;       // secondary text on background (still >= the required ratio)
    Rgb surface;          // list rows, cards, plain buttons
    Rgb surface_text;     // text on surface
    Rgb surface_pressed;  // surface while a finger is on it
    Rgb border;           // outlines of rows and buttons (decoration, not text)
    Rgb primary;          // main entries, selected chips, the idle dialog's button
    Rgb primary_text;     // text on primary
    Rgb primary_pressed;  // primary while a finger is on it (same text colour)
    Rgb top_bar;          // the bar at the top of every screen
    Rgb top_bar_text;
    Rgb badge_open;  // "Jetzt geöffnet" badge (the word is always written too)
    Rgb badge_open_text;
    Rgb keyboard;  // the on-screen keyboard's background
    Rgb key;       // a letter key
    Rgb key_text;
    Rgb key_special;  // shift, backspace, 123, layout, done
    Rgb key_special_text;
    Rgb scrim;                      // darkens the screen behind the idle question (alpha applied)
    float min_text_contrast{4.5f};  // what this theme promises for every text colour pair
};

Theme DefaultTheme();
Theme HighContrastTheme();

// WCAG 2.x contrast ratio of two sRGB colours, 1..21.
double ContrastRatio(Rgb a, Rgb b);

// Every pair of text colour and background colour the UI draws text in.
struct ColorPair {
    std::string name;
    Rgb text;
    Rgb background;
};
std::vector<ColorPair> TextColorPairs(const Theme& theme);

// Sets ImGui's colours and sizes (in pixels from `em`) for `theme`.
void ApplyTheme(const Theme& theme, float em, ImGuiStyle& style);

}  // namespace treffpunkt
