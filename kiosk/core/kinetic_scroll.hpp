// Drag-to-scroll with inertia for one scrollable area: the content follows the finger, and a
// flick keeps moving and slows down. Pure logic on an injected monotonic clock; std only.
#pragma once

#include <array>
#include <cstdint>

namespace treffpunkt {

struct KineticScrollSettings {
    double decay_time_ms{325.0};         // velocity falls to 1/e in this time after a flick
    double min_fling_px_s{60.0};         // slower releases just stop
    double stop_px_s{12.0};              // an inertial scroll below this speed stops
    double max_speed_px_s{8000.0};       // flicks faster than this are capped
    std::int64_t sample_window_ms{100};  // the flick speed is measured over this last stretch
};

class KineticScroll {
  public:
    explicit KineticScroll(KineticScrollSettings settings = {}) : m_settings(settings) {}

    // Finger down on the area: any inertial motion stops.
    void BeginDrag(std::int64_t now_ms);
    // The finger moved by `finger_dy_px` (down is positive): the content follows it.
    void DragBy(double finger_dy_px, std::int64_t now_ms);
    // Finger lifted: keeps moving with the speed of the last moments.
    void EndDrag(std::int64_t now_ms);
    // Advances an inertial scroll to `now_ms`.
    void Update(std::int64_t now_ms);

    // The largest offset the content allows (content height - visible height), learnt from the
    // last frame. Clamps the offset.
    void SetMaxOffset(double max_offset_px);
    // Jump to an offset (clamped) and stop.
    void ScrollTo(double offset_px);
    // Back to the top, motion stopped.
    void Reset() { ScrollTo(0.0); }

    double OffsetPx() const { return m_offset_px; }
    double VelocityPxS() const { return m_velocity_px_s; }
    bool Dragging() const { return m_dragging; }
    // True while an inertial scroll is under way (the pacer renders every frame then).
    bool Moving() const { return !m_dragging && m_velocity_px_s != 0.0; }

  private:
    struct Sample {
        std::int64_t t_ms{0};
        double offset_px{0.0};
    };
    void Clamp();

    KineticScrollSettings m_settings;
    double m_offset_px{0.0};
    double m_max_offset_px{0.0};
    double m_velocity_px_s{0.0};  // positive = offset grows (content moves up)
    bool m_dragging{false};
    std::int64_t m_last_update_ms{0};
    std::array<Sample, 16> m_samples{};  // ring buffer of recent drag positions
    int m_sample_count{0};
    int m_sample_next{0};
};

}  // namespace treffpunkt
