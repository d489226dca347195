#include "kiosk/platform/run_gui.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>

#include "kiosk/app/bootstrap.hpp"
#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/paths.hpp"
#include "kiosk/core/screen_schedule.hpp"
#include "kiosk/core/touch_metrics.hpp"
#include "kiosk/platform/display_power.hpp"
#include "kiosk/platform/espeak_speech.hpp"
#include "kiosk/platform/gl_renderer.hpp"
#include "kiosk/platform/process_stats.hpp"
#include "kiosk/platform/script_runner.hpp"
#include "kiosk/platform/software_renderer.hpp"
#include "kiosk/platform/systemd_notify.hpp"
#include "kiosk/ui/kiosk_ui.hpp"
#include "sync/client/sync_engine.hpp"
#include "sync/model/dataset.hpp"

namespace treffpunkt {

namespace {

// Set while a GUI runs; WakeKioskGui may be called from any thread.
std::atomic<bool> g_gui_running{false};
std::atomic<bool> g_data_changed{false};
std::atomic<bool> g_sync_changed{false};  // the sync engine's status changed
// The night schedule looks at the clock at least this often.
constexpr std::int64_t kNightCheckMs = 60'000;
std::string g_glfw_error;  // last GLFW error text (GLFW reports on the calling thread)

std::int64_t SteadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

UtcTime WallNow() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

// Everything the GLFW callbacks need.
struct LoopState {
    KioskUi* ui{nullptr};
    FrameRenderer* renderer{nullptr};
    Rotation rotation{Rotation::k0};
    bool mouse_down{false};
};

LoopState* StateOf(GLFWwindow* w) {
    return static_cast<LoopState*>(glfwGetWindowUserPointer(w));
}

Vec2 Logical(GLFWwindow* w, double x, double y) {
    int ww = 0;
    int wh = 0;
    glfwGetWindowSize(w, &ww, &wh);
    return PanelToLogical(StateOf(w)->rotation,
                          Vec2{static_cast<float>(ww), static_cast<float>(wh)},
                          Vec2{static_cast<float>(x), static_cast<float>(y)});
}

void OnCursor(GLFWwindow* w, double x, double y) {
    const Vec2 p = Logical(w, x, y);
    StateOf(w)->ui->PushPointer(
        PointerEvent{PointerEvent::Type::kMove, p.x, p.y, 0.0f, SteadyMs()});
}

void OnButton(GLFWwindow* w, int button, int action, int) {
    if (button != GLFW_MOUSE_BUTTON_LEFT) {
        return;  // one finger: the left button is what a touch screen emulates
    }
    double x = 0.0;
    double y = 0.0;
    glfwGetCursorPos(w, &x, &y);
    const Vec2 p = Logical(w, x, y);
    const auto type = action == GLFW_PRESS ? PointerEvent::Type::kDown : PointerEvent::Type::kUp;
    StateOf(w)->ui->PushPointer(PointerEvent{type, p.x, p.y, 0.0f, SteadyMs()});
}

void OnScroll(GLFWwindow* w, double, double dy) {
    double x = 0.0;
    double y = 0.0;
    glfwGetCursorPos(w, &x, &y);
    const Vec2 p = Logical(w, x, y);
    StateOf(w)->ui->PushPointer(
        PointerEvent{PointerEvent::Type::kWheel, p.x, p.y, static_cast<float>(dy), SteadyMs()});
}

void OnChar(GLFWwindow* w, unsigned int c) {
    std::string s;
    if (c < 0x80) {
        s += static_cast<char>(c);
    } else if (c < 0x800) {
        s += static_cast<char>(0xC0 | (c >> 6));
        s += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        s += static_cast<char>(0xE0 | (c >> 12));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        return;
    }
    StateOf(w)->ui->PushText(s);
}

void OnKey(GLFWwindow* w, int key, int, int action, int) {
    if (key == GLFW_KEY_BACKSPACE && action != GLFW_RELEASE) {
        StateOf(w)->ui->PushBackspace();
    }
}

// The window was uncovered or mapped: show the picture again, or draw a new one.
void OnRefresh(GLFWwindow* w) {
    LoopState* state = StateOf(w);
    if (state->renderer != nullptr && !state->renderer->Repaint()) {
        state->ui->Pacer().RequestFrames(1);
    }
}

void OnGlfwError(int, const char* text) {
    g_glfw_error = text != nullptr ? text : "";
}

int Failure(const std::string& message, int code = 1) {
    std::fprintf(stderr, "treffpunkt-kiosk: %s\n", message.c_str());
    return code;
}

// The sync engine, when the config names a hub: its own thread and database connection. Its
// status reaches the UI thread through g_sync_changed and an empty GLFW event. A failure to
// start is shown as the status (and logged); the kiosk works on with the data it has.
std::unique_ptr<SyncEngine> StartSync(const KioskConfig& config, const std::string& db_path,
                                      KioskApp& app, UtcTime now) {
    if (!config.sync.enabled()) {
        return nullptr;
    }
    SyncEngineOptions options;
    options.config = config.sync;
    options.db_path = db_path;
    options.log = [](const std::string& line) {
        // An unchanged poll, once a minute, would fill the journal.
        if (line.find("(nothing changed)") == std::string::npos &&
            line.find("pull: no changes") == std::string::npos) {
            std::fprintf(stderr, "treffpunkt-kiosk: %s\n", line.c_str());
        }
    };
    auto started = SyncEngine::Start(std::move(options));
    if (!started) {
        std::fprintf(stderr, "treffpunkt-kiosk: the sync cannot start: %s\n",
                     started.error().message.c_str());
        SyncStatus failed;
        failed.enabled = true;
        failed.clock_trusted = true;  // only the build-time check applies then
        failed.last_error_code = started.error().code;
        failed.last_error_message = started.error().message;
        failed.last_error_at = now;
        app.SetSyncStatus(std::move(failed), now);
        return nullptr;
    }
    std::unique_ptr<SyncEngine> engine = std::move(*started);
    engine->SetWakeCallback([] {
        g_sync_changed = true;
        WakeKioskGui(false);
    });
    app.SetSyncRequester([e = engine.get()] { e->RequestSyncNow(); });
    app.SetSyncStatus(engine->Status(), now);
    return engine;
}

std::optional<std::pair<int, int>> ParseWindowSize(const std::string& text) {
    int w = 0;
    int h = 0;
    char x = 0;
    if (std::sscanf(text.c_str(), "%d%c%d", &w, &x, &h) == 3 && (x == 'x' || x == 'X') &&
        w >= 320 && h >= 240 && w <= 16384 && h <= 16384) {
        return std::make_pair(w, h);
    }
    return std::nullopt;
}

// The CPU renderer, or OpenGL on the window's current context.
Result<std::unique_ptr<FrameRenderer>> MakeRenderer(bool software, GLFWwindow* window) {
    if (software) {
        auto made = SoftwareRenderer::Create(window);
        if (!made) {
            return ErrorFrom(made);
        }
        return std::unique_ptr<FrameRenderer>(std::move(*made));
    }
    auto made = GlRenderer::Create(window);
    if (!made) {
        return ErrorFrom(made);
    }
    return std::unique_ptr<FrameRenderer>(std::move(*made));
}

}  // namespace

void WakeKioskGui(bool data_changed) {
    if (data_changed) {
        g_data_changed = true;
    }
    if (g_gui_running) {
        glfwPostEmptyEvent();
    }
}

int RunKioskGui(const KioskLaunch& launch) {
    GuiStats stats;
    // --- Configuration and data (before the window: errors show on the terminal) ----------
    KioskConfig config;
    if (!launch.config_path.empty()) {
        auto loaded = LoadKioskConfig(launch.config_path);
        if (!loaded) {
            return Failure(loaded.error().message, 2);
        }
        config = *loaded;
    }
    if (launch.window_size) {
        const auto size = ParseWindowSize(*launch.window_size);
        if (!size) {
            return Failure(
                "--window must be WIDTHxHEIGHT, e.g. 800x480 (got '" + *launch.window_size + "')",
                2);
        }
        config.display.fullscreen = false;
        config.display.window_width = size->first;
        config.display.window_height = size->second;
    }
    std::vector<ScriptCommand> script;
    if (!launch.script_path.empty()) {
        auto text = ReadTextFile(launch.script_path, 1u << 20);
        if (!text) {
            return Failure(text.error().message, 2);
        }
        auto parsed = ParseScript(*text, launch.script_path);
        if (!parsed) {
            return Failure(parsed.error().message, 2);
        }
        script = std::move(*parsed);
    }
    auto i18n = I18n::Load(AssetPath("i18n"), config.languages.offered);
    if (!i18n) {
        return Failure(i18n.error().message);
    }
    std::string db_path = launch.db_path;
    if (!launch.db_path_from_command_line && !config.data_dir.empty()) {
        db_path = config.data_dir + "/replica.db";
    }
    if (db_path.empty()) {
        db_path = DefaultDatabasePath();
    }
    const UtcTime start_wall = WallNow();
    KioskApp app(
        config, std::move(*i18n),
        OpenKioskReplica(db_path, !launch.db_path_from_command_line && !config.sync.enabled(),
                         start_wall),
        start_wall);
    if (!app.HasData() && !app.StatusDetail().empty()) {
        std::fprintf(stderr, "treffpunkt-kiosk: no data to show: %s\n", app.StatusDetail().c_str());
    }
    std::unique_ptr<SyncEngine> sync = StartSync(config, db_path, app, start_wall);

    // --- Window ---------------------------------------------------------------------------
    glfwSetErrorCallback(OnGlfwError);
    if (glfwInit() == GLFW_FALSE) {
        return Failure("cannot open a display (" + g_glfw_error +
                       "). Set DISPLAY (e.g. DISPLAY=:0) to a running X server, or start one: "
                       "'Xvfb :99 &' (apt-get install xvfb) then DISPLAY=:99");
    }
    // Without direct rendering, Mesa's OpenGL is a CPU rasterizer too (and loads LLVM): the
    // kiosk's own is lighter. No OpenGL context is made for it at all.
    const bool software =
        config.display.renderer == RendererChoice::kSoftware ||
        (config.display.renderer == RendererChoice::kAuto && !DisplayHasDirectRendering());
    stats.renderer = software ? "software" : "opengl";
    if (config.display.renderer == RendererChoice::kAuto) {
        std::fprintf(stderr, "treffpunkt-kiosk: %s\n",
                     software ? "the display has no direct rendering (no GPU): drawing on the CPU"
                              : "drawing with OpenGL (the display has direct rendering)");
    }
    if (software) {
        glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    } else {
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
        glfwWindowHint(GLFW_DOUBLEBUFFER, GLFW_TRUE);
    }
    GLFWmonitor* monitor = config.display.fullscreen ? glfwGetPrimaryMonitor() : nullptr;
    int width = config.display.window_width;
    int height = config.display.window_height;
    if (monitor != nullptr) {
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        width = mode->width;
        height = mode->height;
    }
    GLFWwindow* window = glfwCreateWindow(width, height, "Treffpunkt", monitor, nullptr);
    if (window == nullptr) {
        glfwTerminate();
        if (software) {
            return Failure("cannot create a window (" + g_glfw_error + "); check the X server");
        }
        return Failure("cannot create an OpenGL 3 window (" + g_glfw_error +
                       "); install libgl1-mesa-dri, set [display] renderer = \"software\", or "
                       "check the X server");
    }
    if (!software) {
        glfwMakeContextCurrent(window);
        glfwSwapInterval(1);
    }
    if (monitor != nullptr) {
        glfwSetInputMode(window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);  // a touch screen has none
    }

    // Touch sizes from the panel: the config, else the monitor's physical size, else 96 dpi.
    DisplayGeometry geometry;
    geometry.width_px = width;
    geometry.height_px = height;
    geometry.dpi = config.display.dpi;
    geometry.diagonal_in = config.display.diagonal_in;
    if (geometry.dpi <= 0.0 && geometry.diagonal_in <= 0.0) {
        int mm_w = 0;
        int mm_h = 0;
        glfwGetMonitorPhysicalSize(glfwGetPrimaryMonitor(), &mm_w, &mm_h);
        const GLFWvidmode* mode = glfwGetVideoMode(glfwGetPrimaryMonitor());
        if (mm_w > 0 && mode != nullptr) {
            geometry.width_px = mode->width;
            geometry.width_mm = mm_w;
        }
    }
    const TouchMetrics metrics = ComputeTouchMetrics(geometry);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    auto made = MakeRenderer(software, window);
    if (!made) {
        return Failure(made.error().message);
    }
    std::unique_ptr<FrameRenderer> renderer = std::move(*made);
    KioskUi ui(app, metrics);
    if (auto r = ui.Init([&renderer] { renderer->UploadFonts(); }); !r) {
        return Failure(r.error().message);
    }
    // "Vorlesen": espeak-ng on its own thread; it wakes the loop when it has finished reading.
    std::unique_ptr<EspeakSpeech> speech;
    if (config.speech.read_aloud != ReadAloudMode::kOff) {
        const EspeakSpeech::Offer offer = config.speech.read_aloud == ReadAloudMode::kOn
                                              ? EspeakSpeech::Offer::kAlways
                                          : HasSoundCard() ? EspeakSpeech::Offer::kIfWorks
                                                           : EspeakSpeech::Offer::kNo;
        speech = std::make_unique<EspeakSpeech>(
            SpeechSettings{config.speech.volume_percent, config.speech.rate_wpm}, offer,
            [] { WakeKioskGui(false); });
        ui.SetSpeech(speech.get());
    }
    // The night schedule and systemd's watchdog.
    std::optional<NightPolicy> night;
    if (config.screen_schedule.enabled) {
        night.emplace(config.screen_schedule);
    }
    DisplayPower display_power(config.screen_schedule.power_command);
    SystemdNotifier systemd = SystemdNotifier::FromEnvironment();
    bool ready_sent = false;
    ui.SetNight(night ? &*night : nullptr);
    LoopState loop{&ui, renderer.get(), config.display.rotation};
    glfwSetWindowUserPointer(window, &loop);
    glfwSetCursorPosCallback(window, OnCursor);
    glfwSetMouseButtonCallback(window, OnButton);
    glfwSetScrollCallback(window, OnScroll);
    glfwSetCharCallback(window, OnChar);
    glfwSetKeyCallback(window, OnKey);
    glfwSetWindowRefreshCallback(window, OnRefresh);
    g_gui_running = true;

    std::optional<ScriptRunner> runner;
    if (!launch.script_path.empty()) {
        runner.emplace(std::move(script));
    }
    const std::int64_t start_ms = SteadyMs();
    // --exit-after: when to quit by itself (never without it).
    const std::int64_t exit_at_ms =
        launch.exit_after_s ? start_ms + static_cast<std::int64_t>(*launch.exit_after_s * 1000.0)
                            : std::numeric_limits<std::int64_t>::max();
    std::optional<std::string> screenshot;
    constexpr std::int64_t kMemorySampleMs = 500;
    const bool stats_wanted = !launch.stats_path.empty();
    std::int64_t next_memory_sample_ms = 0;
    int exit_code = 0;
    bool quit = false;
    while (!quit && glfwWindowShouldClose(window) == GLFW_FALSE) {
        std::int64_t now = SteadyMs();
        // Sleep until input, a wake-up, the next frame the UI wants, or the script's next step.
        std::optional<std::int64_t> wait = ui.WaitTimeoutMs(now);
        std::optional<ScriptRunner::Step> step;
        if (runner) {
            step = runner->Advance(now, ui);
            if (step->exit_code) {
                exit_code = *step->exit_code;
                quit = true;
                break;
            }
            if (step->screenshot) {
                screenshot = step->screenshot;
            }
            if (step->wake_at_ms) {
                const std::int64_t w = std::max<std::int64_t>(0, *step->wake_at_ms - now);
                wait = wait ? std::min(*wait, w) : w;
            }
            if (ui.NeedsFrame(now)) {
                wait = 0;
            }
        }
        if (launch.exit_after_s) {
            const std::int64_t w = std::max<std::int64_t>(0, exit_at_ms - now);
            wait = wait ? std::min(*wait, w) : w;
        }
        // systemd's watchdog expects a sign of life even while nothing is drawn; the night
        // schedule looks at the clock every minute, and at the end of a wake-up.
        std::optional<std::int64_t> wake_for_system = systemd.NextKeepAliveMs();
        if (night) {
            std::int64_t check = now + kNightCheckMs;
            if (const auto until = night->AwakeUntilMs()) {
                check = std::min(check, *until);
            }
            wake_for_system = wake_for_system ? std::min(*wake_for_system, check) : check;
        }
        if (wake_for_system) {
            const std::int64_t w = std::max<std::int64_t>(0, *wake_for_system - now);
            wait = wait ? std::min(*wait, w) : w;
        }
        if (!wait) {
            glfwWaitEvents();
        } else if (*wait > 0) {
            glfwWaitEventsTimeout(static_cast<double>(*wait) / 1000.0);
        } else {
            glfwPollEvents();
        }
        now = SteadyMs();
        if (now >= exit_at_ms) {
            break;
        }
        if (g_data_changed.exchange(false)) {
            ui.OnDataChanged(WallNow());
        }
        if (sync && g_sync_changed.exchange(false)) {
            ui.OnSyncStatus(sync->Status(), WallNow());
        }
        systemd.KeepAlive(now);
        display_power.Reap();
        if (night) {
            const UtcTime wall = WallNow();
            const LocalDateTime local = ToBerlin(wall);
            NightPolicy::Action action = night->Update(
                app.ClockTrusted(wall), IsoWeekdayIndex(local.date), local.minute_of_day, now);
            if (ui.TakeNightWake()) {
                action = NightPolicy::Action::kWake;
            }
            if (action == NightPolicy::Action::kGoDark) {
                // Nobody's search stays behind a dark screen; the picture goes black whatever
                // the power command manages; then no more frames until a touch or the morning.
                ui.ResetForNight();
                renderer->PresentBlack();
                display_power.Switch(false);
                ++stats.night_darkenings;
                if (!ready_sent) {
                    ready_sent = systemd.Ready();  // started at night: dark is its first frame
                }
            } else if (action == NightPolicy::Action::kWake) {
                display_power.Switch(true);
                ui.Pacer().OnInput();
            }
            if (night->Dark() && !screenshot) {
                continue;
            }
        }
        if (!ui.NeedsFrame(now) && !screenshot) {
            continue;
        }
        int ww = 0;
        int wh = 0;
        int fw = 0;
        int fh = 0;
        glfwGetWindowSize(window, &ww, &wh);
        glfwGetFramebufferSize(window, &fw, &fh);
        const Vec2 logical =
            LogicalSize(loop.rotation, Vec2{static_cast<float>(ww), static_cast<float>(wh)});
        const double cpu0 = ThreadCpuMs();
        renderer->NewFrame();
        ui.BuildFrame(now, WallNow(), logical.x, logical.y);
        const double cpu1 = ThreadCpuMs();
        stats.frame_cpu_ms.push_back(cpu1 - cpu0);
        renderer->Render(ImGui::GetDrawData(), loop.rotation, static_cast<float>(ww),
                         static_cast<float>(wh), fw, fh);
        stats.render_cpu_ms.push_back(ThreadCpuMs() - cpu1);
        if (screenshot) {
            auto r = renderer->Screenshot(*screenshot);
            if (runner) {
                runner->ScreenshotDone(r.has_value(), r ? "" : r.error().message);
            }
            screenshot.reset();
        }
        renderer->Present();
        ++stats.frames_rendered;
        if (stats.frames_rendered == 1) {
            renderer->Finish();
            stats.first_frame_ms = ProcessAgeMs();
            if (!ready_sent) {
                ready_sent = systemd.Ready();  // "active" once residents can see the kiosk
            }
        }
        // Memory is sampled after frames only (never while idle), at most twice a second.
        if (stats_wanted && now >= next_memory_sample_ms) {
            KeepPeak(stats.peak_memory, SampleMemory());
            next_memory_sample_ms = now + kMemorySampleMs;
        }
        ui.FrameRendered(now);
    }
    systemd.Stopping();
    app.SetSyncRequester({});
    sync.reset();  // stops the thread: no wake-up after this
    g_gui_running = false;
    ui.SetSpeech(nullptr);
    speech.reset();

    stats.present = renderer->PresentPath();
    stats.peak_rss_kb = PeakRssKb();
    stats.process_cpu_ms = ProcessCpuMs();
    stats.exit_memory = SampleMemory();
    KeepPeak(stats.peak_memory, stats.exit_memory);
    stats.heap_in_use_kb = HeapInUseKb();
    if (!launch.stats_path.empty()) {
        std::ofstream out(launch.stats_path);
        out << StatsJson(stats);
        if (!out) {
            std::fprintf(stderr, "treffpunkt-kiosk: cannot write %s\n", launch.stats_path.c_str());
        }
    }
    loop.renderer = nullptr;
    renderer.reset();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exit_code;
}

}  // namespace treffpunkt
