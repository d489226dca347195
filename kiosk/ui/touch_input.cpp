#include "kiosk/ui/touch_input.hpp"

#include <imgui.h>

#include <cfloat>

namespace treffpunkt {

namespace {
const ImVec2 kNoPointer(-FLT_MAX, -FLT_MAX);
}

bool TouchInput::BeginFrame(ImGuiIO& io, std::int64_t now_ms, AppState& state,
                            const LabelRegistry& registry, float wheel_step_px) {
    bool touched = false;
    bool transition = false;
    if (m_clear_hover_next) {
        io.MousePos = kNoPointer;  // a finger leaves no hover behind
        m_clear_hover_next = false;
    }
    auto area = [&]() -> KineticScroll* {
        return m_area_key >= 0 ? &state.ScrollOf(static_cast<Screen>(m_area_key)) : nullptr;
    };
    while (!m_queue.empty()) {
        const PointerEvent e = m_queue.front();
        const bool is_transition =
            e.type == PointerEvent::Type::kDown || e.type == PointerEvent::Type::kUp;
        if (is_transition && transition) {
            break;  // ImGui must see this press/release in a frame of its own
        }
        m_queue.pop_front();
        switch (e.type) {
            case PointerEvent::Type::kDown: {
                touched = true;
                transition = true;
                m_gestures.Down(e.x, e.y, e.t_ms);
                io.MousePos = ImVec2(e.x, e.y);
                io.MouseDown[0] = true;
                const auto hit = registry.ScrollAreaAt(e.x, e.y);
                m_area_key = hit ? hit->key : -1;
                if (KineticScroll* s = area()) {
                    s->BeginDrag(e.t_ms);  // a finger on a moving list stops it
                }
                break;
            }
            case PointerEvent::Type::kMove: {
                const auto g = m_gestures.Move(e.x, e.y, e.t_ms);
                if (!m_gestures.FingerDown()) {
                    io.MousePos = ImVec2(e.x, e.y);  // a mouse hovering (development)
                    break;
                }
                touched = true;
                if (!g) {
                    break;
                }
                if (g->type == GestureType::kDragStart) {
                    // Cancel ImGui's press: released away from every item, so nothing clicks.
                    io.MousePos = kNoPointer;
                    io.MouseDown[0] = false;
                    transition = true;
                }
                if (KineticScroll* s = area()) {
                    s->DragBy(g->dy, e.t_ms);
                }
                break;
            }
            case PointerEvent::Type::kUp: {
                touched = true;
                const auto g = m_gestures.Up(e.x, e.y, e.t_ms);
                if (g && g->type == GestureType::kTap) {
                    transition = true;
                    io.MousePos = ImVec2(g->x, g->y);
                    io.MouseDown[0] = false;
                    m_clear_hover_next = true;
                    if (KineticScroll* s = area()) {
                        s->EndDrag(e.t_ms);  // no movement: no fling
                    }
                } else if (g && g->type == GestureType::kDragEnd) {
                    if (KineticScroll* s = area()) {
                        s->DragBy(g->dy, e.t_ms);
                        s->EndDrag(e.t_ms);
                    }
                    io.MouseDown[0] = false;
                    io.MousePos = kNoPointer;
                }
                m_area_key = -1;
                break;
            }
            case PointerEvent::Type::kWheel: {
                touched = true;
                if (const auto hit = registry.ScrollAreaAt(e.x, e.y)) {
                    KineticScroll& s = state.ScrollOf(static_cast<Screen>(hit->key));
                    s.ScrollTo(s.OffsetPx() - static_cast<double>(e.wheel * wheel_step_px));
                }
                break;
            }
        }
    }
    (void)now_ms;
    return touched;
}

}  // namespace treffpunkt
