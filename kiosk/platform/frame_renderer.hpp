// What the GUI loop draws with: OpenGL 3 (GlRenderer) or the CPU (SoftwareRenderer). Both show
// ImGui's draw data turned by the configured rotation. No window system in this header.
#pragma once

#include <string>

#include "kiosk/core/rotation.hpp"
#include "sync/model/result.hpp"

struct ImDrawData;

namespace treffpunkt {

class FrameRenderer {
  public:
    virtual ~FrameRenderer() = default;

    // Before each frame's ImGui::NewFrame.
    virtual void NewFrame() {}
    // Takes the font atlas after every build of the fonts (KioskUi::Init's callback).
    virtual void UploadFonts() = 0;
    // Clears to the theme's window background and draws `draw_data` (laid out in logical
    // coordinates) onto a panel of panel_w x panel_h window pixels (framebuffer fb_w x fb_h),
    // turned by `rotation`. Not shown before Present.
    virtual void Render(ImDrawData* draw_data, Rotation rotation, float panel_w, float panel_h,
                        int fb_w, int fb_h) = 0;
    // Writes the picture last rendered as PNG (call before Present). Error "io.write".
    virtual Result<void> Screenshot(const std::string& path) = 0;
    // Shows the picture last rendered.
    virtual void Present() = 0;
    // Waits until the display has the picture (the first frame's time is measured after it).
    virtual void Finish() = 0;
    // Shows a black picture at once (the night schedule).
    virtual void PresentBlack() = 0;
    // The window was uncovered: shows the last picture again. False when the renderer has no
    // copy of it and needs a new frame.
    virtual bool Repaint() = 0;
    // How the last picture reached the display, for --stats: "swap" (OpenGL), "shm" (X shared
    // memory) or "socket" (XPutImage).
    virtual const char* PresentPath() const = 0;
};

// Turns every vertex and clip rectangle of `draw_data` from logical to panel coordinates
// (quarter turns keep clip rectangles axis-aligned) and sets the framebuffer scale.
void TurnDrawData(ImDrawData* draw_data, Rotation rotation, float panel_w, float panel_h, int fb_w,
                  int fb_h);

}  // namespace treffpunkt
