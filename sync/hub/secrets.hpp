// Random device tokens and their hashes, pairing codes, feed epochs and volunteers' PIN
// verifiers (Argon2id), all from libsodium. No storage, no HTTP.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sync/model/result.hpp"
#include "sync/protocol/pin.hpp"

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

// PINs and their verifiers are shared with the kiosk (sync/protocol/pin.hpp).
using protocol::Argon2Params;
using protocol::InsecureTestArgon2Params;
using protocol::MakePinVerifier;
using protocol::PinProblem;
using protocol::VerifyPin;

}  // namespace treffpunkt::hub
