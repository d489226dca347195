// `--script FILE`: drives the real app like a finger would. One command per line:
//   tap LABEL | tap X Y | drag X1 Y1 X2 Y2 MS | type TEXT | wait MS | expect TEXT |
//   await MS TEXT | screenshot FILE.png | quit   (blank lines and lines starting with # are
//   skipped). expect waits up to 3 s for its text, await up to MS.
// Each command waits until the UI has settled after the previous one. Coordinates are
// logical pixels (as the app lays out, after rotation).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/ui/kiosk_ui.hpp"
#include "sync/model/result.hpp"

namespace treffpunkt {

struct ScriptCommand {
    enum class Kind { kTapLabel, kTapXY, kDrag, kType, kWait, kExpect, kScreenshot, kQuit };
    Kind kind{Kind::kQuit};
    std::string text;  // label, text to type or to expect, file name
    float x1{0.0f};
    float y1{0.0f};
    float x2{0.0f};
    float y2{0.0f};
    int ms{0};
    int line{0};
};

// Parses a script; an unknown command or bad arguments is error "script.syntax" naming
// "FILE:LINE".
Result<std::vector<ScriptCommand>> ParseScript(const std::string& text, const std::string& name);

class ScriptRunner {
  public:
    explicit ScriptRunner(std::vector<ScriptCommand> commands) : m_commands(std::move(commands)) {}

    struct Step {
        std::optional<std::string> screenshot;   // capture the next presented frame to this file
        std::optional<int> exit_code;            // stop the app with this code
        std::optional<std::int64_t> wake_at_ms;  // the loop must run again by then
    };
    // Called on every loop iteration; pushes input into `ui`.
    Step Advance(std::int64_t now_ms, KioskUi& ui);
    // After a requested screenshot was written (or failed).
    void ScreenshotDone(bool ok, const std::string& message);

  private:
    Step Next(std::int64_t now_ms, KioskUi& ui);
    bool Settled(std::int64_t now_ms, KioskUi& ui) const;
    void Tap(float x, float y, std::int64_t now_ms);
    Step Fail(const std::string& message);

    std::vector<ScriptCommand> m_commands;
    size_t m_next{0};
    std::deque<PointerEvent> m_timed;          // events to push when their time comes
    std::optional<std::int64_t> m_started_ms;  // when the current command started (retries)
    std::optional<std::int64_t> m_wait_until_ms;
    std::u32string m_typing;      // what is left of a "type" command
    bool m_typing_active{false};  // a "type" command is under way
    int m_type_switches{0};       // layer/shift switches tried for the current character
    bool m_screenshot_pending{false};
    std::optional<int> m_failed;
};

}  // namespace treffpunkt
