// The `treffpunkt-hub` command line: parses the arguments (CLI11), runs the command, prints
// the result. main.cpp is a thin shell around RunHubCli. The commands' work is in admin.hpp and
// the server in hub_server.hpp; this file only parses and prints.
#pragma once

#include <iosfwd>

namespace treffpunkt::hub {

// Runs one command. `in` is where PINs are read from; `stdin_is_terminal` makes the PIN prompt
// hide what is typed. Returns the process exit code: 0 success, 1 the command failed, 2 bad
// use of the command line.
int RunHubCli(int argc, const char* const* argv, std::istream& in, std::ostream& out,
              std::ostream& err, bool stdin_is_terminal);

}  // namespace treffpunkt::hub
