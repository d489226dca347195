#include "kiosk/core/gesture_recognizer.hpp"

#include <gtest/gtest.h>

namespace treffpunkt {
namespace {

TEST(GestureRecognizer, PressAndLiftIsATap) {
    GestureRecognizer g(GestureSettings{12.0f});
    auto press = g.Down(100, 200, 0);
    ASSERT_TRUE(press);
    EXPECT_EQ(press->type, GestureType::kPress);
    EXPECT_FALSE(g.Move(105, 203, 10));  // within the slop
    auto tap = g.Up(106, 204, 80);
    ASSERT_TRUE(tap);
    EXPECT_EQ(tap->type, GestureType::kTap);
    EXPECT_FLOAT_EQ(tap->x, 100);
    EXPECT_FLOAT_EQ(tap->y, 200);
}

TEST(GestureRecognizer, ADragNeverTriggersATap) {
    GestureRecognizer g(GestureSettings{12.0f});
    g.Down(100, 200, 0);
    auto start = g.Move(100, 180, 16);
    ASSERT_TRUE(start);
    EXPECT_EQ(start->type, GestureType::kDragStart);
    EXPECT_FLOAT_EQ(start->dy, -20);
    auto move = g.Move(100, 150, 32);
    ASSERT_TRUE(move);
    EXPECT_EQ(move->type, GestureType::kDragMove);
    EXPECT_FLOAT_EQ(move->dy, -30);
    // Coming back to the start point does not make it a tap.
    g.Move(100, 200, 48);
    auto end = g.Up(100, 200, 64);
    ASSERT_TRUE(end);
    EXPECT_EQ(end->type, GestureType::kDragEnd);
    EXPECT_FALSE(g.FingerDown());
}

TEST(GestureRecognizer, HoverMovesAndStrayUpsAreIgnored) {
    GestureRecognizer g;
    EXPECT_FALSE(g.Move(1, 1, 0));
    EXPECT_FALSE(g.Up(1, 1, 0));
}

}  // namespace
}  // namespace treffpunkt
