#include "tests/support/hostile_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tests/support/https_client.hpp"

namespace treffpunkt::test {

namespace {

constexpr auto kPoll = std::chrono::milliseconds(50);

SSL_CTX* MakeContext(const CertFiles& cert) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == nullptr || SSL_CTX_use_certificate_chain_file(ctx, cert.certificate.c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, cert.private_key.c_str(), SSL_FILETYPE_PEM) != 1) {
        SSL_CTX_free(ctx);
        throw std::runtime_error("hostile server: cannot load " + cert.certificate);
    }
    return ctx;
}

std::string Reason(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 302:
            return "Found";
        case 304:
            return "Not Modified";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Status";
    }
}

}  // namespace

const char* FaultName(Fault fault) {
    switch (fault) {
        case Fault::kNone:
            return "none";
        case Fault::kRefuse:
            return "refuse";
        case Fault::kNoAnswer:
            return "no_answer";
        case Fault::kSlowDrip:
            return "slow_drip";
        case Fault::kServerError:
            return "server_error";
        case Fault::kBusyRetryAfter:
            return "busy_retry_after";
        case Fault::kCutShort:
            return "cut_short";
        case Fault::kInvalidJson:
            return "invalid_json";
        case Fault::kWrongShape:
            return "wrong_shape";
        case Fault::kTooLarge:
            return "too_large";
        case Fault::kRedirectHttp:
            return "redirect_http";
        case Fault::kOtherCa:
            return "other_ca";
        case Fault::kExpired:
            return "expired";
    }
    return "?";
}

struct HostileServer::State {
    std::string upstream_url;
    std::string upstream_ca;
    SSL_CTX* good{nullptr};
    SSL_CTX* other_ca{nullptr};
    SSL_CTX* expired{nullptr};
    std::atomic<int> port{0};
    std::atomic<Fault> fault{Fault::kNone};
    std::atomic<bool> stop{false};
    std::atomic<int> requests{0};

    std::mutex mutex;  // guards listener, open, threads
    int listener{-1};
    std::set<int> open;  // connected sockets, to close them on SetFault
    std::vector<std::thread> threads;
    std::thread acceptor;

    void Listen() {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<uint16_t>(port.load()));
        if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            listen(fd, 16) != 0) {
            close(fd);
            throw std::runtime_error(std::string("hostile server: cannot listen: ") +
                                     std::strerror(errno));
        }
        socklen_t length = sizeof address;
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
        port = ntohs(address.sin_port);
        listener = fd;
    }

    void Accept() {
        while (!stop) {
            int fd = -1;
            {
                std::lock_guard lock(mutex);
                fd = listener;
            }
            if (fd < 0) {
                std::this_thread::sleep_for(kPoll);
                continue;
            }
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>(kPoll.count())) <= 0) {
                continue;
            }
            std::lock_guard lock(mutex);
            if (listener != fd) {
                continue;  // closed meanwhile (kRefuse)
            }
            const int client = accept4(fd, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0) {
                continue;
            }
            open.insert(client);
            threads.emplace_back([this, client] { Serve(client); });
        }
    }

    // Waits for readable data, the peer's close, or stop. False on close or stop.
    bool WaitReadable(SSL* ssl, int fd) {
        while (!stop) {
            if (SSL_pending(ssl) > 0) {
                return true;
            }
            pollfd p{fd, POLLIN, 0};
            const int n = poll(&p, 1, static_cast<int>(kPoll.count()));
            if (n > 0) {
                return (p.revents & (POLLERR | POLLNVAL)) == 0;
            }
            if (n < 0 && errno != EINTR) {
                return false;
            }
        }
        return false;
    }

    // One request: headers and Content-Length body. False when the connection is done.
    bool ReadRequest(SSL* ssl, int fd, std::string& buffer, std::string& head, std::string& body) {
        size_t end = std::string::npos;
        while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
            if (!WaitReadable(ssl, fd)) {
                return false;
            }
            char chunk[4096];
            const int n = SSL_read(ssl, chunk, sizeof chunk);
            if (n <= 0) {
                return false;
            }
            buffer.append(chunk, static_cast<size_t>(n));
        }
        head = buffer.substr(0, end + 2);
        buffer.erase(0, end + 4);
        size_t length = 0;
        std::string lower = head;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (const size_t at = lower.find("\r\ncontent-length:"); at != std::string::npos) {
            length = std::stoul(lower.substr(at + 17));
        }
        while (buffer.size() < length) {
            if (!WaitReadable(ssl, fd)) {
                return false;
            }
            char chunk[4096];
            const int n = SSL_read(ssl, chunk, sizeof chunk);
            if (n <= 0) {
                return false;
            }
            buffer.append(chunk, static_cast<size_t>(n));
        }
        body = buffer.substr(0, length);
        buffer.erase(0, length);
        return true;
    }

    static bool Write(SSL* ssl, const std::string& data) {
        size_t done = 0;
        while (done < data.size()) {
            const int n = SSL_write(ssl, data.data() + done, static_cast<int>(data.size() - done));
            if (n <= 0) {
                return false;
            }
            done += static_cast<size_t>(n);
        }
        return true;
    }

    static std::string Answer(int status, const std::string& body,
                              const std::vector<std::string>& headers = {}) {
        std::string out = "HTTP/1.1 " + std::to_string(status) + " " + Reason(status) + "\r\n";
        for (const std::string& h : headers) {
            out += h + "\r\n";
        }
        if (status != 304) {
            out +=
                "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                "\r\n";
        }
        return out + "\r\n" + body;
    }

    // The hub's answer to the same request.
    std::string Forward(HttpsClient& hub, const std::string& head, const std::string& body) {
        const size_t space = head.find(' ');
        const size_t space2 = head.find(' ', space + 1);
        const std::string method = head.substr(0, space);
        const std::string path = head.substr(space + 1, space2 - space - 1);
        HttpRequestOptions options;
        size_t line = head.find("\r\n");
        while (line != std::string::npos && line + 2 < head.size()) {
            const size_t next = head.find("\r\n", line + 2);
            const std::string header = head.substr(line + 2, next - line - 2);
            std::string name = header.substr(0, header.find(':'));
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (name == "authorization" || name == "if-none-match" || name == "content-type" ||
                name == "content-encoding") {
                options.headers.push_back(header);
            }
            line = next;
        }
        const HttpResponse r = hub.Send(method, path, body, options);
        if (r.status == 0) {
            return Answer(
                502, "{\"error\":{\"code\":\"test.upstream\",\"message\":\"" + r.error + "\"}}");
        }
        std::vector<std::string> headers;
        for (const char* name : {"etag", "retry-after", "www-authenticate"}) {
            if (!r.Header(name).empty()) {
                headers.push_back(std::string(name) + ": " + r.Header(name));
            }
        }
        return Answer(static_cast<int>(r.status), r.body, headers);
    }

    // Answers with `fault`; false if the connection must close afterwards.
    bool Misbehave(SSL* ssl, int fd, Fault f) {
        switch (f) {
            case Fault::kNoAnswer:
                while (WaitReadable(ssl, fd)) {
                    char c;
                    if (SSL_read(ssl, &c, 1) <= 0) {
                        break;
                    }
                }
                return false;
            case Fault::kSlowDrip:
                if (!Write(ssl,
                           "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                           "Content-Length: 100000\r\n\r\n{")) {
                    return false;
                }
                while (!stop) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(200));
                    if (!Write(ssl, " ")) {
                        break;
                    }
                }
                return false;
            case Fault::kServerError:
                Write(ssl, Answer(500,
                                  "{\"error\":{\"code\":\"server.internal\",\"message\":\"the hub "
                                  "failed; its log says why\"}}",
                                  {"Connection: close"}));
                return false;
            case Fault::kBusyRetryAfter:
                Write(ssl, Answer(503,
                                  "{\"error\":{\"code\":\"server.busy\",\"message\":\"the "
                                  "database is busy; try again later\"}}",
                                  {"Retry-After: 120", "Connection: close"}));
                return false;
            case Fault::kCutShort:
                Write(ssl,
                      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                      "1000\r\n\r\n" +
                          std::string(100, ' '));
                return false;
            case Fault::kInvalidJson:
                Write(ssl, Answer(200, "{\"changes\": [{\"kind\": \"offers\", \"record\": {",
                                  {"Connection: close"}));
                return false;
            case Fault::kWrongShape:
                Write(ssl, Answer(200, "{\"changes\": 5, \"cursor\": [\"x\"], \"more\": \"no\"}",
                                  {"Connection: close"}));
                return false;
            case Fault::kTooLarge: {
                if (!Write(ssl,
                           "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                           "Transfer-Encoding: chunked\r\n\r\n")) {
                    return false;
                }
                const std::string chunk(65536, ' ');
                char size_line[32];
                std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk.size());
                for (int i = 0; i < 128 && !stop; ++i) {
                    if (!Write(ssl, size_line + chunk + "\r\n")) {
                        return false;
                    }
                }
                Write(ssl, "0\r\n\r\n");
                return false;
            }
            case Fault::kRedirectHttp:
                Write(ssl, Answer(302, "",
                                  {"Location: http://127.0.0.1:" + std::to_string(port.load()) +
                                       "/api/v1/changes",
                                   "Connection: close"}));
                return false;
            default:
                return false;
        }
    }

    void Serve(int fd) {
        timeval timeout{10, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        const Fault at_connect = fault.load();
        SSL_CTX* ctx = at_connect == Fault::kOtherCa   ? other_ca
                       : at_connect == Fault::kExpired ? expired
                                                       : good;
        SSL* ssl = SSL_new(ctx);
        SSL_set_fd(ssl, fd);
        if (SSL_accept(ssl) == 1) {
            std::unique_ptr<HttpsClient> hub;
            std::string buffer;
            std::string head;
            std::string body;
            while (!stop && ReadRequest(ssl, fd, buffer, head, body)) {
                ++requests;
                const Fault f = fault.load();
                if (f == Fault::kNone || f == Fault::kOtherCa || f == Fault::kExpired) {
                    if (!hub) {
                        hub = std::make_unique<HttpsClient>(upstream_url, upstream_ca);
                    }
                    if (!Write(ssl, Forward(*hub, head, body))) {
                        break;
                    }
                    continue;
                }
                Misbehave(ssl, fd, f);
                break;
            }
            SSL_shutdown(ssl);
        }
        ERR_clear_error();
        SSL_free(ssl);
        std::lock_guard lock(mutex);
        if (open.erase(fd) != 0) {
            close(fd);
        }
    }
};

HostileServer::HostileServer(const TestCa& ca, const std::string& dir, std::string upstream_url,
                             std::string upstream_ca)
    : m_state(std::make_unique<State>()) {
    State& s = *m_state;
    s.upstream_url = std::move(upstream_url);
    s.upstream_ca = std::move(upstream_ca);
    // curl's global set-up happens here, on the test's thread, not first on a server thread.
    HttpsClient warm_up(s.upstream_url, s.upstream_ca);
    // A peer that hangs up while the server writes must not kill the test with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    s.good = MakeContext(ca.IssueServer("hostile"));
    s.expired = MakeContext(ca.IssueExpiredServer("hostile-expired"));
    TestCa other(dir, "Some Other CA");
    s.other_ca = MakeContext(other.IssueServer("hostile-other"));
    s.Listen();
    s.acceptor = std::thread([&s] { s.Accept(); });
}

HostileServer::~HostileServer() {
    State& s = *m_state;
    s.stop = true;
    s.acceptor.join();
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(s.mutex);
        for (const int fd : s.open) {
            shutdown(fd, SHUT_RDWR);
        }
        threads.swap(s.threads);
        if (s.listener >= 0) {
            close(s.listener);
        }
    }
    for (std::thread& t : threads) {
        t.join();
    }
    SSL_CTX_free(s.good);
    SSL_CTX_free(s.other_ca);
    SSL_CTX_free(s.expired);
}

void HostileServer::SetFault(Fault fault) {
    State& s = *m_state;
    std::lock_guard lock(s.mutex);
    s.fault = fault;
    for (const int fd : s.open) {
        shutdown(fd, SHUT_RDWR);
    }
    if (fault == Fault::kRefuse && s.listener >= 0) {
        // shutdown first: a poll() on the socket keeps it alive after close(), and it would
        // go on accepting (and then resetting) connections.
        shutdown(s.listener, SHUT_RDWR);
        close(s.listener);
        s.listener = -1;
    } else if (fault != Fault::kRefuse && s.listener < 0) {
        s.Listen();
    }
}

int HostileServer::port() const {
    return m_state->port;
}

std::string HostileServer::BaseUrl() const {
    return "https://127.0.0.1:" + std::to_string(m_state->port);
}

int HostileServer::requests() const {
    return m_state->requests.load();
}

}  // namespace treffpunkt::test
