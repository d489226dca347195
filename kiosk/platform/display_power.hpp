// Runs the night schedule's power command ("… off" / "… on") without waiting for it: the UI
// loop must never block on a slow CEC bus. Finished runs are collected by Reap() and logged
// (exit 0 = switched, 3 = nothing could switch it: black frame only).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace treffpunkt {

class DisplayPower {
  public:
    explicit DisplayPower(std::string command) : m_command(std::move(command)) {}
    ~DisplayPower();  // waits for the runs still going (they are short)
    DisplayPower(const DisplayPower&) = delete;
    DisplayPower& operator=(const DisplayPower&) = delete;

    // Starts `command off` or `command on`; "" = nothing to run. False if it could not start
    // (logged).
    bool Switch(bool on);
    // Collects finished runs (non-blocking) and logs how they ended.
    void Reap();
    size_t Running() const { return m_running.size(); }

  private:
    struct Run {
        pid_t pid;
        bool on;
    };
    std::string m_command;
    std::vector<Run> m_running;
};

}  // namespace treffpunkt
