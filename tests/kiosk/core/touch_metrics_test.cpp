#include "kiosk/core/touch_metrics.hpp"

#include <gtest/gtest.h>

namespace treffpunkt {
namespace {

TEST(TouchMetrics, SevenInchPanel) {
    const TouchMetrics m = ComputeTouchMetrics(DisplayGeometry{800, 480, 0.0, 7.0, 0.0});
    EXPECT_NEAR(m.px_per_mm, 5.248, 0.01);
    EXPECT_EQ(m.min_target_px, 48.0f);
    EXPECT_EQ(m.body_font_px[0], 20.0f);
    EXPECT_EQ(m.body_font_px[1], 24.0f);
    EXPECT_EQ(m.body_font_px[2], 29.0f);
    EXPECT_GE(m.min_target_px / m.px_per_mm, 9.0);
}

TEST(TouchMetrics, FifteenInchPanel) {
    const TouchMetrics m = ComputeTouchMetrics(DisplayGeometry{1920, 1080, 0.0, 15.6, 0.0});
    EXPECT_NEAR(m.px_per_mm, 5.56, 0.01);
    EXPECT_EQ(m.min_target_px, 51.0f);
    EXPECT_EQ(m.body_font_px[0], 21.0f);
    EXPECT_EQ(m.body_font_px[2], 31.0f);
}

TEST(TouchMetrics, DpiWinsAndUnknownFallsBackTo96) {
    EXPECT_NEAR(PixelsPerMm(DisplayGeometry{800, 480, 254.0, 7.0, 0.0}), 10.0, 1e-9);
    EXPECT_NEAR(PixelsPerMm(DisplayGeometry{1000, 500, 0.0, 0.0, 200.0}), 5.0, 1e-9);
    const TouchMetrics m = ComputeTouchMetrics(DisplayGeometry{1024, 768, 0.0, 0.0, 0.0});
    EXPECT_NEAR(m.px_per_mm, 96.0 / 25.4, 1e-9);
    EXPECT_EQ(m.min_target_px, 35.0f);  // ceil(9 * 3.78)
    EXPECT_GE(m.body_font_px[0], 14.0f);
}

}  // namespace
}  // namespace treffpunkt
