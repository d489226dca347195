#include "kiosk/platform/frame_renderer.hpp"

#include <imgui.h>

#include <algorithm>

namespace treffpunkt {

void TurnDrawData(ImDrawData* dd, Rotation rotation, float panel_w, float panel_h, int fb_w,
                  int fb_h) {
    if (rotation != Rotation::k0) {
        const Vec2 panel{panel_w, panel_h};
        for (int l = 0; l < dd->CmdListsCount; ++l) {
            ImDrawList* list = dd->CmdLists[l];
            for (ImDrawVert& v : list->VtxBuffer) {
                const Vec2 p = LogicalToPanel(rotation, panel, Vec2{v.pos.x, v.pos.y});
                v.pos = ImVec2(p.x, p.y);
            }
            for (ImDrawCmd& cmd : list->CmdBuffer) {
                const Vec2 a =
                    LogicalToPanel(rotation, panel, Vec2{cmd.ClipRect.x, cmd.ClipRect.y});
                const Vec2 b =
                    LogicalToPanel(rotation, panel, Vec2{cmd.ClipRect.z, cmd.ClipRect.w});
                cmd.ClipRect = ImVec4(std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x),
                                      std::max(a.y, b.y));
            }
        }
        dd->DisplayPos = ImVec2(0.0f, 0.0f);
        dd->DisplaySize = ImVec2(panel_w, panel_h);
    }
    dd->FramebufferScale = ImVec2(panel_w > 0 ? static_cast<float>(fb_w) / panel_w : 1.0f,
                                  panel_h > 0 ? static_cast<float>(fb_h) / panel_h : 1.0f);
}

}  // namespace treffpunkt
