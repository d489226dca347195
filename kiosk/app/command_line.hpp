// The treffpunkt-kiosk command line: subcommands that need no display (import, export,
// validate, search) and, without a subcommand, the GUI through the entry point main.cpp gives.
#pragma once

#include "kiosk/app/launch.hpp"

namespace treffpunkt {

// Parses argv and runs what it asks for. `gui` may be empty in a build without the GUI.
// Returns the process exit code: 0 success, 1 failure (with a message on stderr), 2 bad use.
int RunKioskCommandLine(int argc, char** argv, const GuiEntry& gui);

}  // namespace treffpunkt
