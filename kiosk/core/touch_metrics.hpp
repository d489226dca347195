// Sizes for fingers and eyes from the panel's physical size: every touch target at least 9 mm,
// body text in three sizes measured in millimetres. Pure arithmetic; std only.
//
// Defaults (9 mm targets, body text 3.8 / 4.6 / 5.5 mm):
//   7"    800x480  (official Raspberry Pi panel, 133 ppi, 5.25 px/mm): target 48 px,
//                   body text 20 / 24 / 29 px
//   15.6" 1920x1080 (141 ppi, 5.56 px/mm):                          target 51 px,
//                   body text 21 / 26 / 31 px
#pragma once

#include <array>

namespace treffpunkt {

// What is known about the panel. The first source that is set wins: dpi, diagonal, width_mm.
struct DisplayGeometry {
    int width_px{800};  // logical (after rotation) or physical: only the ratio px/mm matters
    int height_px{480};
    double dpi{0.0};          // pixels per inch; 0 = unknown
    double diagonal_in{0.0};  // visible diagonal in inches; 0 = unknown
    double width_mm{0.0};     // visible width in millimetres (e.g. from EDID); 0 = unknown
};

struct TouchMetricSettings {
    double min_target_mm{9.0};                          // smallest touch target
    std::array<double, 3> body_text_mm{3.8, 4.6, 5.5};  // body font size (em) per text size
    double fallback_dpi{96.0};                          // when nothing about the panel is known
    double min_font_px{14.0};                           // never smaller than this on screen
};

struct TouchMetrics {
    double px_per_mm{0.0};
    float min_target_px{0.0f};            // round up: every target at least this tall and wide
    std::array<float, 3> body_font_px{};  // per text size (normal, large, largest), whole px
    float slop_px{0.0f};                  // drag threshold: 2.5 mm
};

double PixelsPerMm(const DisplayGeometry& geometry, double fallback_dpi = 96.0);
TouchMetrics ComputeTouchMetrics(const DisplayGeometry& geometry,
                                 const TouchMetricSettings& settings = {});

}  // namespace treffpunkt
