#include "kiosk/platform/software_rasterizer.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

#include <cmath>
#include <limits>
#include <set>

namespace treffpunkt {
namespace {

constexpr int kW = 64;
constexpr int kH = 48;
constexpr std::uint32_t kBackground = 0x102030;

// One draw list over an ImGui context, drawn onto a kW x kH picture of kBackground.
class RasterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ImGui::CreateContext();
        m_list = new ImDrawList(ImGui::GetDrawListSharedData());
        m_list->_ResetForNewFrame();
        m_list->PushClipRect(ImVec2(0, 0), ImVec2(kW, kH));
        m_list->PushTextureID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
        m_list->Flags = ImDrawListFlags_None;  // no anti-aliased fringes unless a test wants them
        // A 4x4 atlas: texel (0, 0) is "white" (full coverage), the rest a coverage ramp.
        for (int i = 0; i < 16; ++i) {
            m_atlas[i] = static_cast<unsigned char>(i == 0 ? 255 : i * 16);
        }
        m_raster.SetFontAtlas(m_atlas, 4, 4);
        m_raster.Resize(kW, kH);
        m_raster.Clear(kBackground);
    }
    void TearDown() override {
        delete m_list;
        ImGui::DestroyContext();
    }
    void Draw() {
        ImDrawList* lists[1] = {m_list};
        ImDrawData dd;
        dd.Valid = true;
        dd.CmdLists = lists;
        dd.CmdListsCount = 1;
        dd.TotalVtxCount = m_list->VtxBuffer.Size;
        dd.TotalIdxCount = m_list->IdxBuffer.Size;
        dd.DisplayPos = ImVec2(0, 0);
        dd.DisplaySize = ImVec2(kW, kH);
        dd.FramebufferScale = ImVec2(1, 1);
        m_raster.Draw(dd);
    }
    // Triangles with explicit corners, colour and (white) atlas coordinates.
    void Triangle(ImVec2 a, ImVec2 b, ImVec2 c, ImU32 col) {
        const ImVec2 white(0.125f, 0.125f);
        m_list->PrimReserve(3, 3);
        const auto base = static_cast<ImDrawIdx>(m_list->_VtxCurrentIdx);
        m_list->PrimWriteVtx(a, white, col);
        m_list->PrimWriteVtx(b, white, col);
        m_list->PrimWriteVtx(c, white, col);
        m_list->PrimWriteIdx(base);
        m_list->PrimWriteIdx(static_cast<ImDrawIdx>(base + 1));
        m_list->PrimWriteIdx(static_cast<ImDrawIdx>(base + 2));
    }
    std::uint32_t At(int x, int y) const { return m_raster.Pixels()[y * kW + x]; }

    ImDrawList* m_list{nullptr};
    unsigned char m_atlas[16]{};
    SoftwareRasterizer m_raster;
};

TEST_F(RasterTest, AnOpaqueRectangleCoversThePixelsWhoseCentresItContains) {
    m_list->AddRectFilled(ImVec2(10.0f, 5.0f), ImVec2(20.5f, 15.4f), IM_COL32(255, 0, 0, 255));
    Draw();
    for (int y = 0; y < kH; ++y) {
        for (int x = 0; x < kW; ++x) {
            // Centres x + 0.5 in [10, 20.5) and y + 0.5 in [5, 15.4): x 10..19, y 5..14.
            const bool inside = x >= 10 && x <= 19 && y >= 5 && y <= 14;
            EXPECT_EQ(At(x, y), inside ? 0xFF0000u : kBackground) << x << "," << y;
        }
    }
}

TEST_F(RasterTest, HalfTransparentColourIsBlendedOverTheBackground) {
    m_list->AddRectFilled(ImVec2(0, 0), ImVec2(8, 8), IM_COL32(255, 255, 255, 128));
    Draw();
    // 0x10 + (0xFF - 0x10) * 128/255, and so on per channel.
    const auto mix = [](unsigned d) { return (255u * 128u + d * 127u + 127u) / 255u; };
    EXPECT_EQ(At(3, 3), (mix(0x10) << 16) | (mix(0x20) << 8) | mix(0x30));
    EXPECT_EQ(At(8, 8), kBackground);
}

TEST_F(RasterTest, TrianglesSharingAnEdgeBlendEachPixelOnce) {
    // A quad split along its diagonal, drawn as two independent triangles (not the rectangle
    // shortcut), and a fan of eight triangles around a centre: every pixel gets one layer.
    // Both shapes have edges running exactly through pixel centres (x.5, y.5).
    const ImU32 half = IM_COL32(255, 255, 255, 128);
    Triangle(ImVec2(2.5f, 2.5f), ImVec2(20.5f, 2.5f), ImVec2(20.5f, 20.5f), half);
    Triangle(ImVec2(20.5f, 20.5f), ImVec2(2.5f, 20.5f), ImVec2(2.5f, 2.5f), half);
    const ImVec2 centre(46.5f, 24.5f);
    const ImVec2 rim[8] = {{12, 0},  {8, 8},   {0, 12},  {-8, 8},
                           {-12, 0}, {-8, -8}, {0, -12}, {8, -8}};
    for (int i = 0; i < 8; ++i) {
        const ImVec2 a = rim[i];
        const ImVec2 b = rim[(i + 1) % 8];
        Triangle(centre, ImVec2(centre.x + a.x, centre.y + a.y),
                 ImVec2(centre.x + b.x, centre.y + b.y), half);
    }
    Draw();
    std::set<std::uint32_t> colours;
    for (int y = 0; y < kH; ++y) {
        for (int x = 0; x < kW; ++x) {
            colours.insert(At(x, y));
        }
    }
    // The background and one blended colour: no pixel was blended twice, none left out.
    EXPECT_EQ(colours.size(), 2u);
    EXPECT_NE(At(11, 11), kBackground);  // on the quad's diagonal
    EXPECT_EQ(At(11, 11), At(46, 24));   // the fan's centre
    EXPECT_EQ(At(11, 11), At(46, 14));   // on a spoke of the fan
}

TEST_F(RasterTest, AnAlmostHorizontalEdgeStillFillsItsTriangle) {
    // The edge from (-1000, 10) to (60, 10 + 1 ulp) is all but horizontal: its crossing of a
    // row lies billions of pixels away (a rounded button's fill had a missing wedge from it).
    Triangle(ImVec2(-1000.0f, 10.0f), ImVec2(60.0f, std::nextafter(10.0f, 11.0f)),
             ImVec2(60.0f, 47.0f), IM_COL32(0, 255, 0, 255));
    Draw();
    EXPECT_EQ(At(55, 30), 0x00FF00u);
    EXPECT_EQ(At(30, 15), 0x00FF00u);
    EXPECT_EQ(At(30, 45), 0x00FF00u);
    EXPECT_EQ(At(2, 45), kBackground);  // below the long edge
}

TEST_F(RasterTest, ClipRectanglesCutWhatIsDrawn) {
    m_list->PushClipRect(ImVec2(10, 10), ImVec2(20, 20));
    m_list->AddRectFilled(ImVec2(0, 0), ImVec2(kW, kH), IM_COL32(0, 0, 255, 255));
    m_list->AddTriangleFilled(ImVec2(0, 0), ImVec2(kW, 0), ImVec2(0, kH), IM_COL32(0, 0, 255, 255));
    m_list->PopClipRect();
    Draw();
    EXPECT_EQ(At(10, 10), 0x0000FFu);
    EXPECT_EQ(At(19, 19), 0x0000FFu);
    EXPECT_EQ(At(9, 15), kBackground);
    EXPECT_EQ(At(20, 15), kBackground);
    EXPECT_EQ(At(15, 20), kBackground);
}

TEST_F(RasterTest, TexturedRectanglesTakeTheAtlasCoverageAsAlpha) {
    // The 4x4 atlas one to one onto pixels (as glyphs are drawn): each pixel centre is a
    // texel centre and gets exactly that texel's coverage. Then twice the size, where pixel
    // centres fall between texels: the coverage is interpolated.
    m_list->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)), ImVec2(0, 0),
                     ImVec2(4, 4), ImVec2(0, 0), ImVec2(1, 1), IM_COL32(255, 255, 255, 255));
    m_list->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)), ImVec2(10, 0),
                     ImVec2(18, 8), ImVec2(0, 0), ImVec2(1, 1), IM_COL32(255, 255, 255, 255));
    Draw();
    const auto expected = [](unsigned coverage, unsigned background) {
        return (255u * coverage + background * (255u - coverage) + 127u) / 255u;
    };
    for (int ty = 0; ty < 4; ++ty) {
        for (int tx = 0; tx < 4; ++tx) {
            const unsigned coverage = m_atlas[ty * 4 + tx];
            EXPECT_NEAR(static_cast<double>(At(tx, ty) & 0xFF), expected(coverage, 0x30), 1.0)
                << tx << "," << ty;
        }
    }
    // Pixel (13, 4) of the doubled copy: its centre (3.5, 4.5) in the copy is atlas position
    // (1.75, 2.25): a quarter of the way from texel centre (1, 1) to (2, 1), three quarters
    // of the way from row 1 to row 2.
    const double c11 = m_atlas[5];
    const double c21 = m_atlas[6];
    const double c12 = m_atlas[9];
    const double c22 = m_atlas[10];
    const double top = c11 + (c21 - c11) * 0.25;
    const double bottom = c12 + (c22 - c12) * 0.25;
    const double coverage = top + (bottom - top) * 0.75;
    EXPECT_NEAR(static_cast<double>(At(13, 4) & 0xFF),
                expected(static_cast<unsigned>(std::lround(coverage)), 0x30), 1.0);
}

TEST_F(RasterTest, BrokenGeometryDrawsNothingAndDoesNotCrash) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float huge = 1e30f;
    Triangle(ImVec2(nan, 0), ImVec2(10, 10), ImVec2(0, 10), IM_COL32(255, 0, 0, 255));
    Triangle(ImVec2(5, 5), ImVec2(5, 5), ImVec2(5, 5), IM_COL32(255, 0, 0, 255));
    Triangle(ImVec2(-huge, -huge), ImVec2(huge, -huge), ImVec2(0, huge), IM_COL32(0, 0, 255, 255));
    Draw();
    EXPECT_EQ(At(5, 5), 0x0000FFu);  // the huge triangle covers the whole picture, clipped
    EXPECT_EQ(At(kW - 1, kH - 1), 0x0000FFu);
}

TEST_F(RasterTest, ThePictureIsWrittenAsPng) {
    m_list->AddRectFilled(ImVec2(0, 0), ImVec2(kW, kH), IM_COL32(200, 100, 50, 255));
    Draw();
    const std::string path = ::testing::TempDir() + "/raster_test.png";
    ASSERT_TRUE(m_raster.WritePng(path));
    EXPECT_FALSE(m_raster.WritePng("/nonexistent-dir/x.png"));
}

}  // namespace
}  // namespace treffpunkt
