#include "tests/support/https_client.hpp"

#include <curl/curl.h>
#include <zlib.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>

namespace treffpunkt::test {

namespace {

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

size_t WriteHeader(char* data, size_t size, size_t count, void* user) {
    auto* headers = static_cast<std::map<std::string, std::string>*>(user);
    std::string line(data, size * count);
    const size_t colon = line.find(':');
    if (line.rfind("HTTP/", 0) == 0) {
        headers->clear();  // a new response (e.g. after 100 Continue)
    } else if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ')) {
            value.erase(value.begin());
        }
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) {
            value.pop_back();
        }
        (*headers)[name] = value;
    }
    return size * count;
}

}  // namespace

struct HttpsClient::State {
    std::string base_url;
    std::string ca_file;
    CURL* curl{nullptr};
};

HttpsClient::HttpsClient(std::string base_url, std::string ca_file)
    : m_state(std::make_unique<State>()) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_state->base_url = std::move(base_url);
    m_state->ca_file = std::move(ca_file);
    m_state->curl = curl_easy_init();
    if (m_state->curl == nullptr) {
        throw std::runtime_error("curl_easy_init failed");
    }
}

HttpsClient::~HttpsClient() {
    curl_easy_cleanup(m_state->curl);
}

HttpResponse HttpsClient::Get(const std::string& path, const HttpRequestOptions& options) {
    return Send("GET", path, "", options);
}

HttpResponse HttpsClient::Post(const std::string& path, const std::string& body,
                               const HttpRequestOptions& options) {
    return Send("POST", path, body, options);
}

HttpResponse HttpsClient::Send(const std::string& method, const std::string& path,
                               const std::string& body, const HttpRequestOptions& options) {
    CURL* curl = m_state->curl;
    curl_easy_reset(curl);
    HttpResponse response;
    const std::string url = m_state->base_url + path;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options.timeout_ms);
    if (!m_state->ca_file.empty()) {
        curl_easy_setopt(curl, CURLOPT_CAINFO, m_state->ca_file.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options.pinned_public_key.empty()) {
        curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, options.pinned_public_key.c_str());
    }
    if (options.accept_gzip) {
        curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip");
    }
    curl_slist* headers = nullptr;
    for (const std::string& h : options.headers) {
        headers = curl_slist_append(headers, h.c_str());
    }
    // curl would otherwise send "Expect: 100-continue" for larger bodies.
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (method == "GET") {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else if (method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, WriteBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, WriteHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
        response.error = curl_easy_strerror(rc);
        return response;
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    curl_easy_getinfo(curl, CURLINFO_HEADER_SIZE, &response.header_bytes);
    curl_off_t downloaded = 0;
    curl_easy_getinfo(curl, CURLINFO_SIZE_DOWNLOAD_T, &downloaded);
    response.body_bytes_on_wire = downloaded;
    return response;
}

std::vector<std::string> JsonHeaders(const std::string& token) {
    std::vector<std::string> headers = {"Content-Type: application/json"};
    if (!token.empty()) {
        headers.push_back("Authorization: Bearer " + token);
    }
    return headers;
}

std::string Gzip(const std::string& data) {
    z_stream stream{};
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
        throw std::runtime_error("deflateInit2 failed");
    }
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 64, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    deflateEnd(&stream);
    if (rc != Z_STREAM_END) {
        throw std::runtime_error("gzip failed");
    }
    out.resize(stream.total_out);
    return out;
}

}  // namespace treffpunkt::test
