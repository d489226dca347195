// Volunteers' edits on the kiosk and the hub's versions beside them: while an edit waits in the
// outbox, the records table shows the record as the volunteer left it ("wird übertragen") and
// hub_copies keeps the hub's version, so that a pulled change is shown under the local edits
// and a rejected edit can be undone. No network code here; same thread rules as Replica.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/model/json_codec.hpp"
#include "sync/model/records.hpp"
#include "sync/model/result.hpp"
#include "sync/replica/sync_store.hpp"

namespace treffpunkt {

class Replica;

// The record as it looks with `pending` (outbox entries of record `id`, in order) applied to
// the hub's version `hub` (nullopt or a tombstone: the hub has none). Pure.
//   create: the entry's fields are the whole record; update: each field replaces the record's
//   (null removes it), on top of what is there; delete: the record goes.
// An update of a record that does not exist leaves it absent. Returns nullopt when there is
// no record to show. Fields that do not decode are reported in `problems` (path
// "edits[<seq>].fields…") and the record is then shown without that entry.
std::optional<AnyRecord> ApplyEdits(RecordKind kind, const std::string& id,
                                    const std::optional<AnyRecord>& hub,
                                    const std::vector<OutboxEntry>& pending,
                                    std::vector<Problem>& problems);

class LocalEdits {
  public:
    explicit LocalEdits(Replica& replica);

    // A volunteer saved an edit: writes its outbox entry and the record as it now looks in one
    // transaction, with synchronous=FULL (a power cut right after the save loses nothing).
    // Returns the entry's seq. Errors: "edit.invalid" (fields not a JSON object, or they do
    // not give a record of the entry's kind), the database's errors.
    Result<std::int64_t> Save(const OutboxEntry& entry, UtcTime now);

    // The hub's version of a record arrived (a pulled change, a push answer, a full resync;
    // a tombstone when the hub has none): stores it, with the record's pending edits applied on
    // top. Inside the caller's transaction.
    Result<void> PutHubRecord(const AnyRecord& record, UtcTime now);

    // The record's pending edits changed (one was answered): shows the hub's version with the
    // edits still pending, and forgets the hub's copy once none is left. Inside the caller's
    // transaction.
    Result<void> Reapply(std::string_view record_id, UtcTime now);

    // The hub's version of a record with pending edits, as kept beside the local one: nullopt
    // if none is kept, a tombstone if the hub has no such record.
    Result<std::optional<AnyRecord>> HubCopy(std::string_view record_id);

    // Ids and kinds of the records with pending edits, in the order of their first edit.
    Result<std::vector<std::pair<std::string, RecordKind>>> RecordsWithPendingEdits();

    // Removes hub copies of records without pending edits (after a full resync). Inside the
    // caller's transaction.
    Result<void> ForgetSettledCopies();

  private:
    Result<void> Show(RecordKind kind, const std::string& id, const std::optional<AnyRecord>& hub,
                      UtcTime now, std::vector<Problem>& problems);
    Result<void> KeepCopy(RecordKind kind, const std::string& id, const AnyRecord* hub);
    Result<void> DropCopy(std::string_view id);

    Replica& m_replica;
    SyncStore m_store;
};

}  // namespace treffpunkt
