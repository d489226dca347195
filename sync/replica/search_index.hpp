// The replica's German search: keeps the FTS5 tables and the typo vocabulary in step with the
// records, and turns what a person typed into a safe match. Internal to sync/replica.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sync/model/result.hpp"

namespace treffpunkt {

class Database;

// The searchable text of one record, already folded (FoldForSearch: words separated by one
// space).
struct IndexText {
    std::string title;  // what the record is called, in every language
    std::string body;   // everything else worth finding
};

// An IndexText as the index stores it, worked out without the database: a full import
// prepares it on another thread while the previous records are written.
struct IndexRows {
    std::string title;               // the title as indexed (every word after two spaces)
    std::string body;                // the body as indexed
    std::vector<std::string> words;  // distinct words long enough for typo tolerance
};
IndexRows PrepareIndexRows(const IndexText& text);

// A match ready to be embedded in SQL: `cte` defines `match(rowid, tier)` over the records
// that contain every typed word; tier 0 = all words in the title, 1 = elsewhere, +2 when a
// word only matched through a typo correction. `binds` fill its parameters ?1…?n in order.
struct MatchPlan {
    std::string cte;
    std::vector<std::string> binds;
};

// The best records for typed text: rowids in rank order (title hits first, typo corrections
// last, then rowid, which a full import makes display order), and how many match in all.
struct RankedMatches {
    std::vector<std::int64_t> rowids;
    size_t total{0};           // all matches, counted up to kMaxCountedMatches
    bool total_capped{false};  // true if there are more than kMaxCountedMatches
};

// Counting stops here: "more than 1,000" is as useful to a person as the exact number, and
// counting 10,000 matches of a vague word would cost more than the rest of the search.
inline constexpr size_t kMaxCountedMatches = 1000;

// Splits typed text into at most kMaxWords folded words; any bytes are accepted.
std::vector<std::string> SearchWords(std::string_view typed);

// True if `typed` is within one edit (substitution, insertion, deletion or transposition of
// neighbours) of `word` or of a prefix of it. Used for typo tolerance while typing.
bool WithinOneEditOfPrefix(std::string_view typed, std::string_view word);

class SearchIndex {
  public:
    explicit SearchIndex(Database& db) : m_db(db) {}

    // Replaces the indexed text of record `rowid`.
    Result<void> Put(std::int64_t rowid, const IndexRows& rows);
    Result<void> Remove(std::int64_t rowid);
    // Empties all search tables (before a full import).
    Result<void> Clear();

    // Between these, word counts for typo tolerance are kept in memory and written once at
    // the end: a full import touches each word once instead of once per record.
    void BeginBulk();
    Result<void> EndBulk();

    // The match for typed text, for queries that filter it further; nullopt when the text
    // has no searchable word.
    Result<std::optional<MatchPlan>> Plan(std::string_view typed);

    // The `limit` best matches for typed text among records of `kinds` (their names as in
    // the records table; empty = all) and the number of all matches. Stops reading the index
    // once it has enough, so it stays fast however many records match.
    Result<RankedMatches> Ranked(std::string_view typed, size_t limit,
                                 const std::vector<std::string>& kinds = {});

  private:
    struct Expressions;  // FTS5 match expressions for typed text
    // The expressions for typed text. Typo corrections are added only where the words as
    // typed find fewer than `enough` records: a correction helps when the typing misses.
    Result<std::optional<Expressions>> Express(std::string_view typed, size_t enough);
    Result<size_t> CountMatches(const std::string& expression, size_t cap);
    Result<void> CountWords(const std::vector<std::string>& distinct_words, int delta);
    Result<void> LoadVocabulary();

    Database& m_db;
    std::vector<std::string> m_vocab;  // cached search_vocab
    std::int64_t m_vocab_generation{-1};
    bool m_bulk{false};
    std::unordered_map<std::string, std::int64_t> m_bulk_counts;  // word -> uses (bulk mode)
};

}  // namespace treffpunkt
