// The kiosk's UI runtime on a current ImGui context: fonts per text size, theme, touch input,
// frame pacing, idle reset and drawing the screens. The platform (GLFW + OpenGL) and the
// headless tests drive it the same way: push input, ask NeedsFrame, BuildFrame, render the
// ImGui draw data, FrameRendered.
//
// Thread: the UI thread only; Wake() is the one call the platform forwards from elsewhere
// (through glfwPostEmptyEvent and then OnWake on the UI thread).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/read_aloud.hpp"
#include "kiosk/app/speech_output.hpp"
#include "kiosk/app/volunteer_session.hpp"
#include "kiosk/core/frame_pacer.hpp"
#include "kiosk/core/idle_policy.hpp"
#include "kiosk/core/screen_schedule.hpp"
#include "kiosk/core/touch_metrics.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/label_registry.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/touch_input.hpp"
#include "kiosk/ui/widgets.hpp"

namespace treffpunkt {

class KioskUi {
  public:
    KioskUi(KioskApp& app, TouchMetrics metrics, FontFiles font_files = {});

    // Configures the current ImGui context and loads the fonts. `upload_fonts` is called
    // whenever the font atlas was rebuilt (at start and on every text size change): the
    // renderer uploads the texture then. Error "font.missing" names what to install.
    Result<void> Init(std::function<void()> upload_fonts);

    // The speech engine for "Vorlesen" (owned by the platform; null = no button). The UI stops
    // it when the screen changes or the kiosk resets.
    void SetSpeech(SpeechOutput* speech) { m_speech = speech; }

    void PushPointer(const PointerEvent& event);
    // Text from a physical keyboard (development; residents use the on-screen one).
    void PushText(const std::string& utf8);
    void PushBackspace();
    // New data arrived (the sync thread woke the loop): re-read it and draw.
    void OnDataChanged(UtcTime now);
    // The sync engine's status changed (the loop copies it over on the UI thread): draw it, and
    // re-read the data if the engine brought new data.
    void OnSyncStatus(SyncStatus status, UtcTime now);
    // The display goes dark for the night: a clean home at once (as after the idle reset),
    // reading aloud stopped; the next frame (after waking) draws it.
    void ResetForNight();
    // The night schedule (owned by the platform; null = none): pointer events see it first.
    void SetNight(NightPolicy* night) { m_night = night; }
    // True once after a touch woke the dark display (the platform switches the power on).
    bool TakeNightWake();

    bool NeedsFrame(std::int64_t now_ms) const;
    // How long the loop may sleep; nullopt = until the next event.
    std::optional<std::int64_t> WaitTimeoutMs(std::int64_t now_ms) const;
    // Input, idle, scrolling, layout: one ImGui frame (NewFrame .. Render). `display` is the
    // logical size (after rotation).
    void BuildFrame(std::int64_t now_ms, UtcTime wall, float display_w, float display_h);
    void FrameRendered(std::int64_t now_ms);

    const LabelRegistry& Registry() const { return m_registry; }
    KioskApp& App() { return m_app; }
    IdlePolicy& Idle() { return m_idle; }
    // While a volunteer is logged in: their shorter time-out ([volunteer] idle_s).
    IdlePolicy& VolunteerIdle() { return m_volunteer_idle; }
    VolunteerSession& Volunteer() { return m_volunteer; }
    FramePacer& Pacer() { return m_pacer; }
    const TouchMetrics& Metrics() const { return m_metrics; }
    std::uint64_t FramesBuilt() const { return m_frames; }
    bool InputPending() const { return m_touch.Pending(); }
    const TextLayout& Text() const { return m_text; }

  private:
    Result<void> RebuildFonts();

    KioskApp& m_app;
    TouchMetrics m_metrics;
    FontFiles m_font_files;
    std::function<void()> m_upload_fonts;
    FontSet m_fonts;
    TextSize m_font_size{TextSize::kNormal};
    bool m_fonts_loaded{false};
    Theme m_theme;
    bool m_theme_high_contrast{false};
    bool m_theme_applied{false};
    LabelRegistry m_registry;
    TouchInput m_touch;
    QrCache m_qr;
    TextLayout m_text;
    std::vector<ShownRow> m_rows;  // list rows on screen in the last frame ("Vorlesen")
    SpeechOutput* m_speech{nullptr};
    NightPolicy* m_night{nullptr};
    bool m_night_swallowing{false};  // the touch that woke the display is still down
    bool m_night_woke{false};
    ScreenRef m_speech_screen;             // what is being read aloud
    std::string m_speech_language;         // in which language
    bool m_drawn_speaking{false};          // the "Vorlesen" button as last drawn
    bool m_drawn_speech_available{false};  // whether the button was drawn at all
    FramePacer m_pacer;
    IdlePolicy m_idle;
    IdlePolicy m_volunteer_idle;
    VolunteerSession m_volunteer;
    std::int64_t m_last_frame_ms{0};
    std::uint64_t m_frames{0};
};

}  // namespace treffpunkt
