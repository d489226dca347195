#include "kiosk/core/frame_pacer.hpp"

#include <gtest/gtest.h>

namespace treffpunkt {
namespace {

// Runs the loop the platform runs, with a fake clock: render while NeedsFrame, else jump ahead
// by the wait timeout (or stop when the loop would wait forever).
int FramesUntil(FramePacer& pacer, std::int64_t& now_ms, std::int64_t end_ms) {
    int frames = 0;
    while (now_ms < end_ms) {
        if (pacer.NeedsFrame(now_ms)) {
            pacer.OnFrameRendered(now_ms);
            ++frames;
            now_ms += 16;
            continue;
        }
        const auto wait = pacer.WaitTimeoutMs(now_ms);
        if (!wait) {
            break;
        }
        now_ms += *wait;
    }
    return frames;
}

TEST(FramePacer, RendersTheFirstFrameThenNothingWhileIdle) {
    FramePacer pacer;
    std::int64_t now = 0;
    EXPECT_EQ(FramesUntil(pacer, now, 60'000), 1);
    EXPECT_FALSE(pacer.NeedsFrame(now));
    EXPECT_FALSE(pacer.WaitTimeoutMs(now).has_value());
}

TEST(FramePacer, InputGivesAFewFrames) {
    FramePacer pacer(FramePacerSettings{3});
    std::int64_t now = 0;
    FramesUntil(pacer, now, 1000);
    pacer.OnInput();
    EXPECT_EQ(FramesUntil(pacer, now, 2000), 3);
    pacer.OnInput();
    pacer.OnInput();  // does not stack up
    EXPECT_EQ(FramesUntil(pacer, now, 3000), 3);
}

TEST(FramePacer, AnimationRendersEveryFrameUntilItStops) {
    FramePacer pacer;
    std::int64_t now = 0;
    FramesUntil(pacer, now, 100);
    pacer.SetAnimating(true);
    EXPECT_EQ(FramesUntil(pacer, now, now + 160), 10);
    pacer.SetAnimating(false);
    EXPECT_EQ(FramesUntil(pacer, now, now + 10'000), 0);
}

TEST(FramePacer, AnimationFramesAreAtMostSixtyASecondWithoutVsync) {
    // A renderer that does not wait for the display (Xvfb): a frame takes 1 ms.
    FramePacer pacer;
    std::int64_t now = 0;
    FramesUntil(pacer, now, 100);
    pacer.SetAnimating(true);
    int frames = 0;
    const std::int64_t end = now + 1000;
    while (now < end) {
        if (pacer.NeedsFrame(now)) {
            pacer.OnFrameRendered(now);
            ++frames;
            now += 1;
            continue;
        }
        const auto wait = pacer.WaitTimeoutMs(now);
        ASSERT_TRUE(wait.has_value());
        ASSERT_GT(*wait, 0);
        now += *wait;
    }
    EXPECT_GE(frames, 60);
    EXPECT_LE(frames, 63);
    // Input is answered at once, not at the next animation frame.
    pacer.OnFrameRendered(now);
    pacer.OnInput();
    EXPECT_TRUE(pacer.NeedsFrame(now + 1));
}

TEST(FramePacer, DeadlineGivesOneFrameAtThatTime) {
    FramePacer pacer;
    std::int64_t now = 0;
    FramesUntil(pacer, now, 100);
    pacer.RequestFrameAt(60'000);
    pacer.RequestFrameAt(90'000);  // the earlier one is kept
    EXPECT_EQ(*pacer.WaitTimeoutMs(now), 60'000 - now);
    EXPECT_EQ(FramesUntil(pacer, now, 59'999), 0);
    now = 60'000;
    EXPECT_TRUE(pacer.NeedsFrame(now));
    pacer.OnFrameRendered(now);
    EXPECT_FALSE(pacer.NeedsFrame(now));
}

}  // namespace
}  // namespace treffpunkt
