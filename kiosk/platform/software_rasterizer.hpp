// A CPU rasterizer for Dear ImGui's draw lists: the kiosk's picture without OpenGL, for
// displays without direct rendering (Xvfb, VNC), where Mesa's software OpenGL would load
// ~70 MB of LLVM to do the same work. Draws into 0x00RRGGBB pixels; no X11, no OpenGL here.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sync/model/result.hpp"

namespace treffpunkt {

class SoftwareRasterizer {
  public:
    // Keeps ImGui's 8-bit alpha atlas (glyph coverage; the colour is white everywhere) for
    // sampling. Call after every build of the fonts.
    void SetFontAtlas(const unsigned char* alpha, int width, int height);
    // Sizes the picture in the rasterizer's own memory; the pixels are undefined until the
    // next Clear.
    void Resize(int width, int height);
    // Draws into `pixels` instead (width * height, rows without padding, e.g. an X server's
    // shared-memory image), which must outlive the drawing; frees the rasterizer's own memory.
    void SetTarget(std::uint32_t* pixels, int width, int height);
    void Clear(std::uint32_t rgb);
    // Draws as ImGui's OpenGL 3 backend does: positions minus DisplayPos times
    // FramebufferScale, clip rectangles as scissors, colours blended "over" with the vertex
    // alpha, the atlas sampled bilinearly. Pixels whose centre lies exactly on an edge shared
    // by two triangles belong to one of them (the top-left rule), so nothing blends twice.
    void Draw(const ImDrawData& draw_data);

    int Width() const { return m_width; }
    int Height() const { return m_height; }
    // Row-major, Width() * Height() pixels 0x00RRGGBB (X11's 24-bit TrueColor layout).
    const std::uint32_t* Pixels() const { return m_target; }
    // Error "io.write".
    Result<void> WritePng(const std::string& path) const;

  private:
    struct Vertex {
        float x, y;        // framebuffer pixels
        float u, v;        // atlas coordinates, 0..1
        float r, g, b, a;  // 0..255
    };
    struct Clip {
        int x0, y0, x1, y1;  // pixels x0 <= x < x1, y0 <= y < y1
    };
    // Draws the `count` indices `idx` into the vertices `vtx`, three per triangle.
    void DrawElements(const Vertex* vtx, const ImDrawIdx* idx, unsigned count, const Clip& clip);
    // An axis-aligned rectangle of one colour (the two triangles of ImGui's PrimRect and
    // PrimRectUV); false when the six indices are not such a rectangle.
    bool DrawRectangle(const Vertex* vtx, const ImDrawIdx* six, const Clip& clip);
    void DrawTriangle(const Vertex& v0, const Vertex& v1, const Vertex& v2, const Clip& clip);
    // Coverage 0..255 of the atlas at (u, v), bilinear, clamped to the edge.
    unsigned Sample(float u, float v) const;

    int m_width{0};
    int m_height{0};
    std::vector<std::uint32_t> m_own;    // the picture when no target is set
    std::uint32_t* m_target{nullptr};    // the picture, 0x00RRGGBB: m_own's or SetTarget's
    std::vector<unsigned char> m_atlas;  // the font atlas's alpha
    std::vector<Vertex> m_vertices;      // one draw list's vertices, in pixels (reused)
    int m_atlas_width{0};
    int m_atlas_height{0};
};

}  // namespace treffpunkt
