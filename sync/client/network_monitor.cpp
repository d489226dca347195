#include "sync/client/network_monitor.hpp"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <thread>
#include <unordered_map>

namespace treffpunkt {

namespace {

class NetlinkMonitor : public NetworkMonitor {
  public:
    explicit NetlinkMonitor(bool include_loopback) : m_include_loopback(include_loopback) {}
    ~NetlinkMonitor() override { Stop(); }

    Result<void> Start(std::function<void()> on_up) override {
        Stop();
        m_socket = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
        if (m_socket < 0) {
            return Fail("net.monitor",
                        std::string("cannot watch the network (netlink): ") + std::strerror(errno));
        }
        sockaddr_nl address{};
        address.nl_family = AF_NETLINK;
        address.nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR;
        if (bind(m_socket, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            const int error = errno;
            Close();
            return Fail("net.monitor", std::string("cannot watch the network (netlink bind): ") +
                                           std::strerror(error));
        }
        m_stop = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (m_stop < 0) {
            const int error = errno;
            Close();
            return Fail("net.monitor",
                        std::string("cannot watch the network (eventfd): ") + std::strerror(error));
        }
        m_thread = std::thread([this, up = std::move(on_up)] { Run(up); });
        return Ok();
    }

    void Stop() override {
        if (m_thread.joinable()) {
            const std::uint64_t one = 1;
            (void)!write(m_stop, &one, sizeof one);
            m_thread.join();
        }
        Close();
    }

  private:
    void Close() {
        if (m_socket >= 0) {
            close(m_socket);
            m_socket = -1;
        }
        if (m_stop >= 0) {
            close(m_stop);
            m_stop = -1;
        }
    }

    void Run(const std::function<void()>& on_up) {
        alignas(nlmsghdr) char buffer[16384];
        while (true) {
            pollfd fds[2] = {{m_socket, POLLIN, 0}, {m_stop, POLLIN, 0}};
            if (poll(fds, 2, -1) < 0) {
                if (errno == EINTR) {
                    continue;
                }
                return;
            }
            if ((fds[1].revents & POLLIN) != 0) {
                return;
            }
            bool up = false;
            while (true) {
                const ssize_t n = recv(m_socket, buffer, sizeof buffer, 0);
                if (n < 0) {
                    // ENOBUFS: events were lost; something changed, so look again.
                    up = up || errno == ENOBUFS;
                    if (errno == EINTR || errno == ENOBUFS) {
                        continue;
                    }
                    break;
                }
                up = Parse(buffer, static_cast<size_t>(n)) || up;
            }
            if (up) {
                on_up();
            }
        }
    }

    // True if the messages announce a link that started running or a new global address.
    bool Parse(const char* data, size_t size) {
        bool up = false;
        auto* header = reinterpret_cast<const nlmsghdr*>(data);
        auto remaining = static_cast<unsigned int>(size);
        for (; NLMSG_OK(header, remaining); header = NLMSG_NEXT(header, remaining)) {
            if (header->nlmsg_type == RTM_NEWLINK || header->nlmsg_type == RTM_DELLINK) {
                const auto* info = static_cast<const ifinfomsg*>(NLMSG_DATA(header));
                const bool loopback = (info->ifi_flags & IFF_LOOPBACK) != 0;
                const bool running = header->nlmsg_type == RTM_NEWLINK &&
                                     (info->ifi_flags & IFF_UP) != 0 &&
                                     (info->ifi_flags & IFF_RUNNING) != 0;
                bool& was_running = m_running[info->ifi_index];
                if (running && !was_running && (!loopback || m_include_loopback)) {
                    up = true;
                }
                was_running = running;
            } else if (header->nlmsg_type == RTM_NEWADDR) {
                const auto* info = static_cast<const ifaddrmsg*>(NLMSG_DATA(header));
                if (info->ifa_scope == RT_SCOPE_UNIVERSE ||
                    (m_include_loopback && info->ifa_scope == RT_SCOPE_HOST)) {
                    up = true;
                }
            }
        }
        return up;
    }

    bool m_include_loopback;
    int m_socket{-1};
    int m_stop{-1};
    std::thread m_thread;
    std::unordered_map<int, bool> m_running;  // by interface index; only the monitor's thread
};

}  // namespace

std::unique_ptr<NetworkMonitor> MakeNetlinkMonitor(bool include_loopback) {
    return std::make_unique<NetlinkMonitor>(include_loopback);
}

}  // namespace treffpunkt
