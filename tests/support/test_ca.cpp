#include "tests/support/test_ca.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>

#include <cstdio>
#include <stdexcept>

namespace treffpunkt::test {

namespace {

[[noreturn]] void Throw(const std::string& what) {
    std::string detail;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        detail += std::string(" ") + buffer;
    }
    throw std::runtime_error("test CA: " + what + detail);
}

struct KeyDeleter {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertDeleter {
    void operator()(X509* cert) const { X509_free(cert); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using Cert = std::unique_ptr<X509, CertDeleter>;

Key NewKey() {
    Key key(EVP_EC_gen("P-256"));
    if (!key) {
        Throw("cannot make a key");
    }
    return key;
}

void AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (ext == nullptr || X509_add_ext(cert, ext, -1) != 1) {
        X509_EXTENSION_free(ext);
        Throw("cannot add extension " + value);
    }
    X509_EXTENSION_free(ext);
}

Cert NewCert(EVP_PKEY* key, const std::string& common_name, long not_before_s, long not_after_s) {
    Cert cert(X509_new());
    if (!cert) {
        Throw("cannot make a certificate");
    }
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), not_before_s);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), not_after_s);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("Treffpunkt tests"), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                               0);
    return cert;
}

void WritePem(const std::string& path, X509* cert) {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr || PEM_write_X509(f, cert) != 1) {
        if (f != nullptr) {
            std::fclose(f);
        }
        Throw("cannot write " + path);
    }
    std::fclose(f);
}

void WritePem(const std::string& path, EVP_PKEY* key) {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr || PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        if (f != nullptr) {
            std::fclose(f);
        }
        Throw("cannot write " + path);
    }
    std::fclose(f);
}

bool IsIpAddress(const std::string& host) {
    unsigned char buffer[16];
    return inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
           inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

constexpr long kDay = 24L * 3600L;

}  // namespace

struct TestCa::State {
    std::string dir;
    std::string name;
    std::string certificate_path;
    Key key;
    Cert cert;
};

TestCa::TestCa(std::string dir, std::string name) : m_state(std::make_unique<State>()) {
    m_state->dir = std::move(dir);
    m_state->name = std::move(name);
    m_state->key = NewKey();
    m_state->cert = NewCert(m_state->key.get(), m_state->name, -kDay, 365 * kDay);
    X509* cert = m_state->cert.get();
    X509_set_issuer_name(cert, X509_get_subject_name(cert));
    AddExtension(cert, cert, NID_basic_constraints, "critical,CA:TRUE");
    AddExtension(cert, cert, NID_key_usage, "critical,keyCertSign,cRLSign");
    AddExtension(cert, cert, NID_subject_key_identifier, "hash");
    if (X509_sign(cert, m_state->key.get(), EVP_sha256()) == 0) {
        Throw("cannot sign the CA certificate");
    }
    std::string file = m_state->name;
    for (char& c : file) {
        if (c == ' ') {
            c = '-';
        }
    }
    m_state->certificate_path = m_state->dir + "/" + file + "-ca.pem";
    WritePem(m_state->certificate_path, cert);
}

TestCa::~TestCa() = default;
TestCa::TestCa(TestCa&&) noexcept = default;
TestCa& TestCa::operator=(TestCa&&) noexcept = default;

const std::string& TestCa::certificate_path() const {
    return m_state->certificate_path;
}

CertFiles TestCa::IssueServer(const std::string& basename, const std::vector<std::string>& hosts,
                              int not_before_days, int not_after_days) const {
    Key key = NewKey();
    const std::string common_name = hosts.empty() ? "localhost" : hosts.front();
    Cert cert = NewCert(key.get(), common_name, not_before_days * kDay, not_after_days * kDay);
    X509_set_issuer_name(cert.get(), X509_get_subject_name(m_state->cert.get()));
    std::string san;
    for (const std::string& host : hosts) {
        san += (san.empty() ? "" : ",") + std::string(IsIpAddress(host) ? "IP:" : "DNS:") + host;
    }
    AddExtension(cert.get(), m_state->cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    AddExtension(cert.get(), m_state->cert.get(), NID_key_usage,
                 "critical,digitalSignature,keyEncipherment");
    AddExtension(cert.get(), m_state->cert.get(), NID_ext_key_usage, "serverAuth");
    if (!san.empty()) {
        AddExtension(cert.get(), m_state->cert.get(), NID_subject_alt_name, san);
    }
    AddExtension(cert.get(), m_state->cert.get(), NID_subject_key_identifier, "hash");
    AddExtension(cert.get(), m_state->cert.get(), NID_authority_key_identifier, "keyid:always");
    if (X509_sign(cert.get(), m_state->key.get(), EVP_sha256()) == 0) {
        Throw("cannot sign the server certificate");
    }
    CertFiles files{m_state->dir + "/" + basename + ".pem",
                    m_state->dir + "/" + basename + "-key.pem"};
    WritePem(files.certificate, cert.get());
    WritePem(files.private_key, key.get());
    return files;
}

CertFiles TestCa::IssueExpiredServer(const std::string& basename) const {
    return IssueServer(basename, {"127.0.0.1", "localhost"}, -30, -1);
}

std::string TestCa::PublicKeyPin(const std::string& certificate_path) {
    FILE* f = std::fopen(certificate_path.c_str(), "rb");
    if (f == nullptr) {
        Throw("cannot read " + certificate_path);
    }
    Cert cert(PEM_read_X509(f, nullptr, nullptr, nullptr));
    std::fclose(f);
    if (!cert) {
        Throw("not a PEM certificate: " + certificate_path);
    }
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(X509_get0_pubkey(cert.get()), &der);
    if (length <= 0) {
        Throw("cannot encode the public key");
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_length = 0;
    EVP_Digest(der, static_cast<size_t>(length), digest, &digest_length, EVP_sha256(), nullptr);
    OPENSSL_free(der);
    unsigned char base64[128];
    const int encoded = EVP_EncodeBlock(base64, digest, static_cast<int>(digest_length));
    return "sha256//" +
           std::string(reinterpret_cast<const char*>(base64), static_cast<size_t>(encoded));
}

}  // namespace treffpunkt::test
