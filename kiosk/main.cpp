// treffpunkt-kiosk: a thin shell. The command line lives in kiosk/app; the GUI in
// kiosk/platform, wired in here only when the build has it.
#include "kiosk/app/command_line.hpp"

#ifdef TREFFPUNKT_WITH_GUI
#include "kiosk/platform/run_gui.hpp"
#endif

int main(int argc, char** argv) {
#ifdef TREFFPUNKT_WITH_GUI
    return treffpunkt::RunKioskCommandLine(argc, argv, treffpunkt::RunKioskGui);
#else
    return treffpunkt::RunKioskCommandLine(argc, argv, {});
#endif
}
