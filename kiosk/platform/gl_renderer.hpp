// OpenGL 3 drawing of ImGui's draw data, turned by the configured rotation, and screenshots
// of the presented picture. Uses Dear ImGui's OpenGL 3 backend from libimgui-dev.
#pragma once

#include <string>

#include "kiosk/core/rotation.hpp"
#include "sync/model/result.hpp"

struct ImDrawData;

namespace treffpunkt {

class GlRenderer {
  public:
    // Needs a current OpenGL 3 context. Error "gl.init".
    Result<void> Init();
    void Shutdown();
    // Uploads the font atlas texture (after the fonts were built or rebuilt) and frees the
    // atlas's CPU copy of the pixels. The alpha bitmap is expanded to RGBA in strips of rows,
    // so no second full-size copy is ever made on the CPU.
    void UploadFonts();
    // Clears and draws `draw_data` (laid out in logical coordinates) onto a panel of
    // panel_w x panel_h window pixels (framebuffer fb_w x fb_h), turned by `rotation`.
    void Render(ImDrawData* draw_data, Rotation rotation, float panel_w, float panel_h, int fb_w,
                int fb_h);
    // Writes the current back buffer (call before swapping) as PNG.
    Result<void> Screenshot(const std::string& path, int fb_w, int fb_h);

  private:
    unsigned int m_font_texture{0};  // GL texture name of the font atlas, 0 = none
};

}  // namespace treffpunkt
