#include "kiosk/core/frame_pacer.hpp"

#include <algorithm>

namespace treffpunkt {

void FramePacer::OnInput() {
    m_pending = std::max(m_pending, m_settings.frames_after_input);
}

void FramePacer::RequestFrames(int count) {
    m_pending = std::max(m_pending, count);
}

void FramePacer::RequestFrameAt(std::int64_t deadline_ms) {
    if (!m_deadline_ms || deadline_ms < *m_deadline_ms) {
        m_deadline_ms = deadline_ms;
    }
}

bool FramePacer::NeedsFrame(std::int64_t now_ms) const {
    return m_pending > 0 || (m_animating && NextAnimationFrameMs() <= now_ms) ||
           (m_deadline_ms && *m_deadline_ms <= now_ms);
}

std::int64_t FramePacer::NextAnimationFrameMs() const {
    return m_last_frame_ms ? *m_last_frame_ms + m_settings.animation_frame_ms : 0;
}

void FramePacer::OnFrameRendered(std::int64_t now_ms) {
    m_last_frame_ms = now_ms;
    if (m_pending > 0) {
        --m_pending;
    }
    if (m_deadline_ms && *m_deadline_ms <= now_ms) {
        m_deadline_ms.reset();
    }
}

std::optional<std::int64_t> FramePacer::WaitTimeoutMs(std::int64_t now_ms) const {
    if (NeedsFrame(now_ms)) {
        return 0;
    }
    std::optional<std::int64_t> next = m_deadline_ms;
    if (m_animating) {
        next = next ? std::min(*next, NextAnimationFrameMs()) : NextAnimationFrameMs();
    }
    if (next) {
        return *next - now_ms;
    }
    return std::nullopt;
}

}  // namespace treffpunkt
