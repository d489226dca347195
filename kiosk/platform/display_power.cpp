#include "kiosk/platform/display_power.hpp"

#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

extern char** environ;

namespace treffpunkt {

DisplayPower::~DisplayPower() {
    for (const Run& run : m_running) {
        int status = 0;
        ::waitpid(run.pid, &status, 0);
    }
}

bool DisplayPower::Switch(bool on) {
    Reap();
    if (m_command.empty()) {
        return true;
    }
    std::string command = m_command;
    std::string argument = on ? "on" : "off";
    char* argv[] = {command.data(), argument.data(), nullptr};
    pid_t pid = 0;
    const int error = ::posix_spawn(&pid, command.c_str(), nullptr, nullptr, argv, environ);
    if (error != 0) {
        std::fprintf(stderr, "treffpunkt-kiosk: cannot run %s %s: %s\n", command.c_str(),
                     argument.c_str(), std::strerror(error));
        return false;
    }
    m_running.push_back(Run{pid, on});
    return true;
}

void DisplayPower::Reap() {
    for (auto it = m_running.begin(); it != m_running.end();) {
        int status = 0;
        const pid_t done = ::waitpid(it->pid, &status, WNOHANG);
        if (done == 0 || (done < 0 && errno == EINTR)) {
            ++it;
            continue;
        }
        const char* what = it->on ? "on" : "off";
        if (done < 0) {
            std::fprintf(stderr, "treffpunkt-kiosk: display %s: lost track of %s\n", what,
                         m_command.c_str());
        } else if (WIFEXITED(status) && WEXITSTATUS(status) == 3) {
            if (it->on) {
                it = m_running.erase(it);  // nothing was off: nothing to switch on
                continue;
            }
            std::fprintf(stderr,
                         "treffpunkt-kiosk: display off: no method could switch it; the screen "
                         "stays black (normal for HDMI monitors without CEC)\n");
        } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::fprintf(stderr, "treffpunkt-kiosk: display %s: %s failed (status %d)\n", what,
                         m_command.c_str(), WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        }
        it = m_running.erase(it);
    }
}

}  // namespace treffpunkt
