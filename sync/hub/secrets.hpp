// Random device tokens and their hashes, pairing codes, feed epochs and volunteers' PIN
// verifiers (Argon2id), all from libsodium. No storage, no HTTP.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sync/model/result.hpp"

namespace treffpunkt::hub {

// Initialises libsodium; call once before starting threads. Error "crypto.init".
Result<void> InitCrypto();

// A device token or pairing secret: a prefix and 32 random bytes, base64url without padding,
// e.g. "tpk_Zq3…" (47 characters).
std::string RandomToken(std::string_view prefix);

// The hash stored instead of a token or secret: BLAKE2b-256, lower-case hex. Tokens are random
// and long, so a fast hash is enough; a stolen database reveals no usable token.
std::string TokenHash(std::string_view token);

// A pairing code of protocol::kPairingCodeLength characters from kPairingCodeAlphabet.
std::string RandomPairingCode();
// What an administrator typed, as a code: upper case, spaces and dashes removed.
std::string NormalizePairingCode(std::string_view typed);

// A new feed epoch: 8 characters a-z and 0-9.
std::string RandomEpoch();

// Argon2id cost of a PIN verifier.
struct Argon2Params {
    std::uint64_t opslimit{3};              // passes over memory
    std::size_t memlimit_bytes{64u << 20};  // memory in bytes
};

// The libsodium minimum (8 KiB, 1 pass): only for tests, never for real PINs.
Argon2Params InsecureTestArgon2Params();

// "" if `pin` is acceptable (only digits, at least protocol::kMinPinDigits, at most 64); else
// the reason.
std::string PinProblem(std::string_view pin);

// An Argon2id verifier in PHC form ("$argon2id$v=19$m=65536,t=3,p=1$…"), as
// crypto_pwhash_str makes it. Error "crypto.pwhash" (out of memory).
Result<std::string> MakePinVerifier(std::string_view pin, const Argon2Params& params);

// True if `pin` matches `verifier` (what a kiosk does offline).
bool VerifyPin(std::string_view verifier, std::string_view pin);

}  // namespace treffpunkt::hub
