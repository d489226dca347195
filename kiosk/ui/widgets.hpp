// Touch widgets over Dear ImGui: large buttons, chips, list rows, wrapped text, scroll areas
// and QR codes. Sizes come in em (the body font size) with a floor at the 9 mm touch target.
// Every widget with visible text registers its label and rectangle for the script runner.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/label_registry.hpp"
#include "kiosk/ui/theme.hpp"

namespace treffpunkt {

// QR codes already encoded, by payload (encoding is too slow to repeat every frame).
class QrCache {
  public:
    struct Code {
        int width{0};                     // modules per side, 0 = could not encode
        std::vector<unsigned char> dark;  // width * width, 1 = dark module
    };
    const Code& Get(const std::string& payload);

  private:
    std::map<std::string, Code> m_codes;
};

// What a screen draws with. Built by KioskUi every frame.
struct ScreenContext {
    KioskApp& app;
    AppState& state;
    const Theme& theme;
    const FontSet& fonts;
    LabelRegistry& registry;
    QrCache& qr;
    float em{20.0f};         // body font size in px
    float target_px{48.0f};  // smallest touch target (9 mm)
    UtcTime now{};           // wall clock
    bool interactive{true};  // false under the idle question: nothing registers as tappable
};

ImU32 Col(Rgb c, float alpha = 1.0f);

// Height of a standard button / chip / key: at least the touch target.
float ButtonHeight(const ScreenContext& ctx);

enum class ButtonKind { kPlain, kPrimary };

// A button with a label; width 0 = fit the label. Returns true when tapped.
bool TouchButton(ScreenContext& ctx, const char* id, const std::string& label, float width = 0.0f,
                 ButtonKind kind = ButtonKind::kPlain, ImFont* font = nullptr);
// A large home-screen entry: title and a one-line hint, primary colour.
bool EntryTile(ScreenContext& ctx, const char* id, const std::string& title,
               const std::string& hint, ImVec2 size);
// A filter chip; selected chips are filled and carry a check mark.
bool Chip(ScreenContext& ctx, const char* id, const std::string& label, bool selected);
// Places the next item on the current line if `width` still fits, else starts a new line.
// Call before each chip/button of a wrapping row; `first` for the first one.
void FlowNext(float width, bool first);
// Width a chip / button with this label will take.
float ChipWidth(const ScreenContext& ctx, const std::string& label, bool selected);
float ButtonWidth(const ScreenContext& ctx, const std::string& label, ImFont* font = nullptr);

// A list row of fixed height: a bold title (at most two lines, shortened at a word with "…")
// and a detail line. Registers the full title. Returns true when tapped.
bool ListRow(ScreenContext& ctx, int index, const std::string& title, const std::string& detail,
             float height);
// Row height that fits ListRow's two title lines and one detail line.
float ListRowHeight(const ScreenContext& ctx);

// Wrapped text across the available width; never cut inside a word unless one word is wider
// than the line. Registers the text.
void Paragraph(ScreenContext& ctx, const std::string& text, ImFont* font = nullptr,
               Rgb color = Rgb{-1.0f, 0.0f, 0.0f});
void Heading(ScreenContext& ctx, const std::string& text);
// A small bold label above a value paragraph ("Kosten" / "Kostenlos"). Skipped if empty.
void Field(ScreenContext& ctx, const std::string& label, const std::string& value);
// "Jetzt geöffnet": coloured badge that also says it in words.
void Badge(ScreenContext& ctx, const std::string& text);
void Gap(float em_units);

// A vertical scroll area for `screen` filling `size`, moved by the touch input (kinetic
// scroll), not by ImGui. Always call EndScrollArea.
void BeginScrollArea(ScreenContext& ctx, Screen screen, ImVec2 size);
void EndScrollArea(ScreenContext& ctx, Screen screen);

// Draws `payload` as a QR code `size_px` wide with a white quiet zone (always dark on light,
// also in high contrast, so phones can read it).
void QrCode(ScreenContext& ctx, const std::string& payload, float size_px);

// Shortens `text` to at most `max_lines` lines of `width` px in `font`, at a word boundary,
// ending with "…" if anything was cut.
std::string ShortenToLines(ImFont* font, const std::string& text, float width, int max_lines);

// Registers the last ImGui item with a label.
void RegisterLastItem(ScreenContext& ctx, const std::string& label, bool tappable);

}  // namespace treffpunkt
