// SystemdNotifier against a real datagram socket, DisplayPower with a real child process.
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "kiosk/platform/display_power.hpp"
#include "kiosk/platform/systemd_notify.hpp"
#include "tests/support/temp_dir.hpp"

namespace treffpunkt {
namespace {

using namespace std::chrono_literals;

// A bound datagram socket standing in for systemd's.
class NotifySocket {
  public:
    explicit NotifySocket(const std::string& path) {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        std::memcpy(a.sun_path, path.c_str(), path.size());
        bound = ::bind(m_fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
        timeval tv{1, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    ~NotifySocket() { ::close(m_fd); }
    std::string Receive() {
        char buf[512];
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
    }
    bool bound{false};

  private:
    int m_fd{-1};
};

TEST(SystemdNotifier, SendsReadyWatchdogAndStoppingToTheSocket) {
    test::TempDir dir;
    const std::string path = dir.File("notify");
    NotifySocket socket(path);
    ASSERT_TRUE(socket.bound);
    SystemdNotifier n(path, std::chrono::microseconds(30'000'000));
    EXPECT_TRUE(n.Enabled());
    EXPECT_EQ(n.WatchdogIntervalMs(), 10'000);  // a third of WatchdogSec=30
    EXPECT_TRUE(n.Ready());
    EXPECT_EQ(socket.Receive(), "READY=1");
    // KeepAlive pings at once, then only when the interval has passed.
    n.KeepAlive(1000);
    EXPECT_EQ(socket.Receive(), "WATCHDOG=1");
    EXPECT_EQ(n.NextKeepAliveMs(), 11'000);
    n.KeepAlive(10'999);
    n.KeepAlive(11'000);
    EXPECT_EQ(socket.Receive(), "WATCHDOG=1");
    EXPECT_TRUE(n.Status("Stand: heute"));
    EXPECT_EQ(socket.Receive(), "STATUS=Stand: heute");
    EXPECT_TRUE(n.Stopping());
    EXPECT_EQ(socket.Receive(), "STOPPING=1");
}

TEST(SystemdNotifier, DoesNothingOutsideSystemdAndFailsCleanlyWithoutListener) {
    SystemdNotifier none("", std::nullopt);
    EXPECT_FALSE(none.Enabled());
    EXPECT_TRUE(none.Ready());
    EXPECT_FALSE(none.WatchdogIntervalMs());
    EXPECT_FALSE(none.NextKeepAliveMs());
    none.KeepAlive(0);
    // A socket nobody listens on, or a relative path: false, no crash.
    test::TempDir dir;
    EXPECT_FALSE(SystemdNotifier(dir.File("nobody"), std::nullopt).Ready());
    EXPECT_FALSE(SystemdNotifier("relative/path", std::nullopt).Ready());
    // Without a watchdog, no pings.
    SystemdNotifier no_watchdog(dir.File("x"), std::nullopt);
    EXPECT_FALSE(no_watchdog.WatchdogIntervalMs());
}

TEST(SystemdNotifier, ReadsTheEnvironmentAsSystemdSetsIt) {
    ::setenv("NOTIFY_SOCKET", "@treffpunkt-test", 1);
    ::setenv("WATCHDOG_USEC", "30000000", 1);
    SystemdNotifier n = SystemdNotifier::FromEnvironment();
    EXPECT_TRUE(n.Enabled());
    EXPECT_EQ(n.WatchdogIntervalMs(), 10'000);
    ::setenv("WATCHDOG_USEC", "nonsense", 1);
    EXPECT_FALSE(SystemdNotifier::FromEnvironment().WatchdogIntervalMs());
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    EXPECT_FALSE(SystemdNotifier::FromEnvironment().Enabled());
}

std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(DisplayPower, RunsTheCommandWithOffAndOnWithoutWaiting) {
    test::TempDir dir;
    const std::string log = dir.File("log");
    const std::string script = dir.File("display-power");
    {
        std::ofstream out(script);
        out << "#!/bin/sh\nsleep 0.2\necho \"$1\" >>" << log << "\nexit 3\n";
    }
    ASSERT_EQ(::chmod(script.c_str(), 0755), 0);
    {
        DisplayPower power(script);
        const auto t0 = std::chrono::steady_clock::now();
        EXPECT_TRUE(power.Switch(false));
        EXPECT_LT(std::chrono::steady_clock::now() - t0, 150ms);  // never waits for it
        EXPECT_EQ(power.Running(), 1u);
        for (int i = 0; i < 100 && power.Running() > 0; ++i) {
            std::this_thread::sleep_for(20ms);
            power.Reap();
        }
        EXPECT_EQ(power.Running(), 0u);
        EXPECT_TRUE(power.Switch(true));
    }  // the destructor waits for the run still going
    EXPECT_EQ(ReadFile(log), "off\non\n");
    DisplayPower black_only("");
    EXPECT_TRUE(black_only.Switch(false));  // nothing to run
    EXPECT_EQ(black_only.Running(), 0u);
    EXPECT_FALSE(DisplayPower(dir.File("missing")).Switch(false));
}

}  // namespace
}  // namespace treffpunkt
