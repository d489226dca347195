// A certificate authority made on the fly for tests of TLS on loopback: a CA, server
// certificates for 127.0.0.1/localhost, an expired one, and one from another CA. OpenSSL only;
// PEM files are written into a directory the test owns. Failures throw std::runtime_error.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace treffpunkt::test {

// A certificate and its private key as PEM files.
struct CertFiles {
    std::string certificate;  // PEM certificate
    std::string private_key;  // PEM private key (unencrypted)
};

class TestCa {
  public:
    // A new CA (EC P-256, valid for a year) with its certificate written to
    // `dir`/`name`-ca.pem. `name` also becomes the CA's common name.
    TestCa(std::string dir, std::string name = "Treffpunkt Test CA");
    ~TestCa();
    TestCa(TestCa&&) noexcept;
    TestCa& operator=(TestCa&&) noexcept;

    // The CA certificate, what a client trusts (CURLOPT_CAINFO).
    const std::string& certificate_path() const;

    // A server certificate signed by this CA for `hosts` (IP addresses or DNS names), valid
    // from `not_before_days` to `not_after_days` relative to now (negative = in the past).
    // Files `dir`/`basename`.pem and `dir`/`basename`-key.pem.
    CertFiles IssueServer(const std::string& basename,
                          const std::vector<std::string>& hosts = {"127.0.0.1", "localhost"},
                          int not_before_days = -1, int not_after_days = 30) const;

    // A certificate for 127.0.0.1/localhost that expired yesterday.
    CertFiles IssueExpiredServer(const std::string& basename) const;

    // The public-key pin of a certificate file as curl takes it ("sha256//<base64>").
    static std::string PublicKeyPin(const std::string& certificate_path);

  private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace treffpunkt::test
