// The GUI entry point: a GLFW 3.3 window drawn with OpenGL 3 or on the CPU (FrameRenderer),
// the event-driven main loop, touch (arriving as mouse events) mapped through the configured
// rotation, the script runner and the statistics. kiosk/main.cpp calls RunKioskGui when
// treffpunkt-kiosk runs without a subcommand.
//
// Deliberately not here: a native Wayland touch path (GLFW drops touch there; the kiosk runs
// under cage with Xwayland), and any network code (the sync thread only calls WakeKioskGui).
#pragma once

#include "kiosk/app/launch.hpp"

namespace treffpunkt {

// Runs the kiosk until it quits; returns the process exit code (1 = a script's expect or tap
// failed or the display/fonts are missing, 2 = bad configuration or script).
int RunKioskGui(const KioskLaunch& launch);

// Thread-safe: wakes the GUI loop (glfwPostEmptyEvent). With data_changed, the GUI re-reads
// the replica first. Does nothing while no GUI runs.
void WakeKioskGui(bool data_changed);

}  // namespace treffpunkt
