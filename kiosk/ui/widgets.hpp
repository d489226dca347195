// Touch widgets over Dear ImGui: large buttons, chips, list rows, wrapped text, scroll areas
// and QR codes. Sizes come in em (the body font size) with a floor at the 9 mm touch target.
// Every widget with visible text registers its label and rectangle for the script runner.
// All text is laid out by TextLayout (line breaks, "…", right-to-left shaping); in a
// right-to-left UI (ctx.rtl) the widgets mirror: text starts at the right, rows of chips
// flow from right to left, a list row's arrow points left.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/read_aloud.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/label_registry.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"

namespace treffpunkt {

class VolunteerSession;

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
    TextLayout& text;
    std::vector<ShownRow>& visible_rows;   // filled by ListRow while drawing this frame
    VolunteerSession* volunteer{nullptr};  // login and edits (null in tests that draw no UI)
    float em{20.0f};                       // body font size in px
    float target_px{48.0f};                // smallest touch target (9 mm)
    UtcTime now{};                         // wall clock
    bool interactive{true};         // false under the idle question: nothing registers as tappable
    bool rtl{false};                // the UI language reads right to left: layouts mirror
    bool speech_available{false};   // "Vorlesen" can be offered (a sound device, or forced)
    bool speaking{false};           // reading aloud right now (the button says "Stopp")
    bool read_aloud_tapped{false};  // set when "Vorlesen"/"Stopp" was tapped this frame
    bool german_note_shown{false};  // "nur auf Deutsch" is on this screen already
    std::string title_overflow;     // the top bar's title when it did not fit there
    // Rows of chips in a right-to-left layout (FlowNext): the left edge of the last item.
    float flow_x{0.0f};
    float flow_y{0.0f};
    float flow_line_h{0.0f};
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
// Call before each chip/button of a wrapping row; `first` for the first one. In a
// right-to-left UI the row starts at the right edge and grows to the left.
void FlowNext(ScreenContext& ctx, float width, bool first);
// The left and right edge of the current content (the screen's margins and wrap position),
// in screen pixels.
float ContentLeft();
float ContentRight();
// Width a chip / button with this label will take.
float ChipWidth(const ScreenContext& ctx, const std::string& label, bool selected);
float ButtonWidth(const ScreenContext& ctx, const std::string& label, ImFont* font = nullptr);

// A list row of fixed height: a bold title (at most two lines, shortened at a word with "…")
// and a detail line; a row lower than ListRowHeight() shows only the title, on one line.
// Registers the full title; remembers what it shows in ctx.visible_rows when the row is on
// screen. Returns true when tapped.
bool ListRow(ScreenContext& ctx, int index, const std::string& title, const std::string& detail,
             float height);
// Row height that fits ListRow's two title lines and one detail line.
float ListRowHeight(const ScreenContext& ctx);
// Height of a row with one title line and no detail (results while the keyboard is open on a
// small screen); at least the touch target.
float CompactListRowHeight(const ScreenContext& ctx);

// Wrapped text across the available width (to the screen's wrap position); never cut inside
// a word unless one word is wider than the line. Registers the text.
void Paragraph(ScreenContext& ctx, const std::string& text, ImFont* font = nullptr,
               Rgb color = Rgb{-1.0f, 0.0f, 0.0f});
// A content text in the reader's language; where it has no translation, German with a small
// note "nur auf Deutsch" in the reader's language (once per screen: under the first such
// text). Skipped if empty.
void ContentParagraph(ScreenContext& ctx, const LocalizedText& text, ImFont* font = nullptr,
                      Rgb color = Rgb{-1.0f, 0.0f, 0.0f});
// The note under a German text shown to a reader of another language ("only in German").
void OnlyInGermanNote(ScreenContext& ctx);
void Heading(ScreenContext& ctx, const std::string& text);
// A small bold label above a value paragraph ("Kosten" / "Kostenlos"). Skipped if empty.
void Field(ScreenContext& ctx, const std::string& label, const std::string& value);
// Field with a content value (translation or German with the note).
void ContentField(ScreenContext& ctx, const std::string& label, const LocalizedText& value);
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

// `text` laid out in `font` for ctx's direction (see TextLayout::Layout).
const TextBlock& LayoutText(const ScreenContext& ctx, ImFont* font, const std::string& text,
                            float wrap_px = 0.0f, int max_lines = 0);
// Width of `text` as one line in `font`.
float TextWidth(const ScreenContext& ctx, ImFont* font, const std::string& text);
// Draws laid-out text into the box at `top_left`, `box_w` wide (kStart follows ctx.rtl).
void DrawText(const ScreenContext& ctx, ImDrawList* dl, ImFont* font, const TextBlock& block,
              ImVec2 top_left, float box_w, Rgb color, TextAlign align = TextAlign::kStart);
// A small globe drawn with lines (the sign for "language"), `size_px` square at `top_left`.
void DrawGlobe(ImDrawList* dl, ImVec2 top_left, float size_px, ImU32 color);

// Registers the last ImGui item with a label; `shortened` when it is drawn cut with "…".
void RegisterLastItem(ScreenContext& ctx, const std::string& label, bool tappable,
                      bool shortened = false);

}  // namespace treffpunkt
