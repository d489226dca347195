// systemd's notify protocol without libsystemd: "READY=1" once the first frame is on screen,
// "WATCHDOG=1" from the UI loop while it runs, "STOPPING=1" on the way out. A datagram to the
// socket in $NOTIFY_SOCKET (a path, or "@name" for the abstract namespace). Without that
// variable (not started by systemd) every call does nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace treffpunkt {

class SystemdNotifier {
  public:
    // Reads NOTIFY_SOCKET and WATCHDOG_USEC from the environment.
    static SystemdNotifier FromEnvironment();
    SystemdNotifier(std::string socket_path, std::optional<std::chrono::microseconds> watchdog);

    bool Enabled() const { return !m_socket.empty(); }
    // How often to send WATCHDOG=1: a third of WatchdogSec (systemd's advice is half; a third
    // leaves room for a slow frame). nullopt = no watchdog.
    std::optional<std::int64_t> WatchdogIntervalMs() const;

    // Each returns false if the message could not be sent (logged once by the caller).
    bool Ready();
    bool Watchdog();
    bool Stopping();
    bool Status(const std::string& text);  // "STATUS=…", shown by systemctl status

    // Sends WATCHDOG=1 if the interval has passed since the last one; call every iteration.
    void KeepAlive(std::int64_t now_ms);
    // When KeepAlive next needs to run (the loop's longest sleep); nullopt = never.
    std::optional<std::int64_t> NextKeepAliveMs() const;

  private:
    bool Send(const std::string& message);

    std::string m_socket;
    std::optional<std::chrono::microseconds> m_watchdog;
    std::optional<std::int64_t> m_last_keepalive_ms;
};

}  // namespace treffpunkt
