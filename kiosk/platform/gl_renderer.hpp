// OpenGL 3 drawing of ImGui's draw data, turned by the configured rotation, and screenshots
// of the presented picture. Uses Dear ImGui's OpenGL 3 backend from libimgui-dev.
#pragma once

#include <memory>
#include <string>

#include "kiosk/platform/frame_renderer.hpp"

struct GLFWwindow;

namespace treffpunkt {

class GlRenderer final : public FrameRenderer {
  public:
    // Needs the window's OpenGL 3 context current and an ImGui context. Error "gl.init".
    static Result<std::unique_ptr<GlRenderer>> Create(GLFWwindow* window);
    ~GlRenderer() override;
    GlRenderer(const GlRenderer&) = delete;
    GlRenderer& operator=(const GlRenderer&) = delete;

    void NewFrame() override;
    // Uploads the font atlas texture and frees the atlas's CPU copy of the pixels. The alpha
    // bitmap is expanded to RGBA in strips of rows, so no second full-size copy is ever made
    // on the CPU.
    void UploadFonts() override;
    void Render(ImDrawData* draw_data, Rotation rotation, float panel_w, float panel_h, int fb_w,
                int fb_h) override;
    // Reads the back buffer.
    Result<void> Screenshot(const std::string& path) override;
    void Present() override;
    void Finish() override;
    void PresentBlack() override;
    // The back buffer is gone after a swap: always false.
    bool Repaint() override { return false; }
    const char* PresentPath() const override { return "swap"; }

  private:
    explicit GlRenderer(GLFWwindow* window) : m_window(window) {}

    GLFWwindow* m_window;
    unsigned int m_font_texture{0};  // GL texture name of the font atlas, 0 = none
    int m_fb_w{0};                   // framebuffer size of the last Render
    int m_fb_h{0};
};

}  // namespace treffpunkt
