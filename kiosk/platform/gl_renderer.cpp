#include "kiosk/platform/gl_renderer.hpp"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <vector>

namespace treffpunkt {

Result<std::unique_ptr<GlRenderer>> GlRenderer::Create(GLFWwindow* window) {
    if (!ImGui_ImplOpenGL3_Init("#version 130")) {
        return Fail("gl.init", "OpenGL 3 could not be initialised (install libgl1-mesa-dri)");
    }
    std::unique_ptr<GlRenderer> renderer(new GlRenderer(window));
    if (!ImGui_ImplOpenGL3_CreateDeviceObjects()) {
        return Fail("gl.init", "OpenGL 3 shaders could not be built");
    }
    // The backend made a texture of ImGui's default font on the way: the kiosk's fonts come
    // with UploadFonts.
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui::GetIO().Fonts->Clear();
    return renderer;
}

GlRenderer::~GlRenderer() {
    if (m_font_texture != 0) {
        glDeleteTextures(1, &m_font_texture);
        m_font_texture = 0;
    }
    ImGui_ImplOpenGL3_Shutdown();
}

void GlRenderer::NewFrame() {
    ImGui_ImplOpenGL3_NewFrame();
}

void GlRenderer::UploadFonts() {
    // Rows expanded from alpha to RGBA per upload call: 64 rows of a 2048-wide atlas = 512 KB.
    constexpr int kStripRows = 64;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    unsigned char* alpha = nullptr;
    int w = 0;
    int h = 0;
    atlas.GetTexDataAsAlpha8(&alpha, &w, &h);
    if (m_font_texture != 0) {
        glDeleteTextures(1, &m_font_texture);
        m_font_texture = 0;
    }
    GLint last_texture = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
    glGenTextures(1, &m_font_texture);
    glBindTexture(GL_TEXTURE_2D, m_font_texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    std::vector<unsigned char> strip(static_cast<size_t>(w) * kStripRows * 4);
    for (int y = 0; y < h; y += kStripRows) {
        const int rows = std::min(kStripRows, h - y);
        const unsigned char* src = alpha + static_cast<size_t>(y) * static_cast<size_t>(w);
        const size_t n = static_cast<size_t>(w) * static_cast<size_t>(rows);
        for (size_t i = 0; i < n; ++i) {
            // White with the glyph's coverage as alpha, as ImGui's RGBA32 atlas has it.
            strip[i * 4 + 0] = 255;
            strip[i * 4 + 1] = 255;
            strip[i * 4 + 2] = 255;
            strip[i * 4 + 3] = src[i];
        }
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, y, w, rows, GL_RGBA, GL_UNSIGNED_BYTE, strip.data());
    }
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last_texture));
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(m_font_texture)));
    atlas.ClearTexData();  // the GPU has it; free the CPU copy
}

void GlRenderer::Render(ImDrawData* dd, Rotation rotation, float panel_w, float panel_h, int fb_w,
                        int fb_h) {
    TurnDrawData(dd, rotation, panel_w, panel_h, fb_w, fb_h);
    m_fb_w = fb_w;
    m_fb_h = fb_h;
    glViewport(0, 0, fb_w, fb_h);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(dd);
}

Result<void> GlRenderer::Screenshot(const std::string& path) {
    const int fb_w = m_fb_w;
    const int fb_h = m_fb_h;
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

void GlRenderer::Present() {
    glfwSwapBuffers(m_window);
}

void GlRenderer::Finish() {
    glFinish();
}

void GlRenderer::PresentBlack() {
    glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glfwSwapBuffers(m_window);
}

}  // namespace treffpunkt
