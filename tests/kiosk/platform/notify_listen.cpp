// A stand-in for systemd's notify socket in tests: binds a datagram socket at the path given
// and prints every message it receives as one line, until SIGTERM.
//   notify_listen SOCKET_PATH
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: notify_listen SOCKET_PATH\n");
        return 2;
    }
    const std::string path = argv[1];
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof(address.sun_path)) {
        std::fprintf(stderr, "notify_listen: path too long\n");
        return 2;
    }
    std::memcpy(address.sun_path, path.c_str(), path.size());
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
    ::unlink(path.c_str());
    if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        std::perror("notify_listen: bind");
        return 1;
    }
    std::signal(SIGTERM, [](int) { _exit(0); });
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            std::fwrite(buffer, 1, static_cast<size_t>(n), stdout);
            std::fputc('\n', stdout);
            std::fflush(stdout);
        }
    }
}
