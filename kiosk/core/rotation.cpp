#include "kiosk/core/rotation.hpp"

namespace treffpunkt {

std::optional<Rotation> RotationFromDegrees(int degrees) {
    switch (degrees) {
        case 0:
            return Rotation::k0;
        case 90:
            return Rotation::k90;
        case 180:
            return Rotation::k180;
        case 270:
            return Rotation::k270;
        default:
            return std::nullopt;
    }
}

int Degrees(Rotation rotation) {
    return static_cast<int>(rotation);
}

Vec2 LogicalSize(Rotation rotation, Vec2 panel_size) {
    if (rotation == Rotation::k90 || rotation == Rotation::k270) {
        return {panel_size.y, panel_size.x};
    }
    return panel_size;
}

Vec2 PanelToLogical(Rotation rotation, Vec2 panel_size, Vec2 p) {
    const float w = panel_size.x;
    const float h = panel_size.y;
    switch (rotation) {
        case Rotation::k0:
            return p;
        case Rotation::k90:  // logical origin at the panel's top-right, x runs down
            return {p.y, w - p.x};
        case Rotation::k180:
            return {w - p.x, h - p.y};
        case Rotation::k270:  // logical origin at the panel's bottom-left, x runs up
            return {h - p.y, p.x};
    }
    return p;
}

Vec2 LogicalToPanel(Rotation rotation, Vec2 panel_size, Vec2 l) {
    const float w = panel_size.x;
    const float h = panel_size.y;
    switch (rotation) {
        case Rotation::k0:
            return l;
        case Rotation::k90:
            return {w - l.y, l.x};
        case Rotation::k180:
            return {w - l.x, h - l.y};
        case Rotation::k270:
            return {l.y, h - l.x};
    }
    return l;
}

}  // namespace treffpunkt
