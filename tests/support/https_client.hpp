// A small blocking HTTPS client for tests (libcurl): one connection kept alive, the test CA
// trusted, optional gzip, every response header kept. Not the kiosk's sync engine.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace treffpunkt::test {

struct HttpResponse {
    long status{0};                              // 0 if the request failed (see error)
    std::string body;                            // decompressed
    std::map<std::string, std::string> headers;  // names in lower case
    std::string error;                           // libcurl's message, if it failed
    long header_bytes{0};                        // bytes of the status line and headers
    long long body_bytes_on_wire{0};             // body bytes as received (compressed)

    std::string Header(const std::string& lower_name) const {
        const auto it = headers.find(lower_name);
        return it == headers.end() ? std::string() : it->second;
    }
};

struct HttpRequestOptions {
    std::vector<std::string> headers;  // "Name: value"
    bool accept_gzip{false};           // send Accept-Encoding: gzip and decode the answer
    long timeout_ms{10000};
    std::string pinned_public_key;  // "sha256//…" (TestCa::PublicKeyPin); "" = no pin
};

class HttpsClient {
  public:
    // `base_url` like "https://127.0.0.1:8443"; `ca_file` the CA to trust ("" = no TLS check
    // is needed because the URL is http://).
    HttpsClient(std::string base_url, std::string ca_file);
    ~HttpsClient();
    HttpsClient(const HttpsClient&) = delete;
    HttpsClient& operator=(const HttpsClient&) = delete;

    HttpResponse Get(const std::string& path, const HttpRequestOptions& options = {});
    HttpResponse Post(const std::string& path, const std::string& body,
                      const HttpRequestOptions& options = {});
    // Any method; `body` is sent as is (set Content-Type in options.headers).
    HttpResponse Send(const std::string& method, const std::string& path, const std::string& body,
                      const HttpRequestOptions& options);

  private:
    struct State;
    std::unique_ptr<State> m_state;
};

// A client for JSON APIs: Post() adds Content-Type: application/json and, when a token is set,
// Authorization: Bearer.
std::vector<std::string> JsonHeaders(const std::string& token = "");

// gzip-compresses `data` (zlib), e.g. for Content-Encoding: gzip request bodies.
std::string Gzip(const std::string& data);

}  // namespace treffpunkt::test
