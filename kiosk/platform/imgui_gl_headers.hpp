// Forced into Debian's imgui_impl_opengl3.cpp (kiosk/platform/CMakeLists.txt), compiled with
// IMGUI_IMPL_OPENGL_LOADER_CUSTOM: the backend calls OpenGL through libGL's own prototypes
// instead of ImGui 1.86's bundled gl3w loader, whose load_procs() writes one function pointer
// past the end of its 53-entry table (54 names; fixed upstream in 1.87). That write corrupted
// whatever global followed the table, and the sanitizers stopped every GUI test on it.
#pragma once

#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/gl.h>
#include <GL/glext.h>
