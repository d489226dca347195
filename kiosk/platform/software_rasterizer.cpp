#include "kiosk/platform/software_rasterizer.hpp"

#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace treffpunkt {

namespace {

// s over d with coverage a (0..255), rounded as (s*a + d*(255-a)) / 255.
inline unsigned Mix(unsigned s, unsigned d, unsigned a) {
    const unsigned t = s * a + d * (255u - a) + 128u;
    return (t + (t >> 8)) >> 8;
}

inline void BlendPixel(std::uint32_t& dst, unsigned r, unsigned g, unsigned b, unsigned a) {
    if (a == 0) {
        return;
    }
    if (a >= 255) {
        dst = (r << 16) | (g << 8) | b;
        return;
    }
    dst = (Mix(r, (dst >> 16) & 0xFFu, a) << 16) | (Mix(g, (dst >> 8) & 0xFFu, a) << 8) |
          Mix(b, dst & 0xFFu, a);
}

inline unsigned ToByte(float v) {
    if (!(v > 0.0f)) {
        return 0;  // also NaN, from broken vertices
    }
    return v >= 255.0f ? 255u : static_cast<unsigned>(v + 0.5f);
}

// First pixel column or row whose centre (i + 0.5) is >= t (far-off t clamped to stay an int).
inline int FirstCentreAtOrAfter(double t) {
    return static_cast<int>(std::ceil(std::clamp(t, -1e9, 1e9) - 0.5));
}

// An attribute as a plane over the triangle: value(x, y) = dx * x + dy * y + c.
struct Plane {
    float dx, dy, c;
    float At(float x, float y) const { return dx * x + dy * y + c; }
};

}  // namespace

void SoftwareRasterizer::SetFontAtlas(const unsigned char* alpha, int width, int height) {
    m_atlas.assign(alpha, alpha + static_cast<size_t>(width) * static_cast<size_t>(height));
    m_atlas_width = width;
    m_atlas_height = height;
}

void SoftwareRasterizer::Resize(int width, int height) {
    const size_t n =
        static_cast<size_t>(std::max(0, width)) * static_cast<size_t>(std::max(0, height));
    if (m_own.size() != n || m_target != m_own.data()) {
        m_own.assign(n, 0u);
        m_own.shrink_to_fit();
    }
    m_target = m_own.data();
    m_width = std::max(0, width);
    m_height = std::max(0, height);
}

void SoftwareRasterizer::SetTarget(std::uint32_t* pixels, int width, int height) {
    m_own.clear();
    m_own.shrink_to_fit();
    m_target = pixels;
    m_width = std::max(0, width);
    m_height = std::max(0, height);
}

void SoftwareRasterizer::Clear(std::uint32_t rgb) {
    std::fill(m_target, m_target + static_cast<size_t>(m_width) * static_cast<size_t>(m_height),
              rgb & 0xFFFFFFu);
}

unsigned SoftwareRasterizer::Sample(float u, float v) const {
    if (m_atlas.empty()) {
        return 255;
    }
    const float fx = u * static_cast<float>(m_atlas_width) - 0.5f;
    const float fy = v * static_cast<float>(m_atlas_height) - 0.5f;
    if (!std::isfinite(fx) || !std::isfinite(fy)) {
        return 0;
    }
    const float flx = std::floor(fx);
    const float fly = std::floor(fy);
    const float ax = fx - flx;
    const float ay = fy - fly;
    // Clamped to the edge: both neighbours of an outside coordinate are the edge texel.
    const int ix = static_cast<int>(std::clamp(flx, -1.0f, static_cast<float>(m_atlas_width)));
    const int iy = static_cast<int>(std::clamp(fly, -1.0f, static_cast<float>(m_atlas_height)));
    const int x0 = std::clamp(ix, 0, m_atlas_width - 1);
    const int x1 = std::clamp(ix + 1, 0, m_atlas_width - 1);
    const int y0 = std::clamp(iy, 0, m_atlas_height - 1);
    const int y1 = std::clamp(iy + 1, 0, m_atlas_height - 1);
    const auto at = [this](int x, int y) {
        return static_cast<float>(
            m_atlas[static_cast<size_t>(y) * static_cast<size_t>(m_atlas_width) +
                    static_cast<size_t>(x)]);
    };
    const float top = at(x0, y0) + (at(x1, y0) - at(x0, y0)) * ax;
    const float bottom = at(x0, y1) + (at(x1, y1) - at(x0, y1)) * ax;
    return ToByte(top + (bottom - top) * ay);
}

void SoftwareRasterizer::Draw(const ImDrawData& dd) {
    const ImVec2 origin = dd.DisplayPos;
    const ImVec2 scale = dd.FramebufferScale;
    for (int l = 0; l < dd.CmdListsCount; ++l) {
        const ImDrawList& list = *dd.CmdLists[l];
        m_vertices.resize(static_cast<size_t>(list.VtxBuffer.Size));
        for (int i = 0; i < list.VtxBuffer.Size; ++i) {
            const ImDrawVert& v = list.VtxBuffer[i];
            m_vertices[static_cast<size_t>(i)] = Vertex{
                (v.pos.x - origin.x) * scale.x,
                (v.pos.y - origin.y) * scale.y,
                v.uv.x,
                v.uv.y,
                static_cast<float>((v.col >> IM_COL32_R_SHIFT) & 0xFFu),
                static_cast<float>((v.col >> IM_COL32_G_SHIFT) & 0xFFu),
                static_cast<float>((v.col >> IM_COL32_B_SHIFT) & 0xFFu),
                static_cast<float>((v.col >> IM_COL32_A_SHIFT) & 0xFFu),
            };
        }
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback != nullptr) {
                if (cmd.UserCallback != ImDrawCallback_ResetRenderState) {
                    cmd.UserCallback(&list, &cmd);
                }
                continue;
            }
            // As glScissor gets it: the clip rectangle in pixels, truncated.
            const Clip clip{
                std::max(0, static_cast<int>((cmd.ClipRect.x - origin.x) * scale.x)),
                std::max(0, static_cast<int>((cmd.ClipRect.y - origin.y) * scale.y)),
                std::min(m_width, static_cast<int>((cmd.ClipRect.z - origin.x) * scale.x)),
                std::min(m_height, static_cast<int>((cmd.ClipRect.w - origin.y) * scale.y)),
            };
            if (clip.x0 >= clip.x1 || clip.y0 >= clip.y1) {
                continue;
            }
            DrawElements(m_vertices.data() + cmd.VtxOffset, list.IdxBuffer.Data + cmd.IdxOffset,
                         cmd.ElemCount, clip);
        }
    }
}

void SoftwareRasterizer::DrawElements(const Vertex* vtx, const ImDrawIdx* idx, unsigned count,
                                      const Clip& clip) {
    unsigned i = 0;
    while (i + 3 <= count) {
        if (i + 6 <= count && DrawRectangle(vtx, idx + i, clip)) {
            i += 6;
            continue;
        }
        DrawTriangle(vtx[idx[i]], vtx[idx[i + 1]], vtx[idx[i + 2]], clip);
        i += 3;
    }
}

bool SoftwareRasterizer::DrawRectangle(const Vertex* vtx, const ImDrawIdx* six, const Clip& clip) {
    // ImGui's rectangles: corners a b c d in order, triangles (a b c) and (a c d).
    if (six[3] != six[0] || six[4] != six[2]) {
        return false;
    }
    const Vertex& a = vtx[six[0]];
    const Vertex& b = vtx[six[1]];
    const Vertex& c = vtx[six[2]];
    const Vertex& d = vtx[six[5]];
    const bool rows_first = a.y == b.y && b.x == c.x && c.y == d.y && d.x == a.x;
    const bool columns_first = a.x == b.x && b.y == c.y && c.x == d.x && d.y == a.y;
    if (!rows_first && !columns_first) {
        return false;
    }
    const auto same_colour = [&a](const Vertex& v) {
        return v.r == a.r && v.g == a.g && v.b == a.b && v.a == a.a;
    };
    if (!same_colour(b) || !same_colour(c) || !same_colour(d)) {
        return false;
    }
    // Pixel centres inside [left, right) x [top, bottom): what the two triangles cover under
    // the top-left rule.
    const int x0 = std::max(clip.x0, FirstCentreAtOrAfter(std::min(a.x, c.x)));
    const int x1 = std::min(clip.x1, FirstCentreAtOrAfter(std::max(a.x, c.x)));
    const int y0 = std::max(clip.y0, FirstCentreAtOrAfter(std::min(a.y, c.y)));
    const int y1 = std::min(clip.y1, FirstCentreAtOrAfter(std::max(a.y, c.y)));
    if (x0 >= x1 || y0 >= y1) {
        return true;
    }
    const unsigned r = ToByte(a.r);
    const unsigned g = ToByte(a.g);
    const unsigned bl = ToByte(a.b);
    const unsigned alpha = ToByte(a.a);
    const bool textured = a.u != c.u || a.v != c.v || a.u != b.u || a.v != b.v;
    if (!textured) {
        const unsigned coverage = alpha * Sample(a.u, a.v);
        const unsigned combined = (coverage + 127u) / 255u;
        for (int y = y0; y < y1; ++y) {
            std::uint32_t* row = &m_target[static_cast<size_t>(y) * static_cast<size_t>(m_width)];
            if (combined >= 255) {
                std::fill(row + x0, row + x1, (r << 16) | (g << 8) | bl);
                continue;
            }
            for (int x = x0; x < x1; ++x) {
                BlendPixel(row[x], r, g, bl, combined);
            }
        }
        return true;
    }
    // The atlas coordinates are affine over the rectangle: u and v change along one axis
    // each (ImGui's PrimRectUV), or along the other one on a turned panel.
    const float w = c.x - a.x;
    const float h = c.y - a.y;
    const float du_dx = rows_first ? (b.u - a.u) / w : (c.u - b.u) / w;
    const float du_dy = rows_first ? (c.u - b.u) / h : (b.u - a.u) / h;
    const float dv_dx = rows_first ? (b.v - a.v) / w : (c.v - b.v) / w;
    const float dv_dy = rows_first ? (c.v - b.v) / h : (b.v - a.v) / h;
    // A glyph drawn one to one (no turn, no scale, pixel centres on texel centres): each
    // pixel takes its texel's coverage, which is what bilinear sampling gives there.
    const float aw = static_cast<float>(m_atlas_width);
    const float ah = static_cast<float>(m_atlas_height);
    const float tx0 = (a.u + du_dx * (static_cast<float>(x0) + 0.5f - a.x)) * aw - 0.5f;
    const float ty0 = (a.v + dv_dy * (static_cast<float>(y0) + 0.5f - a.y)) * ah - 0.5f;
    const int itx0 = static_cast<int>(std::lround(tx0));
    const int ity0 = static_cast<int>(std::lround(ty0));
    constexpr float kTexelSlack = 1e-3f;
    if (!m_atlas.empty() && du_dy == 0.0f && dv_dx == 0.0f &&
        std::abs(du_dx * aw - 1.0f) < kTexelSlack && std::abs(dv_dy * ah - 1.0f) < kTexelSlack &&
        std::abs(tx0 - static_cast<float>(itx0)) < kTexelSlack &&
        std::abs(ty0 - static_cast<float>(ity0)) < kTexelSlack && itx0 >= 0 && ity0 >= 0 &&
        itx0 + (x1 - x0) <= m_atlas_width && ity0 + (y1 - y0) <= m_atlas_height) {
        for (int y = y0; y < y1; ++y) {
            std::uint32_t* row = &m_target[static_cast<size_t>(y) * static_cast<size_t>(m_width)];
            const unsigned char* texels =
                &m_atlas[static_cast<size_t>(ity0 + (y - y0)) * static_cast<size_t>(m_atlas_width) +
                         static_cast<size_t>(itx0)];
            for (int x = x0; x < x1; ++x) {
                const unsigned coverage = texels[x - x0];
                if (coverage != 0) {
                    BlendPixel(row[x], r, g, bl, (alpha * coverage + 127u) / 255u);
                }
            }
        }
        return true;
    }
    for (int y = y0; y < y1; ++y) {
        std::uint32_t* row = &m_target[static_cast<size_t>(y) * static_cast<size_t>(m_width)];
        const float py = static_cast<float>(y) + 0.5f - a.y;
        for (int x = x0; x < x1; ++x) {
            const float px = static_cast<float>(x) + 0.5f - a.x;
            const unsigned coverage =
                Sample(a.u + du_dx * px + du_dy * py, a.v + dv_dx * px + dv_dy * py);
            BlendPixel(row[x], r, g, bl, (alpha * coverage + 127u) / 255u);
        }
    }
    return true;
}

void SoftwareRasterizer::DrawTriangle(const Vertex& v0, const Vertex& in1, const Vertex& in2,
                                      const Clip& clip) {
    double area = (static_cast<double>(in1.x) - v0.x) * (static_cast<double>(in2.y) - v0.y) -
                  (static_cast<double>(in2.x) - v0.x) * (static_cast<double>(in1.y) - v0.y);
    if (!(std::abs(area) > 0.0) || !std::isfinite(area)) {
        return;  // degenerate (or NaN): covers no pixel centre
    }
    // Wound so that every edge function is positive inside.
    const Vertex& v1 = area > 0.0 ? in1 : in2;
    const Vertex& v2 = area > 0.0 ? in2 : in1;
    area = std::abs(area);
    const Vertex* v[3] = {&v0, &v1, &v2};

    // Edge i faces vertex i: E_i(p) = A_i * x + B_i * y + C_i, E_i(v_i) = area.
    double ea[3];
    double eb[3];
    double ec[3];
    for (int i = 0; i < 3; ++i) {
        // Computed from the edge's end points in one order whichever triangle asks, and negated
        // for the other direction: the neighbour across the edge gets exactly the opposite
        // function, so both agree on which centres lie on it.
        const Vertex* s = v[(i + 1) % 3];
        const Vertex* e = v[(i + 2) % 3];
        const bool flip = s->x > e->x || (s->x == e->x && s->y > e->y);
        if (flip) {
            std::swap(s, e);
        }
        const double dx = static_cast<double>(e->x) - s->x;
        const double dy = static_cast<double>(e->y) - s->y;
        const double sign = flip ? -1.0 : 1.0;
        ea[i] = -dy * sign;
        eb[i] = dx * sign;
        ec[i] = (dy * s->x - dx * s->y) * sign;
    }
    // The top-left rule: a centre exactly on an edge belongs to the triangle whose inside lies
    // to its right (a left edge) or below it (a top edge), never to both neighbours.
    bool inclusive[3];
    for (int i = 0; i < 3; ++i) {
        inclusive[i] = ea[i] > 0.0 || (ea[i] == 0.0 && eb[i] > 0.0);
    }
    const auto plane = [&](float Vertex::*field) {
        double dx = 0.0;
        double dy = 0.0;
        double c = 0.0;
        for (int i = 0; i < 3; ++i) {
            const double value = v[i]->*field;
            dx += ea[i] * value;
            dy += eb[i] * value;
            c += ec[i] * value;
        }
        return Plane{static_cast<float>(dx / area), static_cast<float>(dy / area),
                     static_cast<float>(c / area)};
    };
    const bool flat_colour = v0.r == v1.r && v0.r == v2.r && v0.g == v1.g && v0.g == v2.g &&
                             v0.b == v1.b && v0.b == v2.b && v0.a == v1.a && v0.a == v2.a;
    const bool flat_texel = v0.u == v1.u && v0.u == v2.u && v0.v == v1.v && v0.v == v2.v;
    const Plane pr = plane(&Vertex::r);
    const Plane pg = plane(&Vertex::g);
    const Plane pb = plane(&Vertex::b);
    const Plane pa = plane(&Vertex::a);
    const Plane pu = plane(&Vertex::u);
    const Plane pv = plane(&Vertex::v);
    const unsigned flat_coverage = flat_texel ? Sample(v0.u, v0.v) : 255;

    const float min_y = std::min({v0.y, v1.y, v2.y});
    const float max_y = std::max({v0.y, v1.y, v2.y});
    const float min_x = std::min({v0.x, v1.x, v2.x});
    const float max_x = std::max({v0.x, v1.x, v2.x});
    // The atlas coordinates change by less than a thousandth of a texel across the triangle's
    // width: sampled once per row.
    const float width = max_x - min_x;
    const bool texel_flat_in_rows =
        std::abs(pu.dx) * width * static_cast<float>(m_atlas_width) < 1e-3f &&
        std::abs(pv.dx) * width * static_cast<float>(m_atlas_height) < 1e-3f;
    const int y_begin = std::max(clip.y0, FirstCentreAtOrAfter(min_y));
    const int y_end = std::min(clip.y1, FirstCentreAtOrAfter(max_y) + 1);
    const int x_begin = std::max(clip.x0, FirstCentreAtOrAfter(min_x));
    const int x_end = std::min(clip.x1, FirstCentreAtOrAfter(max_x) + 1);
    for (int y = y_begin; y < y_end; ++y) {
        const double cy = y + 0.5;
        // The span of centres this row has inside all three edges.
        int lo = x_begin;
        int hi = x_end;
        for (int i = 0; i < 3 && lo < hi; ++i) {
            const double rest = eb[i] * cy + ec[i];  // E_i = A_i * x + rest
            if (ea[i] == 0.0) {
                if (rest < 0.0 || (rest == 0.0 && !inclusive[i])) {
                    hi = lo;
                }
                continue;
            }
            // Where E_i crosses 0 on this row; an almost horizontal edge crosses far away.
            const double t = std::clamp(-rest / ea[i], static_cast<double>(x_begin) - 1.0,
                                        static_cast<double>(x_end) + 1.0);
            if (ea[i] > 0.0) {
                // E_i >= 0 (left edges are inclusive) for x >= t.
                lo = std::max(lo, FirstCentreAtOrAfter(t));
            } else {
                // E_i > 0 for x < t: centres strictly before t.
                hi = std::min(hi, FirstCentreAtOrAfter(t));
            }
        }
        if (lo >= hi) {
            continue;
        }
        std::uint32_t* row = &m_target[static_cast<size_t>(y) * static_cast<size_t>(m_width)];
        const float fy = static_cast<float>(cy);
        if (flat_colour && (flat_texel || texel_flat_in_rows)) {
            // One colour and one coverage along the row (a horizontal anti-aliased line is
            // textured across, not along).
            const unsigned coverage =
                flat_texel ? flat_coverage : Sample(pu.At(min_x, fy), pv.At(min_x, fy));
            const unsigned alpha = (ToByte(v0.a) * coverage + 127u) / 255u;
            const unsigned r = ToByte(v0.r);
            const unsigned g = ToByte(v0.g);
            const unsigned b = ToByte(v0.b);
            if (alpha >= 255) {
                std::fill(row + lo, row + hi, (r << 16) | (g << 8) | b);
                continue;
            }
            for (int x = lo; x < hi; ++x) {
                BlendPixel(row[x], r, g, b, alpha);
            }
            continue;
        }
        for (int x = lo; x < hi; ++x) {
            const float fx = static_cast<float>(x) + 0.5f;
            const unsigned coverage =
                flat_texel ? flat_coverage : Sample(pu.At(fx, fy), pv.At(fx, fy));
            const unsigned alpha = (ToByte(pa.At(fx, fy)) * coverage + 127u) / 255u;
            BlendPixel(row[x], ToByte(pr.At(fx, fy)), ToByte(pg.At(fx, fy)), ToByte(pb.At(fx, fy)),
                       alpha);
        }
    }
}

Result<void> SoftwareRasterizer::WritePng(const std::string& path) const {
    const size_t n = static_cast<size_t>(m_width) * static_cast<size_t>(m_height);
    std::vector<unsigned char> rgba(n * 4);
    for (size_t i = 0; i < n; ++i) {
        rgba[i * 4 + 0] = static_cast<unsigned char>(m_target[i] >> 16);
        rgba[i * 4 + 1] = static_cast<unsigned char>(m_target[i] >> 8);
        rgba[i * 4 + 2] = static_cast<unsigned char>(m_target[i]);
        rgba[i * 4 + 3] = 255;
    }
    if (stbi_write_png(path.c_str(), m_width, m_height, 4, rgba.data(), m_width * 4) == 0) {
        return Fail("io.write", "cannot write the screenshot " + path);
    }
    return Ok();
}

}  // namespace treffpunkt
