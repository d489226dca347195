#include "kiosk/platform/script_runner.hpp"

#include <cstdio>
#include <sstream>

#include "sync/model/text.hpp"

namespace treffpunkt {

namespace {

constexpr std::int64_t kRetryMs = 3000;  // a label may appear a few frames late
constexpr std::int64_t kTapHoldMs = 60;

std::string Trim(const std::string& s) {
    const size_t a = s.find_first_not_of(" \t\r");
    if (a == std::string::npos) {
        return {};
    }
    const size_t b = s.find_last_not_of(" \t\r");
    return s.substr(a, b - a + 1);
}

bool ParseNumbers(const std::string& args, std::vector<float>& out) {
    std::istringstream in(args);
    float v = 0.0f;
    while (in >> v) {
        out.push_back(v);
    }
    return in.eof();
}

std::string Utf8(char32_t c) {
    std::string s;
    AppendUtf8(c, s);
    return s;
}

}  // namespace

Result<std::vector<ScriptCommand>> ParseScript(const std::string& text, const std::string& name) {
    std::vector<ScriptCommand> out;
    std::istringstream in(text);
    std::string raw;
    int line = 0;
    while (std::getline(in, raw)) {
        ++line;
        const std::string l = Trim(raw);
        if (l.empty() || l[0] == '#') {
            continue;
        }
        const size_t space = l.find(' ');
        const std::string cmd = l.substr(0, space);
        const std::string args = space == std::string::npos ? "" : Trim(l.substr(space + 1));
        const std::string where = name + ":" + std::to_string(line) + ": ";
        ScriptCommand c;
        c.line = line;
        std::vector<float> nums;
        if (cmd == "tap") {
            if (args.empty()) {
                return Fail("script.syntax", where + "tap needs a label or X Y");
            }
            if (ParseNumbers(args, nums) && nums.size() == 2) {
                c.kind = ScriptCommand::Kind::kTapXY;
                c.x1 = nums[0];
                c.y1 = nums[1];
            } else {
                c.kind = ScriptCommand::Kind::kTapLabel;
                c.text = args;
            }
        } else if (cmd == "drag") {
            if (!ParseNumbers(args, nums) || nums.size() != 5 || nums[4] < 0) {
                return Fail("script.syntax", where + "drag needs X1 Y1 X2 Y2 MS");
            }
            c.kind = ScriptCommand::Kind::kDrag;
            c.x1 = nums[0];
            c.y1 = nums[1];
            c.x2 = nums[2];
            c.y2 = nums[3];
            c.ms = static_cast<int>(nums[4]);
        } else if (cmd == "type") {
            if (args.empty()) {
                return Fail("script.syntax", where + "type needs text");
            }
            c.kind = ScriptCommand::Kind::kType;
            c.text = space == std::string::npos ? "" : raw.substr(raw.find(' ') + 1);
            while (!c.text.empty() && (c.text.back() == '\r' || c.text.back() == '\n')) {
                c.text.pop_back();
            }
        } else if (cmd == "wait") {
            if (!ParseNumbers(args, nums) || nums.size() != 1 || nums[0] < 0) {
                return Fail("script.syntax", where + "wait needs milliseconds");
            }
            c.kind = ScriptCommand::Kind::kWait;
            c.ms = static_cast<int>(nums[0]);
        } else if (cmd == "expect") {
            if (args.empty()) {
                return Fail("script.syntax", where + "expect needs text");
            }
            c.kind = ScriptCommand::Kind::kExpect;
            c.text = args;
        } else if (cmd == "await") {
            // await MS TEXT: like expect, but waits up to MS (for what the sync brings).
            const size_t gap = args.find(' ');
            if (gap == std::string::npos || !ParseNumbers(args.substr(0, gap), nums) ||
                nums.size() != 1 || nums[0] < 0 ||
                args.find_first_not_of(' ', gap) == std::string::npos) {
                return Fail("script.syntax", where + "await needs milliseconds and text");
            }
            c.kind = ScriptCommand::Kind::kExpect;
            c.ms = static_cast<int>(nums[0]);
            c.text = args.substr(args.find_first_not_of(' ', gap));
        } else if (cmd == "screenshot") {
            if (args.empty()) {
                return Fail("script.syntax", where + "screenshot needs a file name");
            }
            c.kind = ScriptCommand::Kind::kScreenshot;
            c.text = args;
        } else if (cmd == "quit") {
            c.kind = ScriptCommand::Kind::kQuit;
        } else {
            return Fail("script.syntax",
                        where + "unknown command '" + cmd +
                            "' (known: tap, drag, type, wait, expect, await, screenshot, quit)");
        }
        out.push_back(std::move(c));
    }
    return out;
}

bool ScriptRunner::Settled(std::int64_t now_ms, KioskUi& ui) const {
    return m_timed.empty() && !ui.InputPending() && !ui.NeedsFrame(now_ms);
}

void ScriptRunner::Tap(float x, float y, std::int64_t now_ms) {
    m_timed.push_back(PointerEvent{PointerEvent::Type::kDown, x, y, 0.0f, now_ms});
    m_timed.push_back(PointerEvent{PointerEvent::Type::kUp, x, y, 0.0f, now_ms + kTapHoldMs});
}

ScriptRunner::Step ScriptRunner::Fail(const std::string& message) {
    const ScriptCommand& c = m_commands[m_next];
    std::fprintf(stderr, "script line %d: %s\n", c.line, message.c_str());
    m_failed = 1;
    Step s;
    s.exit_code = 1;
    return s;
}

void ScriptRunner::ScreenshotDone(bool ok, const std::string& message) {
    m_screenshot_pending = false;
    if (!ok) {
        std::fprintf(stderr, "screenshot failed: %s\n", message.c_str());
        m_failed = 1;
    }
}

ScriptRunner::Step ScriptRunner::Advance(std::int64_t now_ms, KioskUi& ui) {
    Step step = Next(now_ms, ui);
    // A tap or drag just queued: the loop must come back when its first event is due, even if
    // nothing is drawn meanwhile (a dark display at night draws nothing).
    if (!step.exit_code && !m_timed.empty()) {
        step.wake_at_ms = step.wake_at_ms ? std::min(*step.wake_at_ms, m_timed.front().t_ms)
                                          : m_timed.front().t_ms;
    }
    return step;
}

ScriptRunner::Step ScriptRunner::Next(std::int64_t now_ms, KioskUi& ui) {
    Step step;
    if (m_failed) {
        step.exit_code = *m_failed;
        return step;
    }
    // Timed pointer events (taps and drags) go out when due.
    while (!m_timed.empty() && m_timed.front().t_ms <= now_ms) {
        ui.PushPointer(m_timed.front());
        m_timed.pop_front();
    }
    if (!m_timed.empty()) {
        step.wake_at_ms = m_timed.front().t_ms;
        return step;
    }
    if (m_screenshot_pending) {
        return step;
    }
    if (m_wait_until_ms) {
        if (now_ms < *m_wait_until_ms) {
            step.wake_at_ms = *m_wait_until_ms;
            return step;
        }
        m_wait_until_ms.reset();
        ++m_next;
    }
    if (!Settled(now_ms, ui)) {
        return step;  // the loop renders and comes back
    }
    if (m_next >= m_commands.size()) {
        step.exit_code = 0;
        return step;
    }
    const ScriptCommand& c = m_commands[m_next];
    if (!m_started_ms) {
        m_started_ms = now_ms;
    }
    const LabelRegistry& reg = ui.Registry();
    auto done = [&]() {
        ++m_next;
        m_started_ms.reset();
    };
    auto retry_or_fail = [&](const std::string& message) -> Step {
        if (now_ms - *m_started_ms > std::max<std::int64_t>(kRetryMs, c.ms)) {
            return Fail(message);
        }
        Step s;
        s.wake_at_ms = now_ms + 50;
        ui.Pacer().RequestFrames(1);
        return s;
    };
    switch (c.kind) {
        case ScriptCommand::Kind::kTapLabel: {
            const auto e = reg.FindTappable(c.text);
            if (!e) {
                return retry_or_fail("nothing to tap labelled '" + c.text + "'");
            }
            Tap((e->rect.x0 + e->rect.x1) * 0.5f, (e->rect.y0 + e->rect.y1) * 0.5f, now_ms);
            done();
            break;
        }
        case ScriptCommand::Kind::kTapXY:
            Tap(c.x1, c.y1, now_ms);
            done();
            break;
        case ScriptCommand::Kind::kDrag: {
            const int steps = std::max(2, c.ms / 16);
            m_timed.push_back(PointerEvent{PointerEvent::Type::kDown, c.x1, c.y1, 0.0f, now_ms});
            for (int i = 1; i <= steps; ++i) {
                const float f = static_cast<float>(i) / static_cast<float>(steps);
                m_timed.push_back(PointerEvent{
                    PointerEvent::Type::kMove, c.x1 + (c.x2 - c.x1) * f, c.y1 + (c.y2 - c.y1) * f,
                    0.0f, now_ms + static_cast<std::int64_t>(c.ms) * i / steps});
            }
            m_timed.push_back(
                PointerEvent{PointerEvent::Type::kUp, c.x2, c.y2, 0.0f, now_ms + c.ms + 1});
            done();
            break;
        }
        case ScriptCommand::Kind::kType: {
            if (!m_typing_active) {
                m_typing_active = true;
                m_typing.clear();
                size_t pos = 0;
                while (pos < c.text.size()) {
                    m_typing.push_back(NextCodePoint(c.text, pos));
                }
            }
            if (m_typing.empty()) {
                m_typing_active = false;
                m_type_switches = 0;
                done();
                break;
            }
            const char32_t ch = m_typing.front();
            std::string label = ch == U' ' ? std::string(" ") : Utf8(ch);
            if (const auto e = reg.FindTappable(label); e && e->label == label) {
                Tap((e->rect.x0 + e->rect.x1) * 0.5f, (e->rect.y0 + e->rect.y1) * 0.5f, now_ms);
                m_typing.erase(0, 1);
                m_type_switches = 0;
                break;
            }
            // Not on the keys shown: try shift, the other layer, then give up.
            const char* switches[] = {"⇧", "123", "ABC"};
            if (m_type_switches < 3) {
                const auto sw = reg.FindTappable(switches[m_type_switches]);
                ++m_type_switches;
                if (sw) {
                    Tap((sw->rect.x0 + sw->rect.x1) * 0.5f, (sw->rect.y0 + sw->rect.y1) * 0.5f,
                        now_ms);
                }
                break;
            }
            return Fail("no on-screen key types '" + label +
                        "' (is the keyboard open? tap the search field first)");
        }
        case ScriptCommand::Kind::kWait:
            m_wait_until_ms = now_ms + c.ms;
            m_started_ms.reset();
            step.wake_at_ms = *m_wait_until_ms;
            return step;
        case ScriptCommand::Kind::kExpect:
            if (!reg.ContainsText(c.text)) {
                return retry_or_fail("expected '" + c.text + "' on screen");
            }
            done();
            break;
        case ScriptCommand::Kind::kScreenshot:
            step.screenshot = c.text;
            m_screenshot_pending = true;
            ui.Pacer().RequestFrames(1);
            done();
            break;
        case ScriptCommand::Kind::kQuit:
            step.exit_code = 0;
            done();
            return step;
    }
    // Come back at once for the next command (or when the first timed event is due).
    step.wake_at_ms = m_timed.empty() ? now_ms : m_timed.front().t_ms;
    return step;
}

}  // namespace treffpunkt
