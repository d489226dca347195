#include "kiosk/core/kinetic_scroll.hpp"

#include <algorithm>
#include <cmath>

namespace treffpunkt {

void KineticScroll::BeginDrag(std::int64_t now_ms) {
    m_dragging = true;
    m_velocity_px_s = 0.0;
    m_sample_count = 0;
    m_sample_next = 0;
    m_samples[0] = {now_ms, m_offset_px};
    m_sample_count = 1;
    m_sample_next = 1;
    m_last_update_ms = now_ms;
}

void KineticScroll::DragBy(double finger_dy_px, std::int64_t now_ms) {
    if (!m_dragging) {
        BeginDrag(now_ms);
    }
    m_offset_px -= finger_dy_px;
    Clamp();
    m_samples[static_cast<size_t>(m_sample_next)] = {now_ms, m_offset_px};
    m_sample_next = (m_sample_next + 1) % static_cast<int>(m_samples.size());
    m_sample_count = std::min(m_sample_count + 1, static_cast<int>(m_samples.size()));
    m_last_update_ms = now_ms;
}

void KineticScroll::EndDrag(std::int64_t now_ms) {
    if (!m_dragging) {
        return;
    }
    m_dragging = false;
    m_velocity_px_s = 0.0;
    // Speed over the last sample_window_ms: from the oldest sample inside the window (or the
    // newest one before it) to the newest.
    const int size = static_cast<int>(m_samples.size());
    const int newest = (m_sample_next - 1 + size) % size;
    const Sample last = m_samples[static_cast<size_t>(newest)];
    if (now_ms - last.t_ms > m_settings.sample_window_ms) {
        return;  // the finger rested before lifting: no flick
    }
    Sample first = last;
    for (int i = 1; i < m_sample_count; ++i) {
        const Sample s = m_samples[static_cast<size_t>((newest - i + size) % size)];
        first = s;
        if (now_ms - s.t_ms >= m_settings.sample_window_ms) {
            break;
        }
    }
    const double dt_s = static_cast<double>(last.t_ms - first.t_ms) / 1000.0;
    if (dt_s <= 0.0) {
        return;
    }
    double v = (last.offset_px - first.offset_px) / dt_s;
    v = std::clamp(v, -m_settings.max_speed_px_s, m_settings.max_speed_px_s);
    if (std::abs(v) >= m_settings.min_fling_px_s) {
        m_velocity_px_s = v;
    }
    m_last_update_ms = now_ms;
}

void KineticScroll::Update(std::int64_t now_ms) {
    if (m_dragging || m_velocity_px_s == 0.0) {
        m_last_update_ms = now_ms;
        return;
    }
    const double dt_ms = static_cast<double>(now_ms - m_last_update_ms);
    m_last_update_ms = now_ms;
    if (dt_ms <= 0.0) {
        return;
    }
    // Exact integration of v(t) = v0 * exp(-t / tau): distance = v0 * tau * (1 - exp(-dt/tau)).
    const double tau_s = m_settings.decay_time_ms / 1000.0;
    const double decay = std::exp(-dt_ms / m_settings.decay_time_ms);
    m_offset_px += m_velocity_px_s * tau_s * (1.0 - decay);
    m_velocity_px_s *= decay;
    if (std::abs(m_velocity_px_s) < m_settings.stop_px_s) {
        m_velocity_px_s = 0.0;
    }
    const double before = m_offset_px;
    Clamp();
    if (before != m_offset_px) {
        m_velocity_px_s = 0.0;  // hit the top or the end
    }
}

void KineticScroll::SetMaxOffset(double max_offset_px) {
    m_max_offset_px = std::max(0.0, max_offset_px);
    Clamp();
}

void KineticScroll::ScrollTo(double offset_px) {
    m_offset_px = offset_px;
    m_velocity_px_s = 0.0;
    m_dragging = false;
    Clamp();
}

void KineticScroll::Clamp() {
    m_offset_px = std::clamp(m_offset_px, 0.0, m_max_offset_px);
}

}  // namespace treffpunkt
