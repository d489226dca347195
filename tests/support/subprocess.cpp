#include "tests/support/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace treffpunkt::test {

namespace {

using Clock = std::chrono::steady_clock;

struct Pipes {
    int in[2]{-1, -1};
    int out[2]{-1, -1};
    int err[2]{-1, -1};
};

pid_t Spawn(const std::vector<std::string>& argv, Pipes& p) {
    if (argv.empty()) {
        throw std::runtime_error("RunProcess: no program");
    }
    if (::pipe2(p.in, O_CLOEXEC) != 0 || ::pipe2(p.out, O_CLOEXEC) != 0 ||
        ::pipe2(p.err, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    std::vector<char*> args;
    for (const std::string& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        ::dup2(p.in[0], STDIN_FILENO);
        ::dup2(p.out[1], STDOUT_FILENO);
        ::dup2(p.err[1], STDERR_FILENO);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    ::close(p.in[0]);
    ::close(p.out[1]);
    ::close(p.err[1]);
    return pid;
}

int ExitCode(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return -1;
}

bool ReadSome(int fd, std::string& into) {
    char buffer[4096];
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
        into.append(buffer, static_cast<size_t>(n));
        return true;
    }
    return n < 0 && (errno == EINTR || errno == EAGAIN);
}

// Reads what a non-blocking descriptor has now.
void Drain(int fd, std::string& into) {
    char buffer[4096];
    while (true) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) {
            return;
        }
        into.append(buffer, static_cast<size_t>(n));
    }
}

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& input,
                         std::chrono::seconds timeout) {
    Pipes p;
    const pid_t pid = Spawn(argv, p);
    ::signal(SIGPIPE, SIG_IGN);
    size_t written = 0;
    int in_fd = p.in[1];
    if (input.empty()) {
        ::close(in_fd);
        in_fd = -1;
    } else {
        ::fcntl(in_fd, F_SETFL, O_NONBLOCK);
    }
    ProcessResult result;
    bool out_open = true;
    bool err_open = true;
    const auto deadline = Clock::now() + timeout;
    while (out_open || err_open) {
        if (Clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            break;
        }
        pollfd fds[3] = {{p.out[0], POLLIN, 0}, {p.err[0], POLLIN, 0}, {in_fd, POLLOUT, 0}};
        ::poll(fds, in_fd >= 0 ? 3 : 2, 100);
        if (out_open && (fds[0].revents & (POLLIN | POLLHUP)) != 0) {
            out_open = ReadSome(p.out[0], result.out);
        }
        if (err_open && (fds[1].revents & (POLLIN | POLLHUP)) != 0) {
            err_open = ReadSome(p.err[0], result.err);
        }
        if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR)) != 0) {
            const ssize_t n = ::write(in_fd, input.data() + written, input.size() - written);
            if (n > 0) {
                written += static_cast<size_t>(n);
            }
            if (n < 0 || written == input.size()) {
                ::close(in_fd);
                in_fd = -1;
            }
        }
    }
    if (in_fd >= 0) {
        ::close(in_fd);
    }
    ::close(p.out[0]);
    ::close(p.err[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    result.exit_code = ExitCode(status);
    return result;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv) {
    Pipes p;
    m_pid = Spawn(argv, p);
    ::close(p.in[1]);
    m_out_fd = p.out[0];
    m_err_fd = p.err[0];
    ::fcntl(m_err_fd, F_SETFL, O_NONBLOCK);
}

BackgroundProcess::~BackgroundProcess() {
    if (!m_exited && m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
    }
    ::close(m_out_fd);
    ::close(m_err_fd);
}

std::string BackgroundProcess::ReadLine(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
        const size_t newline = m_buffer.find('\n');
        if (newline != std::string::npos) {
            std::string line = m_buffer.substr(0, newline);
            m_buffer.erase(0, newline + 1);
            return line;
        }
        Drain(m_err_fd, m_err);  // a full stderr pipe would block the program
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            return {};
        }
        pollfd fd{m_out_fd, POLLIN, 0};
        if (::poll(&fd, 1, static_cast<int>(left.count())) <= 0) {
            continue;
        }
        if (!ReadSome(m_out_fd, m_buffer)) {
            return {};
        }
    }
}

void BackgroundProcess::Signal(int signal_number) {
    ::kill(m_pid, signal_number);
}

int BackgroundProcess::Wait(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        Drain(m_err_fd, m_err);
        int status = 0;
        const pid_t done = ::waitpid(m_pid, &status, WNOHANG);
        if (done == m_pid) {
            m_exited = true;
            Drain(m_err_fd, m_err);
            return ExitCode(status);
        }
        ::usleep(10000);
    }
    return -1;
}

}  // namespace treffpunkt::test
