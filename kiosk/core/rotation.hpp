// Rotation of the picture on the panel (0/90/180/270 degrees clockwise) and the matching
// transform of touch coordinates. Pure arithmetic; std only.
//
// "rotation = 90" means the picture is turned 90 degrees clockwise on the panel: use it when
// the panel is mounted turned 90 degrees counter-clockwise. The app lays out in logical
// coordinates (width and height swapped for 90/270); touches arrive in panel coordinates.
#pragma once

#include <optional>

namespace treffpunkt {

enum class Rotation { k0 = 0, k90 = 90, k180 = 180, k270 = 270 };

std::optional<Rotation> RotationFromDegrees(int degrees);
int Degrees(Rotation rotation);

struct Vec2 {
    float x{0.0f};
    float y{0.0f};
    bool operator==(const Vec2&) const = default;
};

// The size the app lays out in, for a panel of panel_size.
Vec2 LogicalSize(Rotation rotation, Vec2 panel_size);
// A point on the panel (e.g. a touch) to the app's logical coordinates.
Vec2 PanelToLogical(Rotation rotation, Vec2 panel_size, Vec2 panel_point);
// A logical point to where it appears on the panel (inverse of PanelToLogical).
Vec2 LogicalToPanel(Rotation rotation, Vec2 panel_size, Vec2 logical_point);

}  // namespace treffpunkt
