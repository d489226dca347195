#include "sync/hub/hub_server.hpp"

#include <arpa/inet.h>
#include <dirent.h>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <sys/socket.h>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "sync/protocol/api.hpp"

namespace treffpunkt::hub {

namespace errors = protocol::errors;

namespace {

void Log(const std::string& line) {
    const std::string text = line + "\n";
    std::fwrite(text.data(), 1, text.size(), stderr);
}

std::string OpenSslError() {
    std::string text;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        text += (text.empty() ? "" : "; ") + std::string(buffer);
    }
    return text.empty() ? "unknown OpenSSL error" : text;
}

std::string Lower(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

// One TCP connection, by its descriptor and its addresses (to recognise it again later).
struct Connection {
    int fd{-1};
    std::string peer_host;
    int peer_port{-1};
    int local_port{-1};
};

// The addresses of descriptor `fd`, if it is a connected socket.
std::optional<Connection> Describe(int fd) {
    sockaddr_storage peer{};
    sockaddr_storage local{};
    socklen_t peer_length = sizeof peer;
    socklen_t local_length = sizeof local;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_length) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_length) != 0) {
        return std::nullopt;
    }
    auto port_and_host = [](const sockaddr_storage& a, std::string* host) -> int {
        char text[INET6_ADDRSTRLEN] = {};
        if (a.ss_family == AF_INET) {
            const auto* v4 = reinterpret_cast<const sockaddr_in*>(&a);
            ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
            if (host != nullptr) {
                *host = text;
            }
            return ntohs(v4->sin_port);
        }
        if (a.ss_family == AF_INET6) {
            const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&a);
            ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
            if (host != nullptr) {
                *host = text;
            }
            return ntohs(v6->sin6_port);
        }
        return -1;
    };
    Connection c;
    c.fd = fd;
    c.peer_port = port_and_host(peer, &c.peer_host);
    c.local_port = port_and_host(local, nullptr);
    return c;
}

bool SameConnection(const Connection& a, const Connection& b) {
    return a.fd == b.fd && a.peer_host == b.peer_host && a.peer_port == b.peer_port &&
           a.local_port == b.local_port;
}

// The request's connection. cpp-httplib does not hand the socket to handlers: over TLS it is
// the SSL object's; in plain mode it is found by its addresses among the process's descriptors.
std::optional<Connection> ConnectionOf(const httplib::Request& req) {
    if (req.ssl != nullptr) {
        return Describe(SSL_get_fd(req.ssl));
    }
    DIR* dir = ::opendir("/proc/self/fd");
    if (dir == nullptr) {
        return std::nullopt;
    }
    std::optional<Connection> found;
    while (const dirent* entry = ::readdir(dir)) {
        const int fd = std::atoi(entry->d_name);
        if (fd <= 2) {
            continue;
        }
        const auto c = Describe(fd);
        if (c && c->peer_port == req.remote_port && c->peer_host == req.remote_addr &&
            c->local_port == req.local_port) {
            found = c;
            break;
        }
    }
    ::closedir(dir);
    return found;
}

// After answering a request whose body was not read to its end (too large, too slow, too many
// headers), cpp-httplib would take the rest of the body for the next request and keep a worker
// busy for as long as a slow client goes on sending. A second later (time for the client to read
// the answer; closing at once would reset the connection under it) the connection stops
// reading, so that cpp-httplib closes it.
void HangUpAfterAnswer(const httplib::Request& req) {
    const std::optional<Connection> connection = ConnectionOf(req);
    if (!connection) {
        return;
    }
    std::thread([c = *connection] {
        std::this_thread::sleep_for(std::chrono::seconds(1));
        // The descriptor may have been closed and reused meanwhile: only the same connection.
        const std::optional<Connection> now = Describe(c.fd);
        if (now && SameConnection(*now, c)) {
            ::shutdown(c.fd, SHUT_RD);
        }
    }).detach();
}

void WriteError(httplib::Response& res, int status, std::string_view code, std::string message) {
    const ApiResponse r = ErrorResponse(status, code, std::move(message));
    res.status = status;
    res.set_content(r.body, std::string(protocol::kJsonContentType));
    res.set_header("Cache-Control", "no-store");
}

}  // namespace

struct HubServer::Impl {
    HubConfig config;
    std::unique_ptr<StorePool> pool;
    std::unique_ptr<HubService> service;
    std::unique_ptr<httplib::Server> server;
    int port{0};
    std::thread listener;
    std::thread maintainer;
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping{false};
    bool stopped{false};

    void Serve(const httplib::Request& req, httplib::Response& res, std::string body) {
        const auto started = std::chrono::steady_clock::now();
        ApiRequest request;
        request.method = req.method;
        request.path = req.path;
        request.query.insert(req.params.begin(), req.params.end());
        for (const auto& [name, value] : req.headers) {
            request.headers.emplace(Lower(name), value);
        }
        request.body = std::move(body);
        request.peer_address = req.remote_addr;
        ApiResponse response = service->Handle(request);
        res.status = response.status;
        for (const auto& [name, value] : response.headers) {
            res.set_header(name, value);
        }
        if (!response.body.empty()) {
            res.set_content(response.body, std::string(protocol::kJsonContentType));
        }
        if (config.server.log_requests) {
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - started)
                                .count();
            Log(req.remote_addr + " " + req.method + " " + req.path + " " +
                std::to_string(response.status) + " " + std::to_string(response.body.size()) +
                "B " + std::to_string(ms) + "ms" +
                (response.kiosk_id.empty() ? "" : " kiosk=" + response.kiosk_id));
        }
    }

    // Reads a request body through the limits: size after decompression and total time.
    void ServeWithBody(const httplib::Request& req, httplib::Response& res,
                       const httplib::ContentReader& reader) {
        std::string body;
        bool too_large = false;
        bool too_slow = false;
        const auto deadline = std::chrono::steady_clock::now() +
                              std::chrono::seconds(config.limits.request_timeout_s);
        const bool complete = reader([&](const char* data, size_t length) {
            if (body.size() + length > config.limits.max_body_bytes) {
                too_large = true;
                return false;
            }
            if (std::chrono::steady_clock::now() > deadline) {
                too_slow = true;
                return false;
            }
            body.append(data, length);
            return true;
        });
        if (too_large || res.status == 413) {
            WriteError(res, 413, errors::kTooLarge,
                       "the body is larger than " + std::to_string(config.limits.max_body_bytes) +
                           " bytes");
        } else if (too_slow) {
            WriteError(res, 408, errors::kTimeout,
                       "the body took longer than " +
                           std::to_string(config.limits.request_timeout_s) + " s to arrive");
        } else if (res.status == 415) {
            WriteError(res, 415, errors::kUnsupportedMediaType,
                       "Content-Encoding must be gzip, deflate or none");
        } else if (!complete) {
            WriteError(res, 400, errors::kInvalid,
                       "the body could not be read (cut short, or not the encoding declared)");
        } else {
            Serve(req, res, std::move(body));
            return;
        }
        // The rest of the body was not read: this connection cannot carry another request.
        res.set_header("Connection", "close");
        HangUpAfterAnswer(req);
        if (config.server.log_requests) {
            Log(req.remote_addr + " " + req.method + " " + req.path + " " +
                std::to_string(res.status) + " (body refused)");
        }
    }

    void MaintenanceLoop() {
        auto next_maintenance = std::chrono::steady_clock::now();
        std::unique_lock lock(mutex);
        while (!stopping) {
            if (std::chrono::steady_clock::now() >= next_maintenance) {
                lock.unlock();
                service->Maintain();
                lock.lock();
                next_maintenance = std::chrono::steady_clock::now() + std::chrono::hours(1);
            }
            wake.wait_for(lock, std::chrono::seconds(2), [&] { return stopping; });
            lock.unlock();
            service->FlushLastSeen();
            lock.lock();
        }
    }
};

HubServer::HubServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

HubServer::~HubServer() {
    Stop();
}

int HubServer::port() const {
    return m_impl->port;
}

Result<std::unique_ptr<HubServer>> HubServer::Start(const HubConfig& config, HubClock clock) {
    // A kiosk that hangs up mid-answer must not kill the hub (SSL_write raises SIGPIPE).
    std::signal(SIGPIPE, SIG_IGN);
    auto impl = std::make_unique<Impl>();
    impl->config = config;
    const HubConfig& c = impl->config;

    DatabaseOptions db_options;
    db_options.busy_timeout_ms = c.database.busy_timeout_ms;
    impl->pool = std::make_unique<StorePool>(c.database.path, db_options);
    {
        // Fail early, with the database's own message, rather than on the first request.
        auto first = impl->pool->Acquire();
        if (!first) {
            return Unexpected<Error>(first.error());
        }
    }
    impl->service = std::make_unique<HubService>(impl->config, *impl->pool, std::move(clock));

    if (c.server.mode == ServerMode::kHttps) {
        std::string tls_error;
        auto setup = [&](SSL_CTX& ctx) -> bool {
            SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
            SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                                          SSL_OP_CIPHER_SERVER_PREFERENCE);
            if (SSL_CTX_use_certificate_chain_file(&ctx, c.tls.certificate.c_str()) != 1) {
                tls_error = "cannot use the certificate " + c.tls.certificate +
                            " (tls.certificate): " + OpenSslError();
                return false;
            }
            if (SSL_CTX_use_PrivateKey_file(&ctx, c.tls.private_key.c_str(), SSL_FILETYPE_PEM) !=
                1) {
                tls_error = "cannot use the private key " + c.tls.private_key +
                            " (tls.private_key): " + OpenSslError();
                return false;
            }
            if (SSL_CTX_check_private_key(&ctx) != 1) {
                tls_error = "the private key " + c.tls.private_key +
                            " does not belong to the certificate " + c.tls.certificate;
                return false;
            }
            if (X509* cert = SSL_CTX_get0_certificate(&ctx)) {
                if (X509_cmp_current_time(X509_get0_notAfter(cert)) < 0) {
                    Log("warning: the certificate " + c.tls.certificate +
                        " has expired; kiosks will refuse to connect");
                }
            }
            return true;
        };
        auto server = std::make_unique<httplib::SSLServer>(setup);
        if (!server->is_valid()) {
            return Fail("config.tls", tls_error.empty()
                                          ? "TLS could not be set up: " + OpenSslError()
                                          : tls_error);
        }
        impl->server = std::move(server);
    } else {
        impl->server = std::make_unique<httplib::Server>();
    }

    httplib::Server& server = *impl->server;
    const size_t threads = static_cast<size_t>(c.server.threads);
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_keep_alive_max_count(static_cast<size_t>(c.server.keep_alive_max_requests));
    server.set_keep_alive_timeout(c.server.keep_alive_timeout_s);
    server.set_read_timeout(c.limits.request_timeout_s, 0);
    server.set_write_timeout(c.limits.request_timeout_s, 0);
    server.set_payload_max_length(c.limits.max_body_bytes);
    server.set_tcp_nodelay(true);

    Impl* self = impl.get();
    server.set_pre_routing_handler([self](const httplib::Request& req, httplib::Response& res) {
        size_t header_bytes = 0;
        for (const auto& [name, value] : req.headers) {
            header_bytes += name.size() + value.size() + 4;
        }
        if (header_bytes > self->config.limits.max_header_bytes) {
            WriteError(res, 431, errors::kHeadersTooLarge,
                       "the request headers are larger than " +
                           std::to_string(self->config.limits.max_header_bytes) + " bytes");
            res.set_header("Connection", "close");
            HangUpAfterAnswer(req);
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    auto plain = [self](const httplib::Request& req, httplib::Response& res) {
        self->Serve(req, res, req.body);
    };
    auto with_body = [self](const httplib::Request& req, httplib::Response& res,
                            const httplib::ContentReader& reader) {
        self->ServeWithBody(req, res, reader);
    };
    server.Get(".*", plain);
    server.Post(".*", with_body);
    server.Put(".*", with_body);
    server.Patch(".*", with_body);
    server.Delete(".*", with_body);
    server.Options(".*", plain);
    const httplib::Server::HandlerWithResponse on_error = [](const httplib::Request& req,
                                                             httplib::Response& res) {
        if (!res.body.empty()) {
            return httplib::Server::HandlerResponse::Unhandled;
        }
        switch (res.status) {
            case 404:
                WriteError(res, 404, errors::kNotFound, "there is no " + req.path);
                break;
            case 413:
                WriteError(res, 413, errors::kTooLarge, "the request is too large");
                break;
            case 414:
                WriteError(res, 414, errors::kTooLarge, "the request line is too long");
                break;
            case 415:
                WriteError(res, 415, errors::kUnsupportedMediaType,
                           "Content-Encoding must be gzip, deflate or none");
                break;
            default:
                WriteError(res, res.status, errors::kInvalid,
                           "the HTTP request could not be understood");
                break;
        }
        return httplib::Server::HandlerResponse::Handled;
    };
    server.set_error_handler(on_error);
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            Log("error: unexpected exception while serving a request");
            WriteError(res, 500, errors::kInternal, "the hub failed unexpectedly; see its log");
        });

    if (c.server.port == 0) {
        impl->port = server.bind_to_any_port(c.server.listen_address);
    } else {
        impl->port =
            server.bind_to_port(c.server.listen_address, c.server.port) ? c.server.port : -1;
    }
    if (impl->port <= 0) {
        return Fail("server.bind", "cannot listen on " + c.server.listen_address + ":" +
                                       std::to_string(c.server.port) +
                                       " (in use, or not allowed; see server.listen_address and "
                                       "server.port)");
    }
    impl->listener = std::thread([self] { self->server->listen_after_bind(); });
    // stop() before the accept loop runs would be lost (cpp-httplib checks is_running()), so
    // Start returns only once the server accepts.
    for (int i = 0; i < 5000 && !server.is_running(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    impl->maintainer = std::thread([self] { self->MaintenanceLoop(); });
    return std::unique_ptr<HubServer>(new HubServer(std::move(impl)));
}

void HubServer::Stop() {
    Impl& impl = *m_impl;
    {
        std::lock_guard lock(impl.mutex);
        if (impl.stopped) {
            return;
        }
        impl.stopped = true;
        impl.stopping = true;
    }
    impl.wake.notify_all();
    impl.server->stop();
    if (impl.listener.joinable()) {
        impl.listener.join();
    }
    if (impl.maintainer.joinable()) {
        impl.maintainer.join();
    }
    impl.service->FlushLastSeen();
}

}  // namespace treffpunkt::hub
