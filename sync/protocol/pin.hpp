// Volunteers' PINs and their Argon2id verifiers (docs/protocol.md, "Volunteers"): the hub makes
// verifiers, kiosks check PINs against them offline. libsodium inside; no storage, no UI.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sync/model/result.hpp"

namespace treffpunkt::protocol {

// Argon2id cost of a PIN verifier. The defaults take about 0.1 s on the development machine and
// are estimated at about 0.45 s on a Raspberry Pi 4 (`treffpunkt-hub volunteer pin-cost`
// measures it on the machine it runs on).
struct Argon2Params {
    std::uint64_t opslimit{3};              // passes over memory
    std::size_t memlimit_bytes{64u << 20};  // memory in bytes
};

// The libsodium minimum (8 KiB, 1 pass): only for tests, never for real PINs.
Argon2Params InsecureTestArgon2Params();

// "" if `pin` is acceptable (only digits, at least kMinPinDigits, at most 64); else the reason.
std::string PinProblem(std::string_view pin);

// An Argon2id verifier in PHC form ("$argon2id$v=19$m=65536,t=3,p=1$…"), as crypto_pwhash_str
// makes it. Error "crypto.pwhash" (out of memory).
Result<std::string> MakePinVerifier(std::string_view pin, const Argon2Params& params);

// True if `pin` matches `verifier`. Takes as long as the verifier's cost (tenths of a second
// on a kiosk): call it off the UI thread.
bool VerifyPin(std::string_view verifier, std::string_view pin);

}  // namespace treffpunkt::protocol
