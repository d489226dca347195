#include "kiosk/core/touch_metrics.hpp"

#include <algorithm>
#include <cmath>

namespace treffpunkt {

namespace {
constexpr double kMmPerInch = 25.4;
}

double PixelsPerMm(const DisplayGeometry& geometry, double fallback_dpi) {
    if (geometry.dpi > 0.0) {
        return geometry.dpi / kMmPerInch;
    }
    if (geometry.diagonal_in > 0.0 && geometry.width_px > 0 && geometry.height_px > 0) {
        const double diagonal_px = std::hypot(static_cast<double>(geometry.width_px),
                                              static_cast<double>(geometry.height_px));
        return diagonal_px / geometry.diagonal_in / kMmPerInch;
    }
    if (geometry.width_mm > 0.0 && geometry.width_px > 0) {
        return static_cast<double>(geometry.width_px) / geometry.width_mm;
    }
    return fallback_dpi / kMmPerInch;
}

TouchMetrics ComputeTouchMetrics(const DisplayGeometry& geometry,
                                 const TouchMetricSettings& settings) {
    TouchMetrics m;
    m.px_per_mm = PixelsPerMm(geometry, settings.fallback_dpi);
    m.min_target_px = static_cast<float>(std::ceil(settings.min_target_mm * m.px_per_mm));
    for (size_t i = 0; i < m.body_font_px.size(); ++i) {
        const double px = std::round(settings.body_text_mm[i] * m.px_per_mm);
        m.body_font_px[i] = static_cast<float>(std::max(px, settings.min_font_px));
    }
    m.slop_px = static_cast<float>(std::max(6.0, 2.5 * m.px_per_mm));
    return m;
}

}  // namespace treffpunkt
