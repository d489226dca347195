// The kiosk's picture drawn on the CPU (SoftwareRasterizer) and shown on the GLFW window with
// XPutImage: no OpenGL context, so Mesa and its LLVM are never loaded. Meant for displays
// without direct rendering (Xvfb, VNC, a panel without a GPU driver), where Mesa's OpenGL
// would rasterize on the CPU as well, at ~70 MB more memory. X11 only (the kiosk runs under
// cage with Xwayland). The picture goes to the server through shared memory (MIT-SHM) where
// it can, else through the socket. Not here: partial updates, double buffering.
#pragma once

#include <memory>

#include "kiosk/platform/frame_renderer.hpp"
#include "kiosk/platform/software_rasterizer.hpp"

struct GLFWwindow;

namespace treffpunkt {

class SoftwareRenderer final : public FrameRenderer {
  public:
    // `window` was made with GLFW_CLIENT_API = GLFW_NO_API; needs an ImGui context. Error
    // "display.visual" when the X server's default visual is not 24-bit TrueColor.
    static Result<std::unique_ptr<SoftwareRenderer>> Create(GLFWwindow* window);
    ~SoftwareRenderer() override;
    SoftwareRenderer(const SoftwareRenderer&) = delete;
    SoftwareRenderer& operator=(const SoftwareRenderer&) = delete;

    // Keeps the 8-bit atlas (a quarter of OpenGL's RGBA texture) and frees ImGui's copy.
    void UploadFonts() override;
    void Render(ImDrawData* draw_data, Rotation rotation, float panel_w, float panel_h, int fb_w,
                int fb_h) override;
    Result<void> Screenshot(const std::string& path) override;
    void Present() override;
    void Finish() override;
    void PresentBlack() override;
    bool Repaint() override;
    const char* PresentPath() const override;

    struct X11;  // the X display, window, graphics context and shared memory

  private:
    explicit SoftwareRenderer(std::unique_ptr<X11> x11);

    std::unique_ptr<X11> m_x11;
    SoftwareRasterizer m_raster;
};

// Whether the X server of GLFW's display offers direct rendering (the DRI3 or DRI2
// extension), i.e. whether OpenGL could use a GPU. Without it, Mesa's OpenGL is a CPU
// rasterizer (llvmpipe). Needs glfwInit; false on a display that is not X11.
bool DisplayHasDirectRendering();

}  // namespace treffpunkt
