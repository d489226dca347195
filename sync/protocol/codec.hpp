// JSON encoding and decoding of the sync protocol's messages (docs/protocol.md), both ways, for
// hub and kiosk. Decoders report every problem with its path (like the model's record decoder)
// and never throw. No HTTP, no SQLite, no UI.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sync/model/json_codec.hpp"
#include "sync/model/result.hpp"
#include "sync/protocol/messages.hpp"

namespace treffpunkt::protocol {

// JSON nested deeper than this is refused before anything else is looked at.
inline constexpr int kMaxJsonDepth = 32;

// The message as a JSON value / as compact UTF-8 text (invalid UTF-8 in strings is replaced).
// Defined for ApiError, PullPage, PushRequest, PushAnswer, Heartbeat, HeartbeatAnswer,
// PairingRequest, PairingTicket, PairingPoll, PairingPollAnswer, VolunteerList, HealthAnswer.
// ApiError encodes as the whole error body {"error": {…}}.
template <class M>
nlohmann::json ToJsonValue(const M& message);
template <class M>
std::string Encode(const M& message);

// Decodes a message from JSON text. Every problem (syntax, invalid UTF-8, nesting, missing or
// mistyped fields, bad values, and unknown fields when `unknown` is kReject) is appended to
// `problems` with its path; the message is returned only if there were none. Error code
// "request.invalid" (or "request.malformed_json" for a syntax error). Never throws.
//
// The hub decodes requests with kReject. A kiosk decodes answers with kIgnore, so that a newer
// hub may add fields.
template <class M>
Result<M> Decode(std::string_view text, std::vector<Problem>& problems,
                 UnknownFields unknown = UnknownFields::kReject);

// The same for a JSON value already parsed.
template <class M>
Result<M> DecodeJson(const nlohmann::json& json, std::vector<Problem>& problems,
                     UnknownFields unknown = UnknownFields::kReject);

// True if `json` nests no deeper than `max_depth` arrays/objects.
bool WithinDepth(const nlohmann::json& json, int max_depth);

}  // namespace treffpunkt::protocol
