#include "sync/protocol/pin.hpp"

#include <sodium.h>

#include <array>
#include <mutex>

#include "sync/protocol/api.hpp"

namespace treffpunkt::protocol {

namespace {

// sodium_init picks the fastest implementations; pwhash works without it, so a failure (which
// cannot happen on Linux once /dev/urandom exists) only costs speed.
void InitSodiumOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) {
            return;
        }
    });
}

}  // namespace

Argon2Params InsecureTestArgon2Params() {
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

std::string PinProblem(std::string_view pin) {
    if (pin.size() < static_cast<size_t>(kMinPinDigits)) {
        return "a PIN needs at least " + std::to_string(kMinPinDigits) + " digits";
    }
    if (pin.size() > 64) {
        return "a PIN has at most 64 digits";
    }
    for (char c : pin) {
        if (c < '0' || c > '9') {
            return "a PIN consists of digits only";
        }
    }
    return {};
}

Result<std::string> MakePinVerifier(std::string_view pin, const Argon2Params& params) {
    InitSodiumOnce();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), pin.data(), pin.size(), params.opslimit,
                              params.memlimit_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return Fail("crypto.pwhash", "cannot compute the PIN verifier (out of memory?)");
    }
    return std::string(out.data());
}

bool VerifyPin(std::string_view verifier, std::string_view pin) {
    InitSodiumOnce();
    const std::string v(verifier);
    return crypto_pwhash_str_verify(v.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace treffpunkt::protocol
