// The netlink monitor sees a link come up and an address added. Runs in a child process with a
// network namespace of its own (an unprivileged user namespace), so that it can add a veth pair
// without touching the machine's network; skipped where such namespaces are not allowed.
#include "sync/client/network_monitor.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

using namespace treffpunkt;

namespace {

constexpr int kSkip = 77;

bool WriteFile(const char* path, const std::string& text) {
    const int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    const bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    close(fd);
    return ok;
}

// In the child: 0 if the monitor reported `command`'s change within 5 s, 1 if not, kSkip if
// the namespace or the ip tool is not available.
int ChildSees(const char* command) {
    const uid_t uid = getuid();
    const gid_t gid = getgid();
    if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) {
        return kSkip;
    }
    WriteFile("/proc/self/setgroups", "deny");
    if (!WriteFile("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
        !WriteFile("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1")) {
        return kSkip;
    }
    if (std::system("ip link add tp0 type veth peer name tp1 >/dev/null 2>&1") != 0) {
        return kSkip;
    }
    std::mutex mutex;
    std::condition_variable cv;
    bool up = false;
    auto monitor = MakeNetlinkMonitor();
    if (!monitor->Start([&] {
            std::lock_guard lock(mutex);
            up = true;
            cv.notify_all();
        })) {
        return 1;
    }
    if (std::system(command) != 0) {
        return kSkip;
    }
    std::unique_lock lock(mutex);
    const bool seen = cv.wait_for(lock, std::chrono::seconds(5), [&] { return up; });
    lock.unlock();
    monitor->Stop();
    return seen ? 0 : 1;
}

int RunInChild(const char* command) {
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
        _exit(ChildSees(command));
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

TEST(NetlinkMonitor, SeesALinkComeUp) {
    const int result =
        RunInChild("ip link set tp1 up >/dev/null 2>&1 && ip link set tp0 up >/dev/null 2>&1");
    if (result == kSkip) {
        GTEST_SKIP() << "no unprivileged network namespace (or no ip tool) here";
    }
    EXPECT_EQ(result, 0);
}

TEST(NetlinkMonitor, SeesAnAddressAdded) {
    const int result = RunInChild(
        "ip link set tp1 up >/dev/null 2>&1 && ip addr add 10.77.0.1/24 dev tp1 >/dev/null 2>&1");
    if (result == kSkip) {
        GTEST_SKIP() << "no unprivileged network namespace (or no ip tool) here";
    }
    EXPECT_EQ(result, 0);
}

TEST(NetlinkMonitor, StartsAndStopsCleanly) {
    auto monitor = MakeNetlinkMonitor();
    std::atomic<int> calls{0};
    ASSERT_TRUE(monitor->Start([&] { ++calls; }));
    monitor->Stop();
    monitor->Stop();
}

}  // namespace
