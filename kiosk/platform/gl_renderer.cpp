#include "kiosk/platform/gl_renderer.hpp"

#include <GL/gl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <vector>

namespace treffpunkt {

Result<void> GlRenderer::Init() {
    if (!ImGui_ImplOpenGL3_Init("#version 130")) {
        return Fail("gl.init", "OpenGL 3 could not be initialised (install libgl1-mesa-dri)");
    }
    if (!ImGui_ImplOpenGL3_CreateDeviceObjects()) {
        return Fail("gl.init", "OpenGL 3 shaders could not be built");
    }
    return Ok();
}

void GlRenderer::Shutdown() {
    ImGui_ImplOpenGL3_Shutdown();
}

void GlRenderer::UploadFonts() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    ImGui::GetIO().Fonts->ClearTexData();  // the GPU has it; free the CPU copy
}

void GlRenderer::Render(ImDrawData* dd, Rotation rotation, float panel_w, float panel_h, int fb_w,
                        int fb_h) {
    if (rotation != Rotation::k0) {
        // Turn every vertex and clip rectangle from logical to panel coordinates: quarter turns
        // keep clip rectangles axis-aligned, so scissoring still works.
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
    glViewport(0, 0, fb_w, fb_h);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(dd);
}

Result<void> GlRenderer::Screenshot(const std::string& path, int fb_w, int fb_h) {
    std::vector<unsigned char> pixels(static_cast<size_t>(fb_w) * static_cast<size_t>(fb_h) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, fb_w, fb_h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows start at the bottom; PNG's at the top. Opaque alpha.
    std::vector<unsigned char> flipped(pixels.size());
    const size_t row = static_cast<size_t>(fb_w) * 4;
    for (int y = 0; y < fb_h; ++y) {
        std::copy_n(&pixels[static_cast<size_t>(fb_h - 1 - y) * row], row,
                    &flipped[static_cast<size_t>(y) * row]);
    }
    for (size_t i = 3; i < flipped.size(); i += 4) {
        flipped[i] = 255;
    }
    if (stbi_write_png(path.c_str(), fb_w, fb_h, 4, flipped.data(), static_cast<int>(row)) == 0) {
        return Fail("io.write", "cannot write the screenshot " + path);
    }
    return Ok();
}

}  // namespace treffpunkt
