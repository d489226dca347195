// The kiosk's local copy of the dataset: one SQLite file (WAL) with numbered migrations, the
// queries the kiosk shows, German full-text search. No UI and no network code here.
//
// Threads: a Replica is one connection and belongs to one thread. The UI thread and the sync
// thread each open their own on the same file; WAL lets them read while the other writes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/model/records.hpp"
#include "sync/model/result.hpp"
#include "sync/model/schedule.hpp"

namespace treffpunkt {

class Database;
class SearchIndex;

// The schema version this program writes (PRAGMA user_version).
int ReplicaSchemaVersion();

// What the kiosk shows in "Stand: …" and the status details.
struct ReplicaInfo {
    int schema_version{0};
    size_t offers{0};  // active offers
    size_t places{0};
    size_t contacts{0};
    size_t helpers{0};
    size_t networks{0};
    size_t organizations{0};
    size_t terms{0};
    std::optional<UtcTime> data_as_of;   // newest `updated` of any record
    std::optional<UtcTime> replaced_at;  // when the data was last imported or synced
    std::string source;                  // the dataset's "source"
};

enum class WhenFilter {
    kAny,       // no date filter
    kToday,     // a session today (Berlin date of `now`) that has not ended
    kThisWeek,  // a session in the next 7 days
};

// The filters of the results screen. Lists are "any of"; empty = no filter.
struct OfferQuery {
    std::string text;                           // search text as typed (any bytes are safe)
    std::vector<std::string> fields_of_action;  // field_of_action term ids
    std::vector<std::string> target_groups;     // target_group term ids
    std::vector<std::string> districts;         // districts of the offer's place
    std::vector<std::string> languages;         // languages spoken in the offer
    std::string place_id;                       // only offers at this place
    bool free_only{false};                      // only offers free of charge
    WhenFilter when{WhenFilter::kAny};
};

// One row of an offer list.
struct OfferSummary {
    std::string id;
    LocalizedText title;
    LocalizedText summary;
    std::string place_id;
    LocalizedText place_name;
    std::string district;
    bool free_of_charge{true};
    std::vector<std::string> languages;
    std::optional<Session> next_session;  // next session not yet ended at `now`, if known

    bool operator==(const OfferSummary&) const = default;
};

// A session of an offer, for "Heute hier" and calendars.
struct OfferSession {
    std::string offer_id;
    LocalizedText title;
    Session session;
};

struct OfferDetail {
    Offer offer;
    std::optional<Place> place;
    std::optional<Organization> organization;
    std::optional<Contact> contact;  // the offer's contact, else the place's
};

struct HelperDetail {
    Helper helper;
    std::optional<Contact> coordinator;
    std::optional<Place> place;
};

// A search hit of any kind of record.
struct SearchHit {
    RecordKind kind{RecordKind::kOffer};
    std::string id;
    LocalizedText title;     // offer title, place/contact/network name, helper first name
    LocalizedText subtitle;  // e.g. place and district of an offer, role of a contact

    bool operator==(const SearchHit&) const = default;
};

struct SearchResult {
    std::vector<SearchHit> hits;  // best first, at most `limit`
    size_t total{0};              // all matches, counted up to 1,000
    bool total_capped{false};     // more than 1,000 match ("mehr als 1.000 Treffer")
};

struct ImportStats {
    size_t records{0};
    size_t sessions{0};  // precomputed sessions
};

class Replica {
  public:
    // Opens (creating if needed) the database at `path` and migrates it to the current schema.
    // Errors: "db.open" (cannot open or create), "db.corrupt" (not a database or damaged),
    // "db.newer_schema" (written by a newer Treffpunkt; the file is left untouched).
    static Result<Replica> Open(const std::string& path);

    Replica(Replica&&) noexcept;
    Replica& operator=(Replica&&) noexcept;
    ~Replica();

    // --- Whole dataset -------------------------------------------------------------------
    // Replaces everything with `dataset` in one transaction (validate before calling).
    // Sessions are precomputed from `now` on.
    Result<ImportStats> ReplaceDataset(const Dataset& dataset, UtcTime now);
    Result<Dataset> ExportDataset();
    Result<ReplicaInfo> Info();
    // True if the replica holds no records.
    Result<bool> IsEmpty();

    // Recomputes the session table if it ends less than 3 weeks after `now` (the kiosk calls
    // this when the date changes). Cheap when nothing is due.
    Result<void> RefreshSessions(UtcTime now);

    // --- Single records (sync, volunteer edits) ----------------------------------------------
    // Stores `record`, replacing the stored one with its id (a tombstone removes it), and
    // re-derives the records that show its name: a renamed place renames its offers in lists
    // and in search. The caller holds a transaction (Transaction::Begin(db())), so that a page
    // of changes lands whole or not at all.
    Result<void> PutRecord(const AnyRecord& record, UtcTime now);
    // Removes the record with `id` (and what is derived from it); no-op if there is none.
    // Same transaction rule as PutRecord.
    Result<void> RemoveRecord(std::string_view id);

    // --- Records ---------------------------------------------------------------------------
    Result<std::optional<AnyRecord>> Get(std::string_view id);
    Result<std::optional<OfferDetail>> GetOfferDetail(std::string_view id);
    Result<std::optional<HelperDetail>> GetHelperDetail(std::string_view id);

    // --- Lists -----------------------------------------------------------------------------
    // The offers matching every filter of `query` (retired offers never), in display order: by
    // relevance if there is text, by next session for kToday/kThisWeek, else by title. Returns
    // row handles only, so it stays cheap for 10,000 results; a list screen materializes the
    // rows it shows with OfferSummaries. Handles are valid until the replica next changes.
    Result<std::vector<std::int64_t>> MatchOffers(const OfferQuery& query, UtcTime now);
    // The list rows for handles from MatchOffers, in the same order; handles of offers that
    // have gone since are skipped.
    Result<std::vector<OfferSummary>> OfferSummaries(const std::vector<std::int64_t>& rows,
                                                     UtcTime now);
    // MatchOffers and OfferSummaries of every match in one call.
    Result<std::vector<OfferSummary>> FindOffers(const OfferQuery& query, UtcTime now);
    // Sessions of offers at `place_id` overlapping [from, until), by start.
    Result<std::vector<OfferSession>> SessionsAtPlace(std::string_view place_id, UtcTime from,
                                                      UtcTime until);
    // Offers with a session running at `now` (optionally only at one place).
    Result<std::vector<OfferSummary>> OpenNow(UtcTime now, std::string_view place_id = {});
    // Helpers offering a kind of help (term id) in a district; empty = any.
    Result<std::vector<Helper>> FindHelpers(std::string_view help_kind_id,
                                            std::string_view district);
    Result<std::vector<Contact>> Contacts();                      // by name
    Result<std::vector<Place>> Places(bool meeting_places_only);  // by district, then name
    Result<std::vector<Organization>> Organizations();            // by name
    // Networks with a topic and/or a level (term ids); empty = any.
    Result<std::vector<Network>> FindNetworks(std::string_view topic_id, std::string_view level_id);
    // Terms of one vocabulary, by sort_order.
    Result<std::vector<TaxonomyTerm>> Terms(std::string_view vocabulary);
    // Districts that have places, sorted.
    Result<std::vector<std::string>> Districts();
    // Districts where helpers help, sorted.
    Result<std::vector<std::string>> HelperDistricts();
    // Languages spoken in at least one active offer, sorted.
    Result<std::vector<std::string>> OfferLanguages();

    // --- Search ----------------------------------------------------------------------------
    // Searches all records for what a person typed: every prefix of a word finds it; umlauts
    // and ß fold both ways (Müller = Mueller = Muller); parts of compounds match ("hilfe"
    // finds Nachbarschaftshilfe); one typo is tolerated in words of 5 or more letters; title
    // hits rank before others, and titles that start with the first word before those.
    // Any input is safe. Returns at most `limit` hits of the given kinds (empty = every kind
    // shown to residents).
    Result<SearchResult> Search(std::string_view text, size_t limit,
                                const std::vector<RecordKind>& kinds = {});

    // --- Sync (the engine in sync/client) ---------------------------------------------------
    // ReplaceDataset inside the caller's transaction (Transaction::Begin(db())), so that a full
    // resync stores its cursor and re-applies the local edits in the same commit.
    Result<ImportStats> ReplaceDatasetInTransaction(const Dataset& dataset, UtcTime now);
    // The stored revision of record `id`; nullopt if there is no such record.
    Result<std::optional<std::int64_t>> RevisionOf(std::string_view id);
    // Rewrites the search index into one segment (FTS5 'optimize'), so that no word of a
    // removed record stays in it. Call inside the transaction that removed records.
    Result<void> PurgeRemovedText();
    // Copies the write-ahead log into the database file and truncates it
    // (PRAGMA wal_checkpoint(TRUNCATE)), so that removed text does not linger in the -wal file.
    // Outside a transaction. Returns false if a reader kept it from finishing (try again later).
    Result<bool> CheckpointWal();

    // The connection, for the other parts of the replica module (outbox, sync apply).
    Database& db();

  private:
    explicit Replica(std::unique_ptr<Database> db);
    Result<ImportStats> ReplaceAll(const Dataset& dataset, UtcTime now);
    Result<ImportStats> ReplaceRecords(const Dataset& dataset, UtcTime now);  // caller's tx
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SearchIndex> m_search;  // keeps the typo vocabulary between searches
};

}  // namespace treffpunkt
