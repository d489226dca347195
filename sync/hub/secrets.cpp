#include "sync/hub/secrets.hpp"

#include <sodium.h>

#include <array>
#include <cctype>

#include "sync/protocol/api.hpp"

namespace treffpunkt::hub {

Result<void> InitCrypto() {
    if (sodium_init() < 0) {
        return Fail("crypto.init", "libsodium could not be initialised");
    }
    return Ok();
}

std::string RandomToken(std::string_view prefix) {
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char, 64> text{};
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return std::string(prefix) + text.data();
}

std::string TokenHash(std::string_view token) {
    std::array<unsigned char, 32> hash{};
    crypto_generichash(hash.data(), hash.size(),
                       reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                       0);
    std::array<char, 65> hex{};
    sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
    return hex.data();
}

std::string RandomPairingCode() {
    const std::string_view alphabet = protocol::kPairingCodeAlphabet;
    std::string code;
    for (int i = 0; i < protocol::kPairingCodeLength; ++i) {
        code += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
    }
    return code;
}

std::string NormalizePairingCode(std::string_view typed) {
    std::string code;
    for (char c : typed) {
        if (c == ' ' || c == '-') {
            continue;
        }
        code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return code;
}

std::string RandomEpoch() {
    static constexpr std::string_view kChars = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string epoch;
    for (int i = 0; i < 8; ++i) {
        epoch += kChars[randombytes_uniform(static_cast<std::uint32_t>(kChars.size()))];
    }
    return epoch;
}

}  // namespace treffpunkt::hub
