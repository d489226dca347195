// Applies the edits a kiosk pushes (docs/protocol.md, "Push"): idempotency by edit id, the
// authorization rules, the three-way merge, validation, the moderation queue and the audit
// log. Works on a HubStore; no HTTP here.
#pragma once

#include <string>

#include "sync/hub/hub_store.hpp"
#include "sync/model/result.hpp"
#include "sync/protocol/messages.hpp"

namespace treffpunkt::hub {

// Who pushed.
struct PushContext {
    std::string kiosk_id;        // the authenticated kiosk
    std::string kiosk_place_id;  // the place it is paired to
    UtcTime now{};               // the hub's clock
};

// Applies every edit of `request` in order, in one transaction, and answers each: applied,
// conflict or rejected (a rejected edit writes nothing). Every answer is stored with its edit
// id; the same edit sent again by the same kiosk gets the stored answer and changes nothing.
// Errors are storage failures ("db.busy", "db.error"): then nothing at all was written.
Result<protocol::PushAnswer> ApplyPush(HubStore& store, const protocol::PushRequest& request,
                                       const PushContext& context);

// How an administrator settles a conflict: for each conflicting field, take the kiosk's value
// (true) or keep the hub's (false). Fields not named keep the hub's value.
struct Resolution {
    std::vector<std::pair<std::string, bool>> take_kiosk;  // field -> take the kiosk's value
};

// Resolves conflict `id` as "admin": writes a new revision with the chosen kiosk values (if
// any) onto the record as it is now, validated like any edit, and closes the conflict.
// Errors: "conflict.unknown", "conflict.resolved", "conflict.invalid" (the result would not
// be a valid record; the message lists the problems), storage errors.
Result<std::int64_t> ResolveConflictAsAdmin(HubStore& store, std::int64_t id,
                                            const Resolution& resolution, UtcTime now);

}  // namespace treffpunkt::hub
