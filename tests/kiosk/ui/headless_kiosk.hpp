// The kiosk UI without a window: a Dear ImGui context whose font atlas is built in memory,
// the sample data in a temporary replica, a fake clock, and fingers from the label registry.
#pragma once

#include <imgui.h>

#include <filesystem>
#include <memory>
#include <string>

#include "kiosk/app/bootstrap.hpp"
#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/paths.hpp"
#include "kiosk/core/touch_metrics.hpp"
#include "kiosk/ui/kiosk_ui.hpp"

namespace treffpunkt::testing {

inline std::string SampleDatasetPath() {
    return std::string(TREFFPUNKT_SOURCE_DIR) + "/assets/sample/saarlouis.json";
}

// The place of the sample kiosk: Ort der Begegnung Roden.
inline constexpr const char* kRodenPlaceId = "ddbde832-f039-595a-b09b-05c1296565d4";

inline KioskConfig SampleConfig() {
    KioskConfig c;
    c.place_id = kRodenPlaceId;
    return c;
}

// A replica with the sample data in a fresh temporary directory.
inline Result<Replica> SampleReplica(const std::string& dir, UtcTime now) {
    std::filesystem::create_directories(dir);
    auto replica = Replica::Open(dir + "/replica.db");
    if (!replica) {
        return replica;
    }
    std::vector<Problem> problems;
    auto dataset = LoadDatasetFile(SampleDatasetPath(), problems);
    if (!dataset) {
        return Fail("sample.invalid",
                    problems.empty() ? dataset.error().message : problems[0].ToString());
    }
    if (auto r = replica->ReplaceDataset(*dataset, now); !r) {
        return Unexpected<Error>(r.error());
    }
    return replica;
}

class HeadlessKiosk {
  public:
    // `replica` null = use the sample data. Display 800x480, a 7" panel.
    explicit HeadlessKiosk(KioskConfig config = SampleConfig(),
                           std::optional<Result<Replica>> replica = std::nullopt,
                           float width = 800.0f, float height = 480.0f, double diagonal_in = 7.0)
        : m_dir(std::filesystem::temp_directory_path() /
                ("tp-ui-" + std::to_string(::getpid()) + "-" + std::to_string(s_counter++))),
          m_width(width),
          m_height(height) {
        wall = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
        m_wall_start = wall;
        m_context = ImGui::CreateContext();
        I18n i18n = *I18n::Load(std::string(TREFFPUNKT_SOURCE_DIR) + "/assets/i18n",
                                config.languages.offered);
        m_app = std::make_unique<KioskApp>(
            config, std::move(i18n),
            replica ? std::move(*replica) : SampleReplica(m_dir.string(), wall), wall);
        DisplayGeometry g;
        g.width_px = static_cast<int>(width);
        g.height_px = static_cast<int>(height);
        g.diagonal_in = diagonal_in;
        m_ui = std::make_unique<KioskUi>(*m_app, ComputeTouchMetrics(g));
        init = m_ui->Init([] {
            unsigned char* pixels = nullptr;
            int w = 0;
            int h = 0;
            ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
            ImGui::GetIO().Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
        });
    }
    ~HeadlessKiosk() {
        m_ui.reset();
        m_app.reset();
        ImGui::DestroyContext(m_context);
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }

    KioskUi& Ui() { return *m_ui; }
    KioskApp& App() { return *m_app; }
    AppState& State() { return m_app->State(); }
    const LabelRegistry& Registry() const { return m_ui->Registry(); }

    // One frame, whether or not the pacer asks for it; the clock moves 16 ms.
    void Frame() {
        m_ui->BuildFrame(now_ms, wall, m_width, m_height);
        m_ui->FrameRendered(now_ms);
        ++frames;
        Advance(16);
    }
    // Frames while the UI wants them (at most `limit`); returns how many.
    int Settle(int limit = 400) {
        int n = 0;
        while (n < limit && m_ui->NeedsFrame(now_ms)) {
            Frame();
            ++n;
        }
        return n;
    }
    // Moves both clocks without rendering.
    void Advance(std::int64_t ms) {
        now_ms += ms;
        m_wall_ms += ms;
        wall = m_wall_start + std::chrono::seconds(m_wall_ms / 1000);
    }
    void Push(PointerEvent::Type type, float x, float y) {
        m_ui->PushPointer(PointerEvent{type, x, y, 0.0f, now_ms});
    }
    void TapAt(float x, float y) {
        Push(PointerEvent::Type::kDown, x, y);
        Frame();
        Advance(50);
        Push(PointerEvent::Type::kUp, x, y);
        Settle();
    }
    // Taps the first tappable item with this visible label; false if there is none.
    bool Tap(const std::string& label) {
        Settle();
        const auto e = Registry().FindTappable(label);
        if (!e) {
            return false;
        }
        TapAt((e->rect.x0 + e->rect.x1) * 0.5f, (e->rect.y0 + e->rect.y1) * 0.5f);
        return true;
    }
    bool OnScreen(const std::string& text) {
        Settle();
        return Registry().ContainsText(text);
    }

    Result<void> init = Ok();
    std::int64_t now_ms{1'000'000};
    UtcTime wall{};
    int frames{0};

  private:
    static inline int s_counter = 0;
    std::filesystem::path m_dir;
    float m_width;
    float m_height;
    ImGuiContext* m_context{nullptr};
    std::unique_ptr<KioskApp> m_app;
    std::unique_ptr<KioskUi> m_ui;
    UtcTime m_wall_start{};
    std::int64_t m_wall_ms{0};
};

}  // namespace treffpunkt::testing
