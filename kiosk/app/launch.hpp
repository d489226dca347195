// How treffpunkt-kiosk starts the GUI: the command line (kiosk/app/command_line.cpp) fills a
// KioskLaunch and hands it to the GUI entry point that main.cpp wires in (kiosk/platform).
// Keeps the app layer free of any GUI dependency.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace treffpunkt {

struct KioskLaunch {
    std::string config_path;                 // --config FILE; empty = built-in defaults
    std::string db_path;                     // --db PATH, else the config's data dir
    bool db_path_from_command_line{false};   // true if --db was given (overrides config)
    std::string script_path;                 // --script FILE: drive the app, see README
    std::string stats_path;                  // --stats FILE: JSON written on exit
    std::optional<double> exit_after_s;      // --exit-after SECONDS
    std::optional<std::string> window_size;  // --window WxH: windowed instead of fullscreen
};

// Runs the GUI until it quits; returns the process exit code.
using GuiEntry = std::function<int(const KioskLaunch&)>;

}  // namespace treffpunkt
