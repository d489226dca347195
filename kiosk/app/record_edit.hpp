// Turns what a volunteer changed in a form into an outbox entry, after checking it the way the
// hub will: the record's rules (ValidateRecord), references to records this kiosk knows, and
// whether this volunteer may edit the record before and after the change (WhyNotEditable).
// Also the one-tap edits: "Stimmt noch", pause, retire. No UI; the entry is then saved with
// LocalEdits::Save (local change and outbox entry in one transaction).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sync/model/json_codec.hpp"
#include "sync/model/records.hpp"
#include "sync/model/result.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/replica/sync_store.hpp"

namespace treffpunkt {

class Replica;

// The protocol's account of a volunteer from the replica's list; nullopt if the entry is
// damaged (its lists are not JSON arrays of strings, or the role is unknown).
std::optional<protocol::VolunteerAccount> AccountFromEntry(const VolunteerEntry& entry);

// The outbox entry for changing `before` into `after` (`before` = nullopt: a new record;
// `after` a tombstone: deleting). Every rule the new record breaks is appended to `problems`
// with its field path (then error "edit.invalid"). Other errors: "edit.not_allowed" (the
// volunteer may not edit this record; the message names why), "edit.unchanged" (nothing to
// save).
Result<OutboxEntry> PrepareEdit(Replica& replica, const protocol::VolunteerAccount& volunteer,
                                const std::optional<AnyRecord>& before, const AnyRecord& after,
                                UtcTime now, std::vector<Problem>& problems);

// "Stimmt noch": the record, confirmed as correct today.
AnyRecord ConfirmedOn(AnyRecord record, Date today);

// The offer with no sessions from `from` to `until` ("fällt vorübergehend aus"). Error
// "edit.no_schedule" for an offer without a schedule.
Result<Offer> Paused(Offer offer, Date from, Date until, const LocalizedText& note);

// The offer, retired: kept in the data, no longer shown.
Offer Retired(Offer offer);

}  // namespace treffpunkt
