// Turns one finger's down/move/up into taps and drags. A press becomes a drag once the finger
// moved more than the slop; a drag never becomes a tap. Pure logic; std only.
#pragma once

#include <cstdint>
#include <optional>

namespace treffpunkt {

struct GestureSettings {
    float slop_px{12.0f};  // movement before a press turns into a drag (about 2.5 mm)
};

enum class GestureType {
    kPress,      // finger down: may still become a tap or a drag
    kTap,        // finger lifted without having moved beyond the slop
    kDragStart,  // the press became a drag (the pending tap is cancelled); dx/dy since down
    kDragMove,   // the finger moved during a drag; dx/dy since the last event
    kDragEnd,    // finger lifted after a drag
};

struct Gesture {
    GestureType type{GestureType::kPress};
    float x{0.0f};  // where the finger is now (logical pixels)
    float y{0.0f};
    float start_x{0.0f};  // where the finger went down
    float start_y{0.0f};
    float dx{0.0f};  // movement for kDragStart / kDragMove
    float dy{0.0f};
    std::int64_t t_ms{0};
};

class GestureRecognizer {
  public:
    explicit GestureRecognizer(GestureSettings settings = {}) : m_settings(settings) {}

    std::optional<Gesture> Down(float x, float y, std::int64_t t_ms);
    std::optional<Gesture> Move(float x, float y, std::int64_t t_ms);
    std::optional<Gesture> Up(float x, float y, std::int64_t t_ms);

    bool FingerDown() const { return m_state != State::kUp; }
    bool Dragging() const { return m_state == State::kDragging; }
    void SetSlopPx(float slop_px) { m_settings.slop_px = slop_px; }

  private:
    enum class State { kUp, kPressed, kDragging };
    GestureSettings m_settings;
    State m_state{State::kUp};
    float m_start_x{0.0f};
    float m_start_y{0.0f};
    float m_last_x{0.0f};
    float m_last_y{0.0f};
};

}  // namespace treffpunkt
