#include "tests/support/byte_relay.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace treffpunkt::test {

struct ByteRelay::State {
    int target_port{0};
    int listener{-1};
    int port{0};
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> up{0};
    std::atomic<std::uint64_t> down{0};
    std::atomic<int> connections{0};
    std::mutex mutex;  // guards open, threads
    std::set<int> open;
    std::vector<std::thread> threads;
    std::thread acceptor;

    int Connect() const {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<uint16_t>(target_port));
        if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            close(fd);
            return -1;
        }
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        return fd;
    }

    void Relay(int client) {
        const int server = Connect();
        if (server >= 0) {
            {
                std::lock_guard lock(mutex);
                open.insert(server);
            }
            char buffer[65536];
            bool done = false;
            while (!done && !stop) {
                pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
                if (poll(fds, 2, 100) <= 0) {
                    continue;
                }
                for (int i = 0; i < 2 && !done; ++i) {
                    if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) {
                        continue;
                    }
                    const int from = i == 0 ? client : server;
                    const int to = i == 0 ? server : client;
                    const ssize_t n = recv(from, buffer, sizeof buffer, 0);
                    if (n <= 0) {
                        done = true;
                        break;
                    }
                    (i == 0 ? up : down) += static_cast<std::uint64_t>(n);
                    ssize_t sent = 0;
                    while (sent < n) {
                        const ssize_t w =
                            send(to, buffer + sent, static_cast<size_t>(n - sent), MSG_NOSIGNAL);
                        if (w <= 0) {
                            done = true;
                            break;
                        }
                        sent += w;
                    }
                }
            }
        }
        std::lock_guard lock(mutex);
        for (const int fd : {client, server}) {
            if (fd >= 0 && open.erase(fd) != 0) {
                close(fd);
            }
        }
    }

    void Accept() {
        while (!stop) {
            pollfd p{listener, POLLIN, 0};
            if (poll(&p, 1, 50) <= 0) {
                continue;
            }
            const int client = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0) {
                continue;
            }
            const int one = 1;
            setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            ++connections;
            std::lock_guard lock(mutex);
            open.insert(client);
            threads.emplace_back([this, client] { Relay(client); });
        }
    }
};

ByteRelay::ByteRelay(int target_port) : m_state(std::make_unique<State>()) {
    State& s = *m_state;
    s.target_port = target_port;
    s.listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s.listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        listen(s.listener, 16) != 0) {
        throw std::runtime_error(std::string("byte relay: cannot listen: ") + std::strerror(errno));
    }
    socklen_t length = sizeof address;
    getsockname(s.listener, reinterpret_cast<sockaddr*>(&address), &length);
    s.port = ntohs(address.sin_port);
    s.acceptor = std::thread([&s] { s.Accept(); });
}

ByteRelay::~ByteRelay() {
    State& s = *m_state;
    s.stop = true;
    s.acceptor.join();
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(s.mutex);
        threads.swap(s.threads);
    }
    for (std::thread& t : threads) {
        t.join();
    }
    close(s.listener);
}

int ByteRelay::port() const {
    return m_state->port;
}

std::uint64_t ByteRelay::bytes_up() const {
    return m_state->up.load();
}

std::uint64_t ByteRelay::bytes_down() const {
    return m_state->down.load();
}

int ByteRelay::connections() const {
    return m_state->connections.load();
}

void ByteRelay::ResetCounts() {
    m_state->up = 0;
    m_state->down = 0;
}

void ByteRelay::CloseConnections() {
    std::lock_guard lock(m_state->mutex);
    for (const int fd : m_state->open) {
        shutdown(fd, SHUT_RDWR);
    }
}

}  // namespace treffpunkt::test
