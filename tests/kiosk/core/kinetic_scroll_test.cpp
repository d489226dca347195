#include "kiosk/core/kinetic_scroll.hpp"

#include <gtest/gtest.h>

namespace treffpunkt {
namespace {

TEST(KineticScroll, ContentFollowsTheFinger) {
    KineticScroll s;
    s.SetMaxOffset(10'000);
    s.BeginDrag(0);
    s.DragBy(-100, 16);  // finger moves up: content scrolls down
    EXPECT_DOUBLE_EQ(s.OffsetPx(), 100);
    s.DragBy(40, 32);
    EXPECT_DOUBLE_EQ(s.OffsetPx(), 60);
    EXPECT_FALSE(s.Moving());
}

TEST(KineticScroll, AFlickKeepsMovingAndSlowsDown) {
    KineticScroll s;
    s.SetMaxOffset(100'000);
    s.BeginDrag(0);
    std::int64_t t = 0;
    for (int i = 0; i < 6; ++i) {
        t += 16;
        s.DragBy(-32, t);  // 2000 px/s upwards
    }
    const double released_at = s.OffsetPx();
    s.EndDrag(t);
    ASSERT_TRUE(s.Moving());
    EXPECT_NEAR(s.VelocityPxS(), 2000, 1);
    double last_v = s.VelocityPxS();
    double last_offset = released_at;
    for (int i = 0; i < 10; ++i) {
        t += 16;
        s.Update(t);
        EXPECT_GT(s.OffsetPx(), last_offset);
        EXPECT_LT(s.VelocityPxS(), last_v);
        last_v = s.VelocityPxS();
        last_offset = s.OffsetPx();
    }
    // It comes to rest by itself after about v * tau = 650 px.
    for (int i = 0; i < 400 && s.Moving(); ++i) {
        t += 16;
        s.Update(t);
    }
    EXPECT_FALSE(s.Moving());
    EXPECT_NEAR(s.OffsetPx() - released_at, 650, 10);
}

TEST(KineticScroll, RestingBeforeLiftingDoesNotFling) {
    KineticScroll s;
    s.SetMaxOffset(1000);
    s.BeginDrag(0);
    s.DragBy(-50, 16);
    s.DragBy(-50, 32);
    s.EndDrag(400);
    EXPECT_FALSE(s.Moving());
}

TEST(KineticScroll, StopsAtTheEnds) {
    KineticScroll s;
    s.SetMaxOffset(300);
    s.BeginDrag(0);
    s.DragBy(-200, 16);
    s.DragBy(-200, 32);
    EXPECT_DOUBLE_EQ(s.OffsetPx(), 300);
    s.EndDrag(32);
    s.Update(48);
    EXPECT_DOUBLE_EQ(s.OffsetPx(), 300);
    EXPECT_FALSE(s.Moving());
    s.BeginDrag(100);
    s.DragBy(1000, 116);
    EXPECT_DOUBLE_EQ(s.OffsetPx(), 0);
    s.ScrollTo(250);
    s.SetMaxOffset(100);  // content shrank
    EXPECT_DOUBLE_EQ(s.OffsetPx(), 100);
    s.Reset();
    EXPECT_DOUBLE_EQ(s.OffsetPx(), 0);
}

}  // namespace
}  // namespace treffpunkt
