// When nobody has touched the kiosk for a while, ask "Sind Sie noch da?" with a countdown, then
// reset to a clean home screen. Pure logic on an injected monotonic clock; std only.
#pragma once

#include <cstdint>
#include <optional>

namespace treffpunkt {

struct IdleSettings {
    std::int64_t timeout_ms{90'000};    // time without touch before the question appears
    std::int64_t countdown_ms{20'000};  // how long the question waits before the reset (>= 20 s)
};

enum class IdlePhase {
    kActive,   // someone is using the kiosk
    kWarning,  // "Sind Sie noch da?" is shown with a countdown
    kIdle,     // reset done; nobody is there (no countdown, no frames)
};

class IdlePolicy {
  public:
    explicit IdlePolicy(IdleSettings settings = {}) : m_settings(settings) {}

    // A touch anywhere (also the "Ja, weiter" button): back to kActive.
    void OnTouch(std::int64_t now_ms);
    // Advances the phase. Returns true exactly once when the countdown ran out: the caller
    // resets the app to home then.
    bool Update(std::int64_t now_ms);
    // The kiosk was reset from elsewhere (the night schedule): nobody is there.
    void ResetNow() { m_phase = IdlePhase::kIdle; }

    IdlePhase Phase() const { return m_phase; }
    // Whole seconds left in the countdown (rounded up), 0 outside kWarning.
    int SecondsLeft(std::int64_t now_ms) const;
    // When the next visible change happens (warning appears, countdown ticks, reset), for the
    // frame pacer; nullopt in kIdle.
    std::optional<std::int64_t> NextDeadlineMs(std::int64_t now_ms) const;
    const IdleSettings& Settings() const { return m_settings; }

  private:
    IdleSettings m_settings;
    IdlePhase m_phase{IdlePhase::kIdle};
    std::int64_t m_last_touch_ms{0};
};

}  // namespace treffpunkt
