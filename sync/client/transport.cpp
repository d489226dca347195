#include "sync/client/transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace treffpunkt {

namespace {

const std::string kEmpty;

void GlobalInitOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* abort = static_cast<const std::atomic<bool>*>(user);
    return abort->load() ? 1 : 0;  // non-zero makes curl stop with CURLE_ABORTED_BY_CALLBACK
}

std::string Lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string Trim(std::string_view text) {
    size_t begin = 0;
    size_t end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin])) != 0) {
        ++begin;
    }
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1])) != 0) {
        --end;
    }
    return std::string(text.substr(begin, end - begin));
}

// What a request collects while curl runs.
struct Receiving {
    HttpResponse response;
    size_t max_bytes{0};
    bool too_large{false};
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
    auto* r = static_cast<Receiving*>(user);
    const size_t n = size * count;
    if (r->response.body.size() + n > r->max_bytes) {
        r->too_large = true;
        return 0;  // makes curl stop with CURLE_WRITE_ERROR
    }
    r->response.body.append(data, n);
    return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
    auto* r = static_cast<Receiving*>(user);
    const size_t n = size * count;
    const std::string_view line(data, n);
    if (line.starts_with("HTTP/")) {
        r->response.headers.clear();  // a new response (after a redirect or 100 Continue)
        return n;
    }
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
        r->response.headers[Lower(Trim(line.substr(0, colon)))] = Trim(line.substr(colon + 1));
    }
    return n;
}

// The one place where curl's results become our error codes.
Error MapCurlError(CURLcode code, const Receiving& receiving, const char* detail) {
    const std::string text =
        detail != nullptr && detail[0] != '\0' ? detail : curl_easy_strerror(code);
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            return {"net.resolve", "the hub's address could not be resolved: " + text};
        case CURLE_COULDNT_CONNECT:
            return {"net.connect", "the hub refused the connection or is unreachable: " + text};
        case CURLE_OPERATION_TIMEDOUT:
            return {"net.timeout", "the hub did not answer in time: " + text};
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE:
            if (text.find("expired") != std::string::npos ||
                text.find("not yet valid") != std::string::npos) {
                return {"net.tls_expired",
                        "the hub's certificate is expired or not yet valid "
                        "(check the kiosk's clock and the hub's certificate): " +
                            text};
            }
            return {"net.tls_certificate",
                    "the hub's certificate is not trusted (is ca_file the hub's CA?): " + text};
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return {"net.tls_pin", "the hub's key does not match the configured pin: " + text};
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_USE_SSL_FAILED:
            return {"net.tls", "the secure connection to the hub failed: " + text};
        case CURLE_ABORTED_BY_CALLBACK:
            return {"net.aborted", "the request was stopped (the sync engine is shutting down)"};
        case CURLE_UNSUPPORTED_PROTOCOL:
            return {"net.insecure_redirect",
                    "the hub redirected to a non-HTTPS address, which is refused: " + text};
        case CURLE_WRITE_ERROR:
        case CURLE_FILESIZE_EXCEEDED:
            if (receiving.too_large || code == CURLE_FILESIZE_EXCEEDED) {
                return {"net.too_large", "the hub's answer is larger than allowed (" +
                                             std::to_string(receiving.max_bytes) + " bytes)"};
            }
            return {"net.other", text};
        case CURLE_PARTIAL_FILE:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_BAD_CONTENT_ENCODING:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
        case CURLE_WEIRD_SERVER_REPLY:
            return {"net.incomplete", "the hub's answer was cut short or garbled: " + text};
        default:
            return {"net.other", text};
    }
}

}  // namespace

const std::string& HttpResponse::Header(std::string_view name) const {
    const auto it = headers.find(std::string(name));
    return it == headers.end() ? kEmpty : it->second;
}

struct Transport::Handle {
    CURL* curl{nullptr};
    ~Handle() { curl_easy_cleanup(curl); }
};

Transport::Transport(TransportConfig config)
    : m_config(std::move(config)), m_handle(std::make_unique<Handle>()) {
    GlobalInitOnce();
    m_handle->curl = curl_easy_init();
    while (!m_config.base_url.empty() && m_config.base_url.back() == '/') {
        m_config.base_url.pop_back();
    }
}

Transport::~Transport() = default;

void InitTransportGlobals() {
    GlobalInitOnce();
}

Result<HttpResponse> Transport::Send(const HttpRequest& request) {
    m_last_bytes_received = 0;
    m_last_bytes_sent = 0;
    CURL* curl = m_handle->curl;
    if (curl == nullptr) {
        return Fail("net.other", "libcurl could not be initialised");
    }
    if (!m_config.base_url.starts_with("https://")) {
        return Fail("net.config", "the hub's address must start with https:// (is \"" +
                                      m_config.base_url + "\")");
    }
    // Reset keeps the connection cache, the TLS session cache and DNS: keep-alive survives.
    curl_easy_reset(curl);
    Receiving receiving;
    receiving.max_bytes = m_config.max_response_bytes;
    char error_buffer[CURL_ERROR_SIZE] = {};
    const std::string url = m_config.base_url + request.path;

    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!m_config.ca_file.empty()) {
        curl_easy_setopt(curl, CURLOPT_CAINFO, m_config.ca_file.c_str());
        curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
    }
    if (!m_config.pinned_public_key.empty()) {
        curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, m_config.pinned_public_key.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, m_config.connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, m_config.total_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, m_config.low_speed_bytes_per_s);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, m_config.low_speed_time_s);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(m_config.max_response_bytes));
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, m_config.user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &receiving);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &receiving);
    if (m_abort != nullptr) {
        if (m_abort->load()) {
            return Fail("net.aborted",
                        "the request was stopped (the sync engine is shutting down)");
        }
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, OnProgress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(m_abort));
    }

    curl_slist* headers = nullptr;
    for (const std::string& h : request.headers) {
        headers = curl_slist_append(headers, h.c_str());
    }
    // No "Expect: 100-continue" round trip for pushes.
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (request.method == "POST" || request.method == "PUT") {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
        if (request.method == "PUT") {
            curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "PUT");
        }
    } else if (request.method != "GET") {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }

    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    curl_off_t body_bytes = 0;
    long header_bytes = 0;
    curl_easy_getinfo(curl, CURLINFO_SIZE_DOWNLOAD_T, &body_bytes);
    curl_easy_getinfo(curl, CURLINFO_HEADER_SIZE, &header_bytes);
    m_last_bytes_received = static_cast<size_t>(body_bytes) + static_cast<size_t>(header_bytes);
    long request_bytes = 0;
    curl_easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &request_bytes);
    m_last_bytes_sent = static_cast<size_t>(request_bytes);
    if (code != CURLE_OK) {
        return Unexpected<Error>(MapCurlError(code, receiving, error_buffer));
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &receiving.response.status);
    return std::move(receiving.response);
}

}  // namespace treffpunkt
