// One finger into Dear ImGui: taps become clicks, drags scroll the area under the finger with
// inertia and never click. Press and release always reach ImGui in separate frames. The
// platform pushes pointer events in logical (already rotated) coordinates.
#pragma once

#include <cstdint>
#include <deque>

#include "kiosk/app/app_state.hpp"
#include "kiosk/core/gesture_recognizer.hpp"
#include "kiosk/ui/label_registry.hpp"

struct ImGuiIO;

namespace treffpunkt {

struct PointerEvent {
    enum class Type { kDown, kMove, kUp, kWheel };
    Type type{Type::kMove};
    float x{0.0f};  // logical pixels
    float y{0.0f};
    float wheel{0.0f};  // kWheel: notches, positive = towards the top
    std::int64_t t_ms{0};
};

class TouchInput {
  public:
    void SetSlopPx(float slop_px) { m_gestures.SetSlopPx(slop_px); }
    void Push(const PointerEvent& event) { m_queue.push_back(event); }
    bool Pending() const { return !m_queue.empty(); }
    // Forgets input not yet handled (the display went dark before the next frame).
    void DropPending() { m_queue.clear(); }

    // Feeds the queued events into `io` for the coming frame, up to the first press/release
    // transition that would need a frame of its own. Drags move the KineticScroll of the area
    // the finger went down on. Returns true if a finger touched the screen (idle timer).
    bool BeginFrame(ImGuiIO& io, std::int64_t now_ms, AppState& state,
                    const LabelRegistry& registry, float wheel_step_px);
    // True while a finger is down.
    bool FingerDown() const { return m_gestures.FingerDown(); }

  private:
    std::deque<PointerEvent> m_queue;
    GestureRecognizer m_gestures;
    int m_area_key{-1};  // scroll area the finger went down on
    bool m_clear_hover_next{false};
};

}  // namespace treffpunkt
