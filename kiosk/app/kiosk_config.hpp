// The kiosk's settings (config/kiosk.example.toml documents every key with its default).
// Parsing with toml++; unknown keys and bad values are errors that name the key. No UI.
#pragma once

#include <string>
#include <vector>

#include "kiosk/core/rotation.hpp"
#include "kiosk/core/screen_schedule.hpp"
#include "sync/client/sync_config.hpp"
#include "sync/model/result.hpp"

namespace treffpunkt {

enum class TextSize { kNormal = 0, kLarge = 1, kLargest = 2 };

// What draws the picture.
enum class RendererChoice {
    kAuto,      // OpenGL where the display offers direct rendering (a GPU), else kSoftware
    kOpenGl,    // OpenGL 3 (on Xvfb: Mesa's llvmpipe, ~70 MB more memory)
    kSoftware,  // the kiosk's own CPU rasterizer, shown with XPutImage (24-bit X11 display)
};

struct DisplayConfig {
    bool fullscreen{true};  // full screen on the primary monitor; false = a window
    int window_width{800};  // window size in pixels when not full screen
    int window_height{480};
    Rotation rotation{Rotation::k0};  // picture and touch turned clockwise: 0, 90, 180, 270
    double diagonal_in{0.0};  // visible diagonal in inches; 0 = ask the monitor, else 96 dpi
    double dpi{0.0};          // pixels per inch; 0 = from diagonal_in or the monitor
    RendererChoice renderer{RendererChoice::kAuto};  // OpenGL or the CPU rasterizer
};

struct IdleConfig {
    int timeout_s{90};    // seconds without touch before "Sind Sie noch da?"
    int countdown_s{20};  // seconds the question waits before the reset (at least 20)
};

struct VolunteerConfig {
    int idle_s{60};  // seconds without touch until a volunteer is logged out (warning included)
};

struct LanguageConfig {
    std::vector<std::string> offered{"de", "en", "fr", "tr",
                                     "uk", "ru", "ar"};  // language switch, in this order
    std::string default_language{"de"};                  // after start and after every reset
};

struct ThemeConfig {
    bool high_contrast{false};              // start in the high-contrast theme
    TextSize text_size{TextSize::kNormal};  // text size after start and after every reset
};

// "Vorlesen": reading a screen aloud with espeak-ng, offline.
enum class ReadAloudMode {
    kAuto,  // offer it when the kiosk has a sound card (/proc/asound/cards)
    kOn,    // always offer it (e.g. sound through a device that appears later)
    kOff,   // never
};

struct SpeechConfig {
    ReadAloudMode read_aloud{ReadAloudMode::kAuto};  // when the "Vorlesen" button is shown
    int volume_percent{100};  // loudness, percent of espeak-ng's normal volume (0–200)
    int rate_wpm{150};        // speaking rate in words per minute (80–450); espeak's own is 175
};

struct KioskConfig {
    std::string place_id;    // the place this kiosk stands in ("Heute hier"); "" = none
    std::string place_name;  // name on the home screen; "" = the place's name from the data
    std::string data_dir;    // where replica.db lives; "" = DefaultDataDir()
    DisplayConfig display;
    IdleConfig idle;
    LanguageConfig languages;
    ThemeConfig theme;
    SpeechConfig speech;
    SyncConfig sync;                 // [sync]: the hub to sync with (sync/client/sync_config.hpp)
    ScreenSchedule screen_schedule;  // [screen_schedule]: display off at night
    VolunteerConfig volunteer;       // [volunteer]: the volunteers' login on the kiosk
};

// Parses TOML text. Errors ("config.syntax", "config.unknown_key", "config.bad_value") name
// the key, e.g. "display.rotation: must be 0, 90, 180 or 270 (got 45)".
Result<KioskConfig> ParseKioskConfig(const std::string& toml_text);
// Reads and parses a file; "config.io" if it cannot be read.
Result<KioskConfig> LoadKioskConfig(const std::string& path);

// "normal" / "large" / "largest".
std::string TextSizeName(TextSize size);

}  // namespace treffpunkt
