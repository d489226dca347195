#include "kiosk/ui/kiosk_ui.hpp"

#include <imgui.h>

#include <algorithm>
#include <utility>

#include "kiosk/app/actions.hpp"
#include "kiosk/ui/screens.hpp"

namespace treffpunkt {

namespace {

// A volunteer's whole time-out is [volunteer] idle_s; its last 20 s (the resident countdown
// at most) ask "Sind Sie noch da?".
IdleSettings VolunteerIdleSettings(const KioskConfig& config) {
    const std::int64_t total_ms = static_cast<std::int64_t>(config.volunteer.idle_s) * 1000;
    const std::int64_t countdown_ms =
        std::min<std::int64_t>(20'000, static_cast<std::int64_t>(config.idle.countdown_s) * 1000);
    return IdleSettings{std::max<std::int64_t>(10'000, total_ms - countdown_ms), countdown_ms};
}

}  // namespace

KioskUi::KioskUi(KioskApp& app, TouchMetrics metrics, FontFiles font_files)
    : m_app(app),
      m_metrics(metrics),
      m_font_files(std::move(font_files)),
      m_idle(IdleSettings{static_cast<std::int64_t>(app.Config().idle.timeout_s) * 1000,
                          static_cast<std::int64_t>(app.Config().idle.countdown_s) * 1000}),
      m_volunteer_idle(VolunteerIdleSettings(app.Config())),
      m_volunteer(app) {
    m_touch.SetSlopPx(metrics.slop_px);
}

Result<void> KioskUi::Init(std::function<void()> upload_fonts) {
    m_upload_fonts = std::move(upload_fonts);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.ConfigInputTextCursorBlink = false;
    io.ConfigWindowsResizeFromEdges = false;
    io.MouseDragThreshold = m_metrics.slop_px;
    return RebuildFonts();
}

Result<void> KioskUi::RebuildFonts() {
    const TextSize size = m_app.State().text_size;
    const float px = m_metrics.body_font_px[static_cast<size_t>(size)];
    auto fonts = LoadFonts(*ImGui::GetIO().Fonts, px, m_font_files,
                           ScriptsForLanguages(m_app.Config().languages.offered));
    if (!fonts) {
        return Unexpected<Error>(fonts.error());
    }
    m_fonts = *fonts;
    m_font_size = size;
    m_text.Clear();
    m_fonts_loaded = true;
    m_theme_applied = false;
    if (m_upload_fonts) {
        m_upload_fonts();
    }
    return Ok();
}

void KioskUi::PushPointer(const PointerEvent& event) {
    if (m_night != nullptr) {
        // While dark, a touch only wakes the display: that whole touch (down to up) does
        // nothing else, and nothing else reaches the screens either.
        if (event.type == PointerEvent::Type::kDown && m_night->OnTouch(event.t_ms)) {
            m_night_swallowing = true;
            m_night_woke = true;
            m_pacer.OnInput();  // the screen as it was left: a clean home
            return;
        }
        if (m_night_swallowing) {
            m_night_swallowing = event.type != PointerEvent::Type::kUp;
            return;
        }
        if (m_night->Dark()) {
            return;
        }
    }
    m_touch.Push(event);
    m_pacer.OnInput();
}

bool KioskUi::TakeNightWake() {
    return std::exchange(m_night_woke, false);
}

void KioskUi::PushText(const std::string& utf8) {
    if (m_app.State().Current().screen == Screen::kOffers ||
        !m_app.State().volunteer.focus.empty()) {
        TypeText(m_app.State(), utf8);
    }
    m_pacer.OnInput();
}

void KioskUi::PushBackspace() {
    Backspace(m_app.State());
    m_pacer.OnInput();
}

void KioskUi::OnDataChanged(UtcTime now) {
    m_app.ReloadData(now);
    m_pacer.OnInput();
}

void KioskUi::OnSyncStatus(SyncStatus status, UtcTime now) {
    m_app.SetSyncStatus(std::move(status), now);
    m_pacer.OnInput();
}

void KioskUi::ResetForNight() {
    m_touch.DropPending();
    m_idle.ResetNow();
    m_app.ResetToHome();
    if (m_speech != nullptr) {
        m_speech->Stop();
    }
    m_pacer.OnInput();
}

bool KioskUi::NeedsFrame(std::int64_t now_ms) const {
    if (m_night != nullptr && m_night->Dark()) {
        return false;  // a dark display draws nothing until a touch wakes it
    }
    // Reading aloud ended (the speech thread woke the loop): "Stopp" turns into "Vorlesen";
    // or the engine could not start: the button goes.
    const bool speech_changed =
        m_speech != nullptr && (m_speech->Speaking() != m_drawn_speaking ||
                                m_speech->Available() != m_drawn_speech_available);
    return m_pacer.NeedsFrame(now_ms) || m_touch.Pending() || speech_changed;
}

std::optional<std::int64_t> KioskUi::WaitTimeoutMs(std::int64_t now_ms) const {
    if (m_night != nullptr && m_night->Dark()) {
        return std::nullopt;
    }
    if (m_touch.Pending()) {
        return 0;
    }
    return m_pacer.WaitTimeoutMs(now_ms);
}

void KioskUi::BuildFrame(std::int64_t now_ms, UtcTime wall, float display_w, float display_h) {
    AppState& state = m_app.State();
    if (!m_fonts_loaded || state.text_size != m_font_size) {
        if (auto r = RebuildFonts(); !r) {
            // Keep the fonts we had; the size switch just does not happen.
            state.text_size = m_font_size;
        }
    }
    if (!m_theme_applied || state.high_contrast != m_theme_high_contrast) {
        m_theme = state.high_contrast ? HighContrastTheme() : DefaultTheme();
        m_theme_high_contrast = state.high_contrast;
        ApplyTheme(m_theme, m_fonts.body_px, ImGui::GetStyle());
        m_theme_applied = true;
    }
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(display_w, display_h);
    const std::int64_t delta_ms = m_frames == 0 ? 16 : now_ms - m_last_frame_ms;
    io.DeltaTime = std::max(0.001f, static_cast<float>(delta_ms) / 1000.0f);
    m_last_frame_ms = now_ms;

    const std::uint64_t generation_before = state.generation;
    if (m_touch.BeginFrame(io, now_ms, state, m_registry, 3.0f * m_fonts.body_px)) {
        m_idle.OnTouch(now_ms);
        m_volunteer_idle.OnTouch(now_ms);
    }
    // A logged-in volunteer has the shorter time-out; its reset logs them out (AppState
    // forgets the login and everything typed) and the resident time-out starts idle.
    const bool volunteer = state.volunteer.LoggedIn();
    IdlePolicy& idle = volunteer ? m_volunteer_idle : m_idle;
    if (idle.Update(now_ms)) {
        m_app.ResetToHome();
        if (volunteer) {
            m_idle = IdlePolicy(m_idle.Settings());
        }
    }
    if (!volunteer) {
        m_volunteer_idle.Update(now_ms);
    }
    state.idle_warning = idle.Phase() == IdlePhase::kWarning;
    state.idle_seconds_left = idle.SecondsLeft(now_ms);
    const bool checking_pin = m_volunteer.Poll(wall);

    bool moving = false;
    for (auto& [screen, scroll] : state.scroll) {
        scroll.Update(now_ms);
        moving = moving || scroll.Moving();
    }
    m_app.Tick(wall);

    m_rows.clear();
    m_text.BeginFrame();
    ScreenContext ctx{m_app, state, m_theme, m_fonts, m_registry, m_qr, m_text, m_rows};
    ctx.volunteer = &m_volunteer;
    ctx.em = m_fonts.body_px;
    ctx.target_px = m_metrics.min_target_px;
    ctx.now = wall;
    ctx.rtl = m_app.RightToLeft();
    ctx.speech_available = m_speech != nullptr && m_speech->Available();
    ctx.speaking = m_speech != nullptr && m_speech->Speaking();
    m_drawn_speaking = ctx.speaking;
    m_drawn_speech_available = ctx.speech_available;
    m_registry.BeginFrame();
    ImGui::NewFrame();
    DrawKiosk(ctx, io.DisplaySize);
    ImGui::Render();
    m_registry.EndFrame();
    ++m_frames;
    if (m_speech != nullptr) {
        if (ctx.read_aloud_tapped) {
            if (ctx.speaking) {
                m_speech->Stop();
            } else {
                m_speech->Speak(ScreenSpeech(m_app, state.Current(), m_rows, wall));
                m_speech_screen = state.Current();
                m_speech_language = state.language;
            }
            m_pacer.OnInput();
        } else if (m_speech->Speaking() &&
                   (state.Current() != m_speech_screen || state.language != m_speech_language)) {
            // Another screen, another language, or the idle reset: stop reading the old one.
            m_speech->Stop();
        }
    }

    // What the next frames need: more while something moves or an action changed the
    // state (the layout settles a frame later), a frame at the next minute for the clock,
    // and at the idle policy's next step.
    m_pacer.SetAnimating(moving);
    if (state.generation != generation_before) {
        m_pacer.OnInput();
    }
    m_pacer.ClearDeadline();
    const std::int64_t wall_s = wall.time_since_epoch().count();
    m_pacer.RequestFrameAt(now_ms + (60 - wall_s % 60) * 1000);
    if (const auto deadline =
            (state.volunteer.LoggedIn() ? m_volunteer_idle : m_idle).NextDeadlineMs(now_ms)) {
        m_pacer.RequestFrameAt(*deadline);
    }
    if (checking_pin || m_volunteer.Checking()) {
        m_pacer.RequestFrameAt(now_ms + 100);  // the "wird geprüft" dots move; the result shows
    }
}

void KioskUi::FrameRendered(std::int64_t now_ms) {
    m_pacer.OnFrameRendered(now_ms);
}

}  // namespace treffpunkt
