#include "sync/replica/search_index.hpp"

#include <algorithm>
#include <set>

#include "sync/model/records.hpp"
#include "sync/model/text.hpp"
#include "sync/replica/database.hpp"

namespace treffpunkt {

namespace {

constexpr size_t kMaxWords = 8;          // more words than this are ignored
constexpr size_t kMaxWordChars = 48;     // longer words are cut (no real word is longer)
constexpr size_t kMaxTypedChars = 256;   // the rest of a pasted essay is ignored
constexpr size_t kMinTypoWordChars = 5;  // one typo tolerated from this length on
constexpr size_t kMaxTypoVariants = 8;   // corrections tried per word, most used first

std::vector<std::string> SplitWords(std::string_view folded) {
    std::vector<std::string> words;
    size_t start = 0;
    while (start < folded.size()) {
        size_t end = folded.find(' ', start);
        if (end == std::string_view::npos) {
            end = folded.size();
        }
        if (end > start) {
            words.emplace_back(folded.substr(start, end - start));
        }
        start = end + 1;
    }
    return words;
}

// The indexed form: every word preceded by two spaces, so that the trigrams "  x" and " xy"
// mark word starts.
std::string Spaced(const std::string& folded) {
    std::string out;
    out.reserve(folded.size() * 2 + 2);
    for (const std::string& w : SplitWords(folded)) {
        out += "  ";
        out += w;
    }
    return out;
}

// The words of folded text long enough for typo tolerance (search_vocab), each once, sorted.
std::vector<std::string> DistinctLongWords(const std::string& folded) {
    std::vector<std::string> words = SplitWords(folded);
    std::erase_if(words, [](const std::string& w) { return Utf8Length(w) < kMinTypoWordChars; });
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
}

// The FTS5 phrase for a typed word. Long words match anywhere (parts of compounds); one or two
// letters match the start of a word. Folded words hold only letters and digits, so nothing
// typed can reach the query syntax.
std::string Phrase(const std::string& word) {
    const size_t chars = Utf8Length(word);
    if (chars == 1) {
        return "\"  " + word + "\"";
    }
    if (chars == 2) {
        return "\" " + word + "\"";
    }
    return "\"" + word + "\"";
}

bool RestIsPrefix(std::string_view rest, std::string_view of) {
    return of.starts_with(rest);
}

// Whether a folded title holds every typed word the way Phrase() matches it: one or two
// letters at the start of a word, longer words anywhere.
bool TitleHasWords(std::string_view title, const std::vector<std::string>& words) {
    return std::all_of(words.begin(), words.end(), [&](const std::string& word) {
        if (Utf8Length(word) > 2) {
            return title.find(word) != std::string_view::npos;
        }
        for (size_t at = title.find(word); at != std::string_view::npos;
             at = title.find(word, at + 1)) {
            if (at == 0 || title[at - 1] == ' ') {
                return true;
            }
        }
        return false;
    });
}

}  // namespace

struct SearchIndex::Expressions {
    std::string exact;      // every word as typed
    std::string corrected;  // every word or one of its typo corrections
    bool has_corrections{false};
};

std::vector<std::string> SearchWords(std::string_view typed) {
    const std::string clean = SanitizeUtf8(Utf8Prefix(typed, kMaxTypedChars));
    std::vector<std::string> out;
    for (const std::string& w : SplitWords(FoldForSearch(clean))) {
        const std::string cut(Utf8Prefix(w, kMaxWordChars));
        if (std::find(out.begin(), out.end(), cut) == out.end()) {
            out.push_back(cut);
        }
        if (out.size() == kMaxWords) {
            break;
        }
    }
    return out;
}

bool WithinOneEditOfPrefix(std::string_view typed, std::string_view word) {
    size_t i = 0;
    while (i < typed.size() && i < word.size() && typed[i] == word[i]) {
        ++i;
    }
    if (i == typed.size()) {
        return true;  // a plain prefix: no edit needed
    }
    const std::string_view t_rest = typed.substr(i + 1);
    // Substitution: typed[i] stands for word[i].
    if (i < word.size() && RestIsPrefix(t_rest, word.substr(i + 1))) {
        return true;
    }
    // A letter too many in what was typed.
    if (RestIsPrefix(t_rest, word.substr(i))) {
        return true;
    }
    // A letter missing in what was typed ("Deutchkurs" for "Deutschkurs").
    if (i < word.size() && RestIsPrefix(typed.substr(i), word.substr(i + 1))) {
        return true;
    }
    // Neighbours swapped.
    return i + 1 < typed.size() && i + 1 < word.size() && typed[i] == word[i + 1] &&
           typed[i + 1] == word[i] && RestIsPrefix(typed.substr(i + 2), word.substr(i + 2));
}

void SearchIndex::BeginBulk() {
    m_bulk = true;
    m_bulk_counts.clear();
}

Result<void> SearchIndex::EndBulk() {
    m_bulk = false;
    for (const auto& [word, uses] : m_bulk_counts) {
        auto& put = m_db.Cached(
            "INSERT INTO search_vocab (word, uses) VALUES (?1, ?2) "
            "ON CONFLICT (word) DO UPDATE SET uses = uses + excluded.uses");
        if (auto r = put.Bind(1, word).Bind(2, uses).Run(); !r) {
            return r;
        }
    }
    m_bulk_counts.clear();
    return m_db.Exec(
        "DELETE FROM search_vocab WHERE uses <= 0;"
        "INSERT INTO meta (key, value) VALUES ('search_generation', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1;");
}

Result<void> SearchIndex::CountWords(const std::vector<std::string>& distinct, int delta) {
    if (distinct.empty()) {
        return Ok();
    }
    if (m_bulk) {
        for (const std::string& w : distinct) {
            m_bulk_counts[w] += delta;
        }
        return Ok();
    }
    for (const std::string& w : distinct) {
        auto& change = m_db.Cached(
            "INSERT INTO search_vocab (word, uses) VALUES (?1, ?2) "
            "ON CONFLICT (word) DO UPDATE SET uses = uses + excluded.uses");
        if (auto r = change.Bind(1, w).Bind(2, delta).Run(); !r) {
            return r;
        }
    }
    return m_db.Exec(
        "DELETE FROM search_vocab WHERE uses <= 0;"
        "INSERT INTO meta (key, value) VALUES ('search_generation', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1;");
}

IndexRows PrepareIndexRows(const IndexText& text) {
    IndexRows rows;
    rows.title = Spaced(text.title);
    rows.body = Spaced(text.body);
    rows.words = DistinctLongWords(text.title + " " + text.body);
    return rows;
}

Result<void> SearchIndex::Put(std::int64_t rowid, const IndexRows& rows) {
    if (auto r = Remove(rowid); !r) {
        return r;
    }
    auto& insert = m_db.Cached("INSERT INTO search (rowid, title, body) VALUES (?1, ?2, ?3)");
    if (auto r = insert.Bind(1, rowid).Bind(2, rows.title).Bind(3, rows.body).Run(); !r) {
        return r;
    }
    auto& insert_title = m_db.Cached("INSERT INTO search_title (rowid, title) VALUES (?1, ?2)");
    if (auto r = insert_title.Bind(1, rowid).Bind(2, rows.title).Run(); !r) {
        return r;
    }
    return CountWords(rows.words, +1);
}

Result<void> SearchIndex::Remove(std::int64_t rowid) {
    if (m_bulk) {
        return Ok();  // a full import starts from empty tables
    }
    auto& old = m_db.Cached("SELECT title, body FROM search WHERE rowid = ?1");
    old.Bind(1, rowid);
    auto row = old.Step();
    if (!row) {
        return Unexpected<Error>(row.error());
    }
    if (!*row) {
        return Ok();
    }
    const std::string old_title = old.Text(0);
    const std::string old_text = old_title + " " + old.Text(1);
    old.Reset();
    auto& del = m_db.Cached("DELETE FROM search WHERE rowid = ?1");
    if (auto r = del.Bind(1, rowid).Run(); !r) {
        return r;
    }
    // A contentless index forgets a row only when told exactly what it held.
    auto& del_title = m_db.Cached(
        "INSERT INTO search_title (search_title, rowid, title) VALUES ('delete', ?1, ?2)");
    if (auto r = del_title.Bind(1, rowid).Bind(2, old_title).Run(); !r) {
        return r;
    }
    return CountWords(DistinctLongWords(old_text), -1);
}

Result<void> SearchIndex::Clear() {
    m_vocab.clear();
    m_vocab_generation = -1;
    // Dropping the FTS tables frees (and, with secure_delete, zeroes) every page of the old
    // index at once; a DELETE would leave old terms in segments until some later merge. The
    // tables are recreated from their own schema entries, so the migrations stay their only
    // definition.
    m_db.ResetCached();
    std::string recreate;
    for (const char* table : {"search", "search_title"}) {
        auto& schema = m_db.Cached("SELECT sql FROM sqlite_schema WHERE name = ?1");
        schema.Bind(1, table);
        auto row = schema.Step();
        if (!row) {
            return Unexpected<Error>(row.error());
        }
        if (!*row) {
            return Fail("db.corrupt", "the search index table " + std::string(table) +
                                          " is missing (" + m_db.path() + ")");
        }
        // Up to 16 MB of terms are buffered before FTS5 writes a segment: a full import of
        // 10,000 offers then writes few, large segments instead of many small ones to merge.
        recreate += "DROP TABLE " + std::string(table) + "; " + schema.Text(0) + "; INSERT INTO " +
                    table + " (" + table + ", rank) VALUES ('hashsize', 16777216); ";
        schema.Reset();
    }
    return m_db.Exec(recreate +
                     "DELETE FROM search_vocab;"
                     "INSERT INTO meta (key, value) VALUES ('search_generation', '0') "
                     "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1;");
}

Result<void> SearchIndex::LoadVocabulary() {
    auto& gen =
        m_db.Cached("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search_generation'");
    auto row = gen.Step();
    if (!row) {
        return Unexpected<Error>(row.error());
    }
    const std::int64_t generation = *row ? gen.Int(0) : 0;
    gen.Reset();
    if (generation == m_vocab_generation) {
        return Ok();
    }
    m_vocab.clear();
    auto& all = m_db.Cached("SELECT word FROM search_vocab ORDER BY uses DESC, word");
    while (true) {
        auto next = all.Step();
        if (!next) {
            return Unexpected<Error>(next.error());
        }
        if (!*next) {
            break;
        }
        m_vocab.push_back(all.Text(0));
    }
    m_vocab_generation = generation;
    return Ok();
}

Result<size_t> SearchIndex::CountMatches(const std::string& expression, size_t cap) {
    auto& count =
        m_db.Cached("SELECT count(*) FROM (SELECT 1 FROM search WHERE search MATCH ?1 LIMIT ?2)");
    count.Bind(1, expression).Bind(2, static_cast<std::int64_t>(cap));
    auto row = count.Step();
    if (!row) {
        return Unexpected<Error>(row.error());
    }
    const auto n = static_cast<size_t>(count.Int(0));
    count.Reset();
    return n;
}

Result<std::optional<SearchIndex::Expressions>> SearchIndex::Express(std::string_view typed,
                                                                     size_t enough) {
    const std::vector<std::string> words = SearchWords(typed);
    if (words.empty()) {
        return std::optional<Expressions>{};
    }
    Expressions e;
    for (const std::string& word : words) {
        e.exact += (e.exact.empty() ? "" : " AND ") + Phrase(word);
    }
    e.corrected = e.exact;
    const bool long_word = std::any_of(words.begin(), words.end(), [](const std::string& w) {
        return Utf8Length(w) >= kMinTypoWordChars;
    });
    if (!long_word) {
        return std::optional<Expressions>(std::move(e));
    }
    auto exact_count = CountMatches(e.exact, enough);
    if (!exact_count) {
        return Unexpected<Error>(exact_count.error());
    }
    if (*exact_count >= enough) {
        return std::optional<Expressions>(std::move(e));
    }
    if (auto r = LoadVocabulary(); !r) {
        return Unexpected<Error>(r.error());
    }
    e.corrected.clear();
    for (const std::string& word : words) {
        std::string alternatives = Phrase(word);
        if (Utf8Length(word) >= kMinTypoWordChars) {
            size_t variants = 0;
            for (const std::string& candidate : m_vocab) {
                if (candidate.size() + 1 < word.size() ||
                    candidate.find(word) != std::string::npos) {
                    continue;  // too short to be a correction, or an exact hit anyway
                }
                if (WithinOneEditOfPrefix(word, candidate)) {
                    alternatives += " OR " + Phrase(candidate);
                    e.has_corrections = true;
                    if (++variants == kMaxTypoVariants) {
                        break;
                    }
                }
            }
        }
        e.corrected += (e.corrected.empty() ? "(" : " AND (") + alternatives + ")";
    }
    return std::optional<Expressions>(std::move(e));
}

Result<std::optional<MatchPlan>> SearchIndex::Plan(std::string_view typed) {
    // Corrections join when the typed words find fewer than a screenful.
    auto expressions = Express(typed, 20);
    if (!expressions) {
        return Unexpected<Error>(expressions.error());
    }
    if (!*expressions) {
        return std::optional<MatchPlan>{};
    }
    const Expressions& e = **expressions;
    MatchPlan plan;
    plan.binds = {e.corrected, e.corrected};
    std::string tier =
        "(CASE WHEN rowid IN (SELECT rowid FROM search_title WHERE search_title MATCH ?2) "
        "THEN 0 ELSE 1 END)";
    if (e.has_corrections) {
        plan.binds.push_back(e.exact);
        tier +=
            " + (CASE WHEN rowid IN (SELECT rowid FROM search WHERE search MATCH ?3) "
            "THEN 0 ELSE 2 END)";
    }
    plan.cte =
        "match(rowid, tier) AS (SELECT rowid, " + tier + " FROM search WHERE search MATCH ?1)";
    return std::optional<MatchPlan>(std::move(plan));
}

Result<RankedMatches> SearchIndex::Ranked(std::string_view typed, size_t limit,
                                          const std::vector<std::string>& kinds) {
    RankedMatches ranked;
    auto expressions = Express(typed, std::max<size_t>(limit, 1));
    if (!expressions) {
        return Unexpected<Error>(expressions.error());
    }
    if (!*expressions || limit == 0) {
        return ranked;
    }
    const Expressions& e = **expressions;
    // Kinds are names from our own list, never typed text; they are quoted all the same.
    // An explicit list (not "!= 'taxonomy'") lets the index on (kind, active, sort_key)
    // serve the title range below.
    std::vector<std::string> searched = kinds;
    if (searched.empty()) {
        for (RecordKind kind : kAllRecordKinds) {
            if (kind != RecordKind::kTaxonomy) {
                searched.emplace_back(RecordKindName(kind));
            }
        }
    }
    std::string kind_filter = " AND r.kind IN (";
    for (size_t i = 0; i < searched.size(); ++i) {
        kind_filter += (i > 0 ? ", '" : "'") + searched[i] + "'";
    }
    kind_filter += ")";
    // Adds the rowids of column 0 that `keep` accepts, until `limit` are ranked.
    std::set<std::int64_t> seen;
    auto take = [&](Statement& stmt, const auto& keep) -> Result<void> {
        while (ranked.rowids.size() < limit) {
            auto row = stmt.Step();
            if (!row) {
                return Unexpected<Error>(row.error());
            }
            if (!*row) {
                break;
            }
            if (keep(stmt) && seen.insert(stmt.Int(0)).second) {
                ranked.rowids.push_back(stmt.Int(0));
            }
        }
        stmt.Reset();
        return Ok();
    };
    auto any = [](const Statement&) { return true; };

    // First: German titles that start with the first word and contain the others, in
    // display order. "De" puts "Deutschkurs" before "Adventsbasar der Kleiderkammer". The
    // titles come from the records' own index (sort_key is the folded German title): a range
    // of a few hundred keys is cheaper than reading every index match of a common word.
    const std::vector<std::string> words = SearchWords(typed);
    {
        auto starts = m_db.Prepare("SELECT r.rowid, r.sort_key FROM records r WHERE r.active = 1" +
                                   kind_filter +
                                   " AND r.sort_key >= ?1 AND r.sort_key < ?2 ORDER BY r.rowid");
        if (!starts) {
            return Unexpected<Error>(starts.error());
        }
        starts->Bind(1, words.front()).Bind(2, words.front() + "\xFF");
        auto title_has_words = [&](const Statement& row) {
            return TitleHasWords(row.TextView(1), words);
        };
        if (auto r = take(*starts, title_has_words); !r) {
            return Unexpected<Error>(r.error());
        }
    }

    // Then the tiers, each read in rowid order and only as far as needed: titles holding the
    // words (from the titles' own index), then the words anywhere; the same with corrections.
    // The indexes hold only what residents may find (active records, no taxonomy), so a
    // search of every kind reads them alone; a narrower one joins the records' kinds.
    auto matching = [&](const char* table) {
        const std::string t(table);
        return kinds.empty()
                   ? "SELECT s.rowid FROM " + t + " s WHERE " + t + " MATCH ?1"
                   : "SELECT s.rowid FROM " + t + " s JOIN records r ON r.rowid = s.rowid WHERE " +
                         t + " MATCH ?1" + kind_filter;
    };
    auto in_titles = m_db.Prepare(matching("search_title") + " ORDER BY s.rowid LIMIT ?2");
    if (!in_titles) {
        return Unexpected<Error>(in_titles.error());
    }
    auto anywhere = m_db.Prepare(matching("search") + " ORDER BY s.rowid LIMIT ?2");
    if (!anywhere) {
        return Unexpected<Error>(anywhere.error());
    }
    std::vector<std::pair<Statement*, const std::string*>> tiers = {{&*in_titles, &e.exact},
                                                                    {&*anywhere, &e.exact}};
    if (e.has_corrections) {
        tiers.push_back({&*in_titles, &e.corrected});
        tiers.push_back({&*anywhere, &e.corrected});
    }
    for (const auto& [stmt, expression] : tiers) {
        if (ranked.rowids.size() >= limit) {
            break;
        }
        stmt->Bind(1, *expression).Bind(2, static_cast<std::int64_t>(limit + seen.size()));
        if (auto r = take(*stmt, any); !r) {
            return Unexpected<Error>(r.error());
        }
    }

    auto count = m_db.Prepare("SELECT count(*) FROM (" + matching("search") + " LIMIT ?2)");
    if (!count) {
        return Unexpected<Error>(count.error());
    }
    count->Bind(1, e.has_corrections ? e.corrected : e.exact)
        .Bind(2, static_cast<std::int64_t>(kMaxCountedMatches + 1));
    auto row = count->Step();
    if (!row) {
        return Unexpected<Error>(row.error());
    }
    const auto total = static_cast<size_t>(count->Int(0));
    ranked.total_capped = total > kMaxCountedMatches;
    ranked.total = std::min(total, kMaxCountedMatches);
    return ranked;
}

}  // namespace treffpunkt
