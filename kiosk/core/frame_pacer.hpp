// Decides when the kiosk renders a frame: a few frames after input, every frame while something
// moves, and at requested deadlines (the clock's minute, the idle countdown). Otherwise none.
// Pure logic on an injected monotonic clock (milliseconds); std only, no GLFW, no ImGui.
#pragma once

#include <cstdint>
#include <optional>

namespace treffpunkt {

struct FramePacerSettings {
    int frames_after_input{3};  // ImGui needs 2-3 frames to settle hover/active after an event
    // While something moves, frames are at least this far apart (about 60 per second): a
    // display that does not wait for vertical sync (Xvfb, some compositors) would otherwise
    // let an inertial scroll render hundreds of frames per second.
    std::int64_t animation_frame_ms{16};
};

class FramePacer {
  public:
    explicit FramePacer(FramePacerSettings settings = {}) : m_settings(settings) {}

    // Any input event (pointer, key, wake-up with new data): render a few frames.
    void OnInput();
    // Explicitly ask for `count` more frames (e.g. after the fonts were rebuilt).
    void RequestFrames(int count);
    // True while an animation or an inertial scroll moves: render a frame every
    // animation_frame_ms.
    void SetAnimating(bool animating) { m_animating = animating; }
    // Render one frame at `deadline_ms` (keeps the earliest of several requests until it is due).
    void RequestFrameAt(std::int64_t deadline_ms);

    // Forgets the pending deadline (the caller requests the current ones again).
    void ClearDeadline() { m_deadline_ms.reset(); }
    // True if a frame should be rendered now.
    bool NeedsFrame(std::int64_t now_ms) const;
    // Call after a frame was rendered: consumes one pending frame and any due deadline.
    void OnFrameRendered(std::int64_t now_ms);
    // How long the loop may sleep before the next frame is due: 0 = render now, nullopt =
    // wait for events without a timeout.
    std::optional<std::int64_t> WaitTimeoutMs(std::int64_t now_ms) const;

    int PendingFrames() const { return m_pending; }
    bool Animating() const { return m_animating; }

  private:
    std::int64_t NextAnimationFrameMs() const;

    FramePacerSettings m_settings;
    int m_pending{1};  // the very first frame
    bool m_animating{false};
    std::optional<std::int64_t> m_last_frame_ms;
    std::optional<std::int64_t> m_deadline_ms;
};

}  // namespace treffpunkt
