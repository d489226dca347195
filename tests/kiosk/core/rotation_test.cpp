#include "kiosk/core/rotation.hpp"

#include <gtest/gtest.h>

namespace treffpunkt {
namespace {

const Vec2 kPanel{800, 480};

TEST(Rotation, LogicalSizeSwapsForQuarterTurns) {
    EXPECT_EQ(LogicalSize(Rotation::k0, kPanel), (Vec2{800, 480}));
    EXPECT_EQ(LogicalSize(Rotation::k90, kPanel), (Vec2{480, 800}));
    EXPECT_EQ(LogicalSize(Rotation::k180, kPanel), (Vec2{800, 480}));
    EXPECT_EQ(LogicalSize(Rotation::k270, kPanel), (Vec2{480, 800}));
}

TEST(Rotation, CornersLandWhereThePictureIsTurned) {
    // 90 clockwise: the logical top-left appears at the panel's top-right.
    EXPECT_EQ(LogicalToPanel(Rotation::k90, kPanel, {0, 0}), (Vec2{800, 0}));
    EXPECT_EQ(LogicalToPanel(Rotation::k90, kPanel, {480, 0}), (Vec2{800, 480}));
    EXPECT_EQ(LogicalToPanel(Rotation::k180, kPanel, {0, 0}), (Vec2{800, 480}));
    EXPECT_EQ(LogicalToPanel(Rotation::k270, kPanel, {0, 0}), (Vec2{0, 480}));
    // A touch at the panel's top-right is the logical top-left at 90.
    EXPECT_EQ(PanelToLogical(Rotation::k90, kPanel, {800, 0}), (Vec2{0, 0}));
}

TEST(Rotation, TouchAndPictureTransformsAreInverse) {
    for (int deg : {0, 90, 180, 270}) {
        const Rotation r = *RotationFromDegrees(deg);
        EXPECT_EQ(Degrees(r), deg);
        for (Vec2 p : {Vec2{0, 0}, Vec2{13, 470}, Vec2{799, 1}, Vec2{400, 240}}) {
            const Vec2 logical = PanelToLogical(r, kPanel, p);
            const Vec2 size = LogicalSize(r, kPanel);
            EXPECT_GE(logical.x, 0);
            EXPECT_LE(logical.x, size.x);
            EXPECT_GE(logical.y, 0);
            EXPECT_LE(logical.y, size.y);
            EXPECT_EQ(LogicalToPanel(r, kPanel, logical), p) << deg;
        }
    }
    EXPECT_FALSE(RotationFromDegrees(45));
}

}  // namespace
}  // namespace treffpunkt
