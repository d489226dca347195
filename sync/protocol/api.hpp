// The sync protocol's fixed names: endpoint paths, headers, error codes and the few constants
// kiosk and hub must agree on (docs/protocol.md). Standard library only.
#pragma once

#include <string_view>

namespace treffpunkt::protocol {

inline constexpr std::string_view kApiVersion = "v1";

// Endpoints. All bodies are JSON (Content-Type: application/json), UTF-8.
inline constexpr std::string_view kPathHealth = "/api/v1/health";             // GET, no token
inline constexpr std::string_view kPathChanges = "/api/v1/changes";           // GET, token
inline constexpr std::string_view kPathEdits = "/api/v1/edits";               // POST, token
inline constexpr std::string_view kPathHeartbeat = "/api/v1/heartbeat";       // POST, token
inline constexpr std::string_view kPathVolunteers = "/api/v1/volunteers";     // GET, token
inline constexpr std::string_view kPathPairing = "/api/v1/pairing";           // POST, no token
inline constexpr std::string_view kPathPairingPoll = "/api/v1/pairing/poll";  // POST, no token

inline constexpr std::string_view kJsonContentType = "application/json";

// Pairing codes: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S,
// 8/B). Entered case-insensitively.
inline constexpr std::string_view kPairingCodeAlphabet = "ACDEFGHJKMNPQRTUVWXY34679";
inline constexpr int kPairingCodeLength = 6;

// Volunteers' PINs: digits only, at least this many.
inline constexpr int kMinPinDigits = 6;

// Error codes (ApiError::code). HTTP status in brackets; see docs/protocol.md.
namespace errors {
// Whole requests.
inline constexpr std::string_view kMalformedJson = "request.malformed_json";                 // 400
inline constexpr std::string_view kInvalidUtf8 = "request.invalid_utf8";                     // 400
inline constexpr std::string_view kInvalid = "request.invalid";                              // 400
inline constexpr std::string_view kBadParameter = "request.bad_parameter";                   // 400
inline constexpr std::string_view kHttpsRequired = "request.https_required";                 // 403
inline constexpr std::string_view kNotFound = "request.not_found";                           // 404
inline constexpr std::string_view kMethodNotAllowed = "request.method_not_allowed";          // 405
inline constexpr std::string_view kTimeout = "request.timeout";                              // 408
inline constexpr std::string_view kTooLarge = "request.too_large";                           // 413
inline constexpr std::string_view kUnsupportedMediaType = "request.unsupported_media_type";  // 415
inline constexpr std::string_view kHeadersTooLarge = "request.headers_too_large";            // 431
inline constexpr std::string_view kRateLimited = "request.rate_limited";                     // 429
// Device tokens.
inline constexpr std::string_view kAuthMissing = "auth.missing";             // 401
inline constexpr std::string_view kAuthUnknownToken = "auth.unknown_token";  // 401
inline constexpr std::string_view kAuthRevoked = "auth.revoked";             // 401
// The change feed.
inline constexpr std::string_view kResyncRequired = "feed.resync_required";  // 410
// Pairing.
inline constexpr std::string_view kPairingUnknown = "pairing.unknown";    // 404
inline constexpr std::string_view kPairingExpired = "pairing.expired";    // 410
inline constexpr std::string_view kPairingFinished = "pairing.finished";  // 410
inline constexpr std::string_view kPairingTooMany = "pairing.too_many";   // 503
// The hub itself.
inline constexpr std::string_view kBusy = "server.busy";          // 503
inline constexpr std::string_view kInternal = "server.internal";  // 500

// Reasons of a rejected edit (EditAnswer::error, HTTP 200).
inline constexpr std::string_view kEditInvalid = "edit.invalid";
inline constexpr std::string_view kEditForbidden = "edit.forbidden";
inline constexpr std::string_view kEditUnknownVolunteer = "edit.unknown_volunteer";
inline constexpr std::string_view kEditVolunteerDisabled = "edit.volunteer_disabled";
inline constexpr std::string_view kEditVolunteerElsewhere = "edit.volunteer_not_at_this_place";
inline constexpr std::string_view kEditNotFound = "edit.not_found";
inline constexpr std::string_view kEditExists = "edit.exists";
inline constexpr std::string_view kEditBadBase = "edit.bad_base_revision";
inline constexpr std::string_view kEditIdReused = "edit.id_reused";
inline constexpr std::string_view kEditReferenced = "edit.still_referenced";
inline constexpr std::string_view kEditUnknownConflict = "edit.unknown_conflict";
}  // namespace errors

}  // namespace treffpunkt::protocol
