#include "kiosk/platform/systemd_notify.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace treffpunkt {

SystemdNotifier SystemdNotifier::FromEnvironment() {
    const char* socket = std::getenv("NOTIFY_SOCKET");
    const char* usec = std::getenv("WATCHDOG_USEC");
    std::optional<std::chrono::microseconds> watchdog;
    if (usec != nullptr) {
        char* end = nullptr;
        const long long value = std::strtoll(usec, &end, 10);
        if (end != usec && *end == '\0' && value > 0) {
            watchdog = std::chrono::microseconds(value);
        }
    }
    // WATCHDOG_PID is deliberately not checked: cage starts the kiosk, so systemd's main PID is
    // cage's (NotifyAccess=all in the unit lets the kiosk's messages count).
    return SystemdNotifier(socket != nullptr ? socket : "", watchdog);
}

SystemdNotifier::SystemdNotifier(std::string socket_path,
                                 std::optional<std::chrono::microseconds> watchdog)
    : m_socket(std::move(socket_path)), m_watchdog(watchdog) {}

std::optional<std::int64_t> SystemdNotifier::WatchdogIntervalMs() const {
    if (!Enabled() || !m_watchdog) {
        return std::nullopt;
    }
    return std::max<std::int64_t>(1, m_watchdog->count() / 3000);
}

bool SystemdNotifier::Send(const std::string& message) {
    if (!Enabled()) {
        return true;
    }
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (m_socket.size() >= sizeof(address.sun_path) || (m_socket[0] != '/' && m_socket[0] != '@')) {
        return false;
    }
    std::memcpy(address.sun_path, m_socket.data(), m_socket.size());
    if (m_socket[0] == '@') {
        address.sun_path[0] = '\0';  // the abstract namespace
    }
    const socklen_t length =
        static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + m_socket.size());
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return false;
    }
    const ssize_t sent = ::sendto(fd, message.data(), message.size(), MSG_NOSIGNAL,
                                  reinterpret_cast<const sockaddr*>(&address), length);
    ::close(fd);
    return sent == static_cast<ssize_t>(message.size());
}

bool SystemdNotifier::Ready() {
    return Send("READY=1");
}

bool SystemdNotifier::Watchdog() {
    return Send("WATCHDOG=1");
}

bool SystemdNotifier::Stopping() {
    return Send("STOPPING=1");
}

bool SystemdNotifier::Status(const std::string& text) {
    return Send("STATUS=" + text);
}

void SystemdNotifier::KeepAlive(std::int64_t now_ms) {
    const auto interval = WatchdogIntervalMs();
    if (!interval) {
        return;
    }
    if (!m_last_keepalive_ms || now_ms - *m_last_keepalive_ms >= *interval) {
        Watchdog();
        m_last_keepalive_ms = now_ms;
    }
}

std::optional<std::int64_t> SystemdNotifier::NextKeepAliveMs() const {
    const auto interval = WatchdogIntervalMs();
    if (!interval) {
        return std::nullopt;
    }
    return m_last_keepalive_ms ? *m_last_keepalive_ms + *interval : 0;
}

}  // namespace treffpunkt
