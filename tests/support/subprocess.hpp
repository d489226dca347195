// Running a program from a test: to completion with given standard input, or in the background
// (a server) with its output read line by line. POSIX only. Failures throw std::runtime_error.
#pragma once

#include <sys/types.h>
#include <chrono>
#include <string>
#include <vector>

namespace treffpunkt::test {

struct ProcessResult {
    int exit_code{-1};  // the exit status, or 128 + signal if it was killed
    std::string out;    // standard output
    std::string err;    // standard error
};

// Runs argv[0] (a path) with `input` on standard input; kills it after `timeout`.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& input = "",
                         std::chrono::seconds timeout = std::chrono::seconds(60));

// A program running in the background; killed (SIGKILL) when the object goes.
class BackgroundProcess {
  public:
    explicit BackgroundProcess(const std::vector<std::string>& argv);
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    // The next line of standard output (without the newline), or "" at the end or on timeout.
    std::string ReadLine(std::chrono::milliseconds timeout);
    // Sends a signal, e.g. SIGTERM.
    void Signal(int signal_number);
    // Waits for the exit; returns the exit code as ProcessResult does, or -1 on timeout.
    int Wait(std::chrono::milliseconds timeout);
    // Everything the program wrote to standard error so far (read when it exited).
    const std::string& err() const { return m_err; }
    pid_t pid() const { return m_pid; }

  private:
    pid_t m_pid{-1};
    int m_out_fd{-1};
    int m_err_fd{-1};
    std::string m_buffer;
    std::string m_err;
    bool m_exited{false};
};

}  // namespace treffpunkt::test
