#include "kiosk/core/gesture_recognizer.hpp"

namespace treffpunkt {

std::optional<Gesture> GestureRecognizer::Down(float x, float y, std::int64_t t_ms) {
    m_state = State::kPressed;
    m_start_x = m_last_x = x;
    m_start_y = m_last_y = y;
    return Gesture{GestureType::kPress, x, y, x, y, 0.0f, 0.0f, t_ms};
}

std::optional<Gesture> GestureRecognizer::Move(float x, float y, std::int64_t t_ms) {
    switch (m_state) {
        case State::kUp:
            return std::nullopt;  // a mouse hovering; touch screens never send this
        case State::kPressed: {
            const float dx = x - m_start_x;
            const float dy = y - m_start_y;
            if (dx * dx + dy * dy <= m_settings.slop_px * m_settings.slop_px) {
                return std::nullopt;
            }
            m_state = State::kDragging;
            m_last_x = x;
            m_last_y = y;
            return Gesture{GestureType::kDragStart, x, y, m_start_x, m_start_y, dx, dy, t_ms};
        }
        case State::kDragging: {
            const Gesture g{GestureType::kDragMove, x,   y, m_start_x, m_start_y, x - m_last_x,
                            y - m_last_y,           t_ms};
            m_last_x = x;
            m_last_y = y;
            return g;
        }
    }
    return std::nullopt;
}

std::optional<Gesture> GestureRecognizer::Up(float x, float y, std::int64_t t_ms) {
    const State was = m_state;
    m_state = State::kUp;
    switch (was) {
        case State::kUp:
            return std::nullopt;
        case State::kPressed:
            // Report the tap where the finger went down: it moved less than the slop anyway.
            return Gesture{GestureType::kTap, m_start_x, m_start_y, m_start_x,
                           m_start_y,         0.0f,      0.0f,      t_ms};
        case State::kDragging:
            return Gesture{GestureType::kDragEnd, x,   y, m_start_x, m_start_y, x - m_last_x,
                           y - m_last_y,          t_ms};
    }
    return std::nullopt;
}

}  // namespace treffpunkt
