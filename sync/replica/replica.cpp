#include "sync/replica/replica.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <future>
#include <set>
#include <unordered_map>
#include <variant>

#include "sync/model/dataset.hpp"
#include "sync/model/json_codec.hpp"
#include "sync/model/text.hpp"
#include "sync/replica/database.hpp"
#include "sync/replica/migrations.hpp"
#include "sync/replica/search_index.hpp"

namespace treffpunkt {

using namespace std::chrono;

namespace {

constexpr auto kSessionsBefore = days{1};    // sessions kept before "now" (running ones)
constexpr auto kSessionsHorizon = days{42};  // sessions computed ahead of "now"
constexpr auto kSessionsRefreshMargin = days{21};

// Page cache: 4 MB holds a 10,000-offer list and its search index hot (measured: 2 MB made
// a category list a third slower, 8 MB was no faster than 4 and cost the kiosk 4 MB more).
// A full import uses 64 MB while it runs (random-order index inserts), then gives it back.
constexpr const char* kCacheSizePragma = "PRAGMA cache_size = -4096";
constexpr const char* kImportCacheSizePragma = "PRAGMA cache_size = -65536";

// Texts in the list columns are packed as lang US text RS lang US text …, which unpacks far
// faster than JSON for lists of thousands of rows.
constexpr char kUnitSep = '\x1F';
constexpr char kRecordSep = '\x1E';

std::int64_t ToUnix(UtcTime t) {
    return t.time_since_epoch().count();
}
UtcTime FromUnix(std::int64_t s) {
    return UtcTime{seconds{s}};
}

std::string PackText(const LocalizedText& text) {
    std::string out;
    for (const auto& [lang, value] : text.by_lang) {
        if (value.empty()) {
            continue;
        }
        if (!out.empty()) {
            out += kRecordSep;
        }
        out += lang;
        out += kUnitSep;
        for (char c : value) {
            out += (c == kUnitSep || c == kRecordSep) ? ' ' : c;
        }
    }
    return out;
}

LocalizedText UnpackText(std::string_view packed) {
    LocalizedText text;
    size_t pos = 0;
    while (pos < packed.size()) {
        size_t end = packed.find(kRecordSep, pos);
        if (end == std::string_view::npos) {
            end = packed.size();
        }
        const std::string_view item = packed.substr(pos, end - pos);
        const size_t sep = item.find(kUnitSep);
        if (sep != std::string_view::npos) {
            text.by_lang.emplace(std::string(item.substr(0, sep)),
                                 std::string(item.substr(sep + 1)));
        }
        pos = end + 1;
    }
    return text;
}

// Every translation of a text, for the search index.
void AppendAll(std::string& out, const LocalizedText& text) {
    for (const auto& [lang, value] : text.by_lang) {
        out += ' ';
        out += value;
    }
}

// Joins texts language by language ("Einkaufshilfe, Fahrdienst").
LocalizedText JoinTexts(const std::vector<LocalizedText>& parts, std::string_view separator) {
    std::set<std::string> langs;
    for (const LocalizedText& p : parts) {
        for (const auto& [lang, value] : p.by_lang) {
            langs.insert(lang);
        }
    }
    LocalizedText joined;
    for (const std::string& lang : langs) {
        std::string text;
        for (const LocalizedText& p : parts) {
            const std::string& value = p.Get(lang);
            if (value.empty()) {
                continue;
            }
            if (!text.empty()) {
                text += separator;
            }
            text += value;
        }
        joined.by_lang.emplace(lang, std::move(text));
    }
    return joined;
}

// Finds records a record refers to, while deriving its columns and index text.
class RecordLookup {
  public:
    virtual ~RecordLookup() = default;
    virtual const AnyRecord* Find(const std::string& id) = 0;
};

const LocalizedText* NameOf(const AnyRecord* record) {
    if (record == nullptr || MetaOf(*record).deleted) {
        return nullptr;
    }
    return std::visit(
        [](const auto& r) -> const LocalizedText* {
            using R = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<R, Offer>) {
                return &r.title;
            } else if constexpr (std::is_same_v<R, Contact> || std::is_same_v<R, Helper>) {
                return nullptr;
            } else {
                return &r.name;
            }
        },
        *record);
}

// Order of kinds in lists of mixed records: a resident usually looks for something to go to.
int KindRank(RecordKind kind) {
    switch (kind) {
        case RecordKind::kOffer:
            return 0;
        case RecordKind::kHelper:
            return 1;
        case RecordKind::kContact:
            return 2;
        case RecordKind::kPlace:
            return 3;
        case RecordKind::kNetwork:
            return 4;
        case RecordKind::kOrganization:
            return 5;
        case RecordKind::kTaxonomy:
            return 6;
    }
    return 7;
}

LocalizedText DisplayName(const AnyRecord* record) {
    if (const LocalizedText* name = NameOf(record)) {
        return *name;
    }
    if (record != nullptr) {
        if (const auto* c = std::get_if<Contact>(record)) {
            return Text(c->name);
        }
        if (const auto* h = std::get_if<Helper>(record)) {
            return Text(h->first_name);
        }
    }
    return {};
}

// Everything the tables hold about one record besides its JSON.
struct Derived {
    std::string sort_key;
    bool active{true};
    std::string place_id;
    LocalizedText place_title;  // the place's name, for lists of offers
    std::optional<bool> free;
    std::string district;
    std::string vocabulary;
    std::optional<int> sort_order;
    LocalizedText title;
    LocalizedText subtitle;
    std::vector<std::pair<const char*, std::string>> tags;  // (type, value)
    std::string langs;                                      // comma-separated
    IndexText index;
    bool searchable{true};  // shown to residents, so found by search
    bool listed{false};     // an active offer: its term and lang tags go to offer_order
};

Derived Derive(const AnyRecord& record, RecordLookup& lookup) {
    Derived d;
    std::string title_text;
    std::string body;
    auto term_names = [&](const std::vector<std::string>& ids, std::vector<LocalizedText>* out) {
        for (const std::string& id : ids) {
            d.tags.emplace_back("term", id);
            if (const LocalizedText* name = NameOf(lookup.Find(id))) {
                AppendAll(body, *name);
                if (out != nullptr) {
                    out->push_back(*name);
                }
            }
        }
    };
    auto referenced_name = [&](const std::string& id) {
        const AnyRecord* other = id.empty() ? nullptr : lookup.Find(id);
        AppendAll(body, DisplayName(other));
        return other;
    };
    // Where a record happens: its place's name and district are shown and found with it.
    auto at_place = [&](const std::string& place_id) -> const Place* {
        d.place_id = place_id;
        const auto* place = std::get_if<Place>(referenced_name(place_id));
        if (place != nullptr) {
            d.place_title = place->name;
            d.district = place->district;
            body += " " + place->district;
        }
        return place;
    };

    std::visit(
        [&](const auto& r) {
            using R = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<R, TaxonomyTerm>) {
                d.title = r.name;
                d.vocabulary = r.vocabulary;
                d.sort_order = r.sort_order;
                d.searchable = false;
            } else if constexpr (std::is_same_v<R, Organization>) {
                d.title = r.name;
                AppendAll(body, r.description);
            } else if constexpr (std::is_same_v<R, Place>) {
                d.title = r.name;
                d.district = r.district;
                d.subtitle = Text(r.address.street.empty() ? r.district
                                                           : r.address.street + " · " + r.district);
                d.tags.emplace_back("kind", r.kind);
                d.tags.emplace_back("district", r.district);
                AppendAll(body, r.description);
                body += " " + r.district + " " + r.social_space + " " + r.address.street;
                referenced_name(r.organization_id);
            } else if constexpr (std::is_same_v<R, Contact>) {
                d.title = Text(r.name);
                d.subtitle = r.role;
                AppendAll(body, r.role);
                AppendAll(body, r.hours);
                referenced_name(r.organization_id);
                at_place(r.place_id);
                for (const std::string& lang : r.languages) {
                    d.tags.emplace_back("lang", lang);
                }
            } else if constexpr (std::is_same_v<R, Offer>) {
                d.title = r.title;
                d.subtitle = r.summary;
                d.free = r.free_of_charge;
                d.active = r.status == OfferStatus::kActive;
                d.listed = d.active;
                AppendAll(body, r.summary);
                AppendAll(body, r.description);
                AppendAll(body, r.cost);
                at_place(r.place_id);
                referenced_name(r.organization_id);
                term_names(r.fields_of_action, nullptr);
                term_names(r.target_groups, nullptr);
                for (const std::string& lang : r.languages) {
                    d.tags.emplace_back("lang", lang);
                }
            } else if constexpr (std::is_same_v<R, Helper>) {
                d.title = Text(r.first_name);
                std::vector<LocalizedText> kinds;
                term_names(r.kinds_of_help, &kinds);
                d.subtitle = JoinTexts(kinds, ", ");
                AppendAll(body, r.availability);
                AppendAll(body, r.about);
                const Place* place = at_place(r.place_id);
                std::vector<std::string> districts = r.districts;
                if (districts.empty() && place != nullptr) {
                    districts.push_back(place->district);
                }
                for (const std::string& district : districts) {
                    d.tags.emplace_back("district", district);
                    body += " " + district;
                }
                for (const std::string& lang : r.languages) {
                    d.tags.emplace_back("lang", lang);
                }
            } else if constexpr (std::is_same_v<R, Network>) {
                d.title = r.name;
                d.district = r.district;
                AppendAll(body, r.description);
                body += " " + r.district + " " + r.social_space;
                std::vector<LocalizedText> topic_level;
                term_names({r.topic_id, r.level_id}, &topic_level);
                d.subtitle = JoinTexts(topic_level, " · ");
                for (const std::string& org : r.organization_ids) {
                    referenced_name(org);
                }
            }
        },
        record);
    std::sort(d.tags.begin(), d.tags.end());
    d.tags.erase(std::unique(d.tags.begin(), d.tags.end()), d.tags.end());
    AppendAll(title_text, d.title);
    d.sort_key = FoldForSearch(d.title.De());
    d.searchable = d.searchable && d.active;
    for (const auto& [type, value] : d.tags) {
        if (std::string_view(type) == "lang") {
            d.langs += (d.langs.empty() ? "" : ",") + value;
        }
    }
    d.index.title = FoldForSearch(title_text);
    d.index.body = FoldForSearch(body);
    return d;
}

std::optional<Schedule> OfferSchedule(const AnyRecord& record) {
    if (const auto* offer = std::get_if<Offer>(&record)) {
        if (offer->status == OfferStatus::kActive && !offer->meta.deleted) {
            return offer->schedule;
        }
    }
    return std::nullopt;
}

AnyRecord ParseBody(std::string_view kind_name, std::string_view body) {
    const auto kind = RecordKindFromName(kind_name).value_or(RecordKind::kOffer);
    std::vector<Problem> problems;
    const auto json = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
    return RecordFromJson(kind, json, "", problems, UnknownFields::kIgnore);
}

// Lookups from the database, with a small cache for one operation.
class DatabaseLookup : public RecordLookup {
  public:
    explicit DatabaseLookup(Database& db) : m_db(db) {}
    const AnyRecord* Find(const std::string& id) override {
        if (const auto it = m_cache.find(id); it != m_cache.end()) {
            return it->second ? &*it->second : nullptr;
        }
        auto& stmt = m_db.Cached(
            "SELECT r.kind, b.body FROM records r JOIN record_bodies b ON b.rowid = r.rowid "
            "WHERE r.id = ?1");
        stmt.Bind(1, id);
        std::optional<AnyRecord> record;
        if (auto row = stmt.Step(); row && *row) {
            record = ParseBody(stmt.TextView(0), stmt.TextView(1));
        }
        stmt.Reset();
        auto& slot = m_cache[id];
        slot = std::move(record);
        return slot ? &*slot : nullptr;
    }

  private:
    Database& m_db;
    std::unordered_map<std::string, std::optional<AnyRecord>> m_cache;
};

// Lookups in a dataset being imported.
class DatasetLookup : public RecordLookup {
  public:
    explicit DatasetLookup(const std::vector<AnyRecord>& records) {
        for (const AnyRecord& r : records) {
            m_by_id.emplace(MetaOf(r).id, &r);
        }
    }
    const AnyRecord* Find(const std::string& id) override {
        const auto it = m_by_id.find(id);
        return it == m_by_id.end() ? nullptr : it->second;
    }

  private:
    std::unordered_map<std::string, const AnyRecord*> m_by_id;
};

Result<std::optional<std::string>> MetaValue(Database& db, const char* key) {
    auto& stmt = db.Cached("SELECT value FROM meta WHERE key = ?1");
    stmt.Bind(1, key);
    auto row = stmt.Step();
    if (!row) {
        return ErrorFrom(row);
    }
    std::optional<std::string> value;
    if (*row) {
        value = stmt.Text(0);
    }
    stmt.Reset();
    return value;
}

Result<void> SetMeta(Database& db, const char* key, const std::string& value) {
    auto& stmt = db.Cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    return stmt.Bind(1, key).Bind(2, value).Run();
}

// Parameters of a statement built at run time.
using Bound = std::variant<std::int64_t, std::string>;

void BindAll(Statement& stmt, const std::vector<Bound>& binds) {
    for (size_t i = 0; i < binds.size(); ++i) {
        const int index = static_cast<int>(i + 1);
        std::visit([&](const auto& v) { stmt.Bind(index, v); }, binds[i]);
    }
}

std::string Placeholders(const std::vector<std::string>& values, std::vector<Bound>& binds) {
    std::string out;
    for (const std::string& v : values) {
        binds.emplace_back(v);
        out += (out.empty() ? "?" : ", ?") + std::to_string(binds.size());
    }
    return out;
}

template <class R>
std::vector<R> OfType(std::vector<AnyRecord> records) {
    std::vector<R> out;
    out.reserve(records.size());
    for (AnyRecord& r : records) {
        if (auto* typed = std::get_if<R>(&r)) {
            out.push_back(std::move(*typed));
        }
    }
    return out;
}

// One record's rows, worked out without the database: a full import prepares the next
// records on another core while these are written.
struct PreparedRecord {
    const AnyRecord* record{nullptr};
    Derived derived;
    std::string body;               // the record's JSON
    std::vector<Session> sessions;  // an offer's sessions in the window
    IndexRows index;                // its search rows, if searchable
};

PreparedRecord Prepare(const AnyRecord& record, RecordLookup& lookup, UtcTime from, UtcTime until) {
    PreparedRecord p;
    p.record = &record;
    p.derived = Derive(record, lookup);
    p.body = ToJson(record).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (const auto schedule = OfferSchedule(record)) {
        p.sessions = SessionsBetween(*schedule, from, until);
    }
    if (p.derived.searchable) {
        p.index = PrepareIndexRows(p.derived.index);
    }
    return p;
}

// Removes an offer's rows from offer_order, named by its tags and sort key as they are
// before the record changes (?1: its rowid). Nothing for other records.
constexpr const char* kUnlistOffer =
    "DELETE FROM offer_order WHERE record_rowid = ?1 AND sort_key = (SELECT sort_key FROM "
    "records WHERE rowid = ?1) AND tag IN (SELECT type || ':' || value FROM record_tags WHERE "
    "record_rowid = ?1 AND type IN ('term', 'lang'))";

// The records' writer: keeps the derived tables and the search index in step.
class Writer {
  public:
    explicit Writer(Database& db) : m_db(db), m_search(db) {}

    Result<std::int64_t> Put(const AnyRecord& record, RecordLookup& lookup, UtcTime from,
                             UtcTime until) {
        return Write(Prepare(record, lookup, from, until));
    }

    Result<std::int64_t> Write(const PreparedRecord& prepared) {
        const AnyRecord& record = *prepared.record;
        const RecordMeta& meta = MetaOf(record);
        const Derived& d = prepared.derived;
        const std::string& body = prepared.body;
        auto& existing = m_db.Cached("SELECT rowid FROM records WHERE id = ?1");
        existing.Bind(1, meta.id);
        auto row = existing.Step();
        if (!row) {
            return ErrorFrom(row);
        }
        const bool exists = *row;
        std::int64_t rowid = exists ? existing.Int(0) : 0;
        existing.Reset();

        if (exists) {
            for (const char* sql : {kUnlistOffer, "DELETE FROM record_tags WHERE record_rowid = ?1",
                                    "DELETE FROM sessions WHERE offer_rowid = ?1"}) {
                if (auto r = m_db.Cached(sql).Bind(1, rowid).Run(); !r) {
                    return ErrorFrom(r);
                }
            }
        }
        auto& upsert = m_db.Cached(
            "INSERT INTO records (id, kind, revision, updated, langs, sort_key, active, place_id, "
            "free, district, vocabulary, sort_order, title, subtitle, place_title) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
            "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, revision = excluded.revision, "
            "updated = excluded.updated, langs = excluded.langs, sort_key = excluded.sort_key, "
            "active = excluded.active, place_id = excluded.place_id, free = excluded.free, "
            "district = excluded.district, vocabulary = excluded.vocabulary, "
            "sort_order = excluded.sort_order, title = excluded.title, "
            "subtitle = excluded.subtitle, place_title = excluded.place_title");
        upsert.Bind(1, meta.id)
            .Bind(2, RecordKindName(KindOf(record)))
            .Bind(3, meta.revision)
            .Bind(4, ToUnix(meta.updated))
            .Bind(5, d.langs)
            .Bind(6, d.sort_key)
            .Bind(7, d.active ? 1 : 0);
        d.place_id.empty() ? upsert.BindNull(8) : upsert.Bind(8, d.place_id);
        d.free ? upsert.Bind(9, *d.free ? 1 : 0) : upsert.BindNull(9);
        d.district.empty() ? upsert.BindNull(10) : upsert.Bind(10, d.district);
        d.vocabulary.empty() ? upsert.BindNull(11) : upsert.Bind(11, d.vocabulary);
        d.sort_order ? upsert.Bind(12, *d.sort_order) : upsert.BindNull(12);
        upsert.Bind(13, PackText(d.title))
            .Bind(14, PackText(d.subtitle))
            .Bind(15, PackText(d.place_title));
        if (auto r = upsert.Run(); !r) {
            return ErrorFrom(r);
        }
        if (!exists) {
            rowid = m_db.LastInsertRowId();
        }
        // An upsert, not INSERT OR REPLACE: with foreign keys on, REPLACE takes a path that
        // cost 130 us per row in a 10,000-offer import.
        auto& put_body = m_db.Cached(
            "INSERT INTO record_bodies (rowid, body) VALUES (?1, ?2) "
            "ON CONFLICT (rowid) DO UPDATE SET body = excluded.body");
        if (auto r = put_body.Bind(1, rowid).Bind(2, body).Run(); !r) {
            return ErrorFrom(r);
        }
        for (const auto& [type, value] : d.tags) {
            auto& tag = m_db.Cached(
                "INSERT OR IGNORE INTO record_tags (type, value, record_rowid) VALUES (?1, ?2, "
                "?3)");
            if (auto r = tag.Bind(1, type).Bind(2, value).Bind(3, rowid).Run(); !r) {
                return ErrorFrom(r);
            }
            if (d.listed &&
                (std::string_view(type) == "term" || std::string_view(type) == "lang")) {
                auto& order = m_db.Cached(
                    "INSERT OR IGNORE INTO offer_order (tag, sort_key, record_rowid) "
                    "VALUES (?1 || ':' || ?2, ?3, ?4)");
                if (auto r =
                        order.Bind(1, type).Bind(2, value).Bind(3, d.sort_key).Bind(4, rowid).Run();
                    !r) {
                    return ErrorFrom(r);
                }
            }
        }
        if (auto r = InsertSessions(rowid, prepared.sessions); !r) {
            return ErrorFrom(r);
        }
        if (d.searchable) {
            if (auto r = m_search.Put(rowid, prepared.index); !r) {
                return ErrorFrom(r);
            }
        } else if (auto r = m_search.Remove(rowid); !r) {
            return ErrorFrom(r);
        }
        return rowid;
    }

    Result<void> PutSessions(std::int64_t rowid, const AnyRecord& record, UtcTime from,
                             UtcTime until) {
        const auto schedule = OfferSchedule(record);
        if (!schedule) {
            return Ok();
        }
        return InsertSessions(rowid, SessionsBetween(*schedule, from, until));
    }

    Result<void> InsertSessions(std::int64_t rowid, const std::vector<Session>& sessions) {
        for (const Session& s : sessions) {
            auto& insert =
                m_db.Cached("INSERT INTO sessions (offer_rowid, start, end) VALUES (?1, ?2, ?3)");
            if (auto r =
                    insert.Bind(1, rowid).Bind(2, ToUnix(s.start)).Bind(3, ToUnix(s.end)).Run();
                !r) {
                return r;
            }
            ++m_sessions;
        }
        return Ok();
    }

    Result<void> Remove(const std::string& id) {
        auto& find = m_db.Cached("SELECT rowid FROM records WHERE id = ?1");
        find.Bind(1, id);
        auto row = find.Step();
        if (!row) {
            return ErrorFrom(row);
        }
        if (!*row) {
            return Ok();
        }
        const std::int64_t rowid = find.Int(0);
        find.Reset();
        if (auto r = m_search.Remove(rowid); !r) {
            return r;
        }
        if (auto r = m_db.Cached(kUnlistOffer).Bind(1, rowid).Run(); !r) {
            return r;
        }
        // Tags, sessions and the body go with the row (ON DELETE CASCADE).
        if (auto r = m_db.Cached("DELETE FROM records WHERE rowid = ?1").Bind(1, rowid).Run(); !r) {
            return r;
        }
        return Ok();
    }

    SearchIndex& search() { return m_search; }
    size_t sessions() const { return m_sessions; }

  private:
    Database& m_db;
    SearchIndex m_search;
    size_t m_sessions{0};
};

Result<std::pair<UtcTime, UtcTime>> SessionWindow(Database& db) {
    auto from = MetaValue(db, "sessions_from");
    auto until = MetaValue(db, "sessions_until");
    if (!from || !until) {
        return ErrorFrom(!from ? Result<void>(ErrorFrom(from)) : Result<void>(ErrorFrom(until)));
    }
    if (!*from || !*until) {
        return std::pair{UtcTime{}, UtcTime{}};
    }
    return std::pair{FromUnix(std::stoll(**from)), FromUnix(std::stoll(**until))};
}

Result<void> SetSessionWindow(Database& db, UtcTime from, UtcTime until) {
    if (auto r = SetMeta(db, "sessions_from", std::to_string(ToUnix(from))); !r) {
        return r;
    }
    return SetMeta(db, "sessions_until", std::to_string(ToUnix(until)));
}

}  // namespace

int ReplicaSchemaVersion() {
    return static_cast<int>(ReplicaMigrations().size());
}

Replica::Replica(std::unique_ptr<Database> db)
    : m_db(std::move(db)), m_search(std::make_unique<SearchIndex>(*m_db)) {}
Replica::Replica(Replica&&) noexcept = default;
Replica& Replica::operator=(Replica&&) noexcept = default;
Replica::~Replica() = default;

Database& Replica::db() {
    return *m_db;
}

Result<Replica> Replica::Open(const std::string& path) {
    auto db = Database::Open(path);
    if (!db) {
        return ErrorFrom(db);
    }
    if (auto r = MigrateReplica(**db); !r) {
        return ErrorFrom(r);
    }
    if (auto r = (*db)->Exec(kCacheSizePragma); !r) {
        return ErrorFrom(r);
    }
    return Replica(std::move(*db));
}

Result<ImportStats> Replica::ReplaceDataset(const Dataset& dataset, UtcTime now) {
    (void)m_db->Exec(kImportCacheSizePragma);
    auto stats = ReplaceAll(dataset, now);
    (void)m_db->Exec(std::string(kCacheSizePragma) + "; PRAGMA shrink_memory;");
    return stats;
}

Result<ImportStats> Replica::ReplaceDatasetInTransaction(const Dataset& dataset, UtcTime now) {
    (void)m_db->Exec(kImportCacheSizePragma);
    auto stats = ReplaceRecords(dataset, now);
    (void)m_db->Exec(kCacheSizePragma);
    return stats;
}

Result<std::optional<std::int64_t>> Replica::RevisionOf(std::string_view id) {
    auto& stmt = m_db->Cached("SELECT revision FROM records WHERE id = ?1");
    stmt.Bind(1, id);
    auto row = stmt.Step();
    if (!row) {
        return ErrorFrom(row);
    }
    std::optional<std::int64_t> revision;
    if (*row) {
        revision = stmt.Int(0);
    }
    stmt.Reset();
    return revision;
}

Result<void> Replica::PurgeRemovedText() {
    return m_db->Exec(
        "INSERT INTO search (search) VALUES ('optimize'); "
        "INSERT INTO search_title (search_title) VALUES ('optimize');");
}

Result<bool> Replica::CheckpointWal() {
    auto stmt = m_db->Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    if (!stmt) {
        return ErrorFrom(stmt);
    }
    auto row = stmt->Step();
    if (!row) {
        return ErrorFrom(row);
    }
    // (busy, frames in the log, frames checkpointed): busy = 1 when a reader held it back.
    return *row && stmt->Int(0) == 0;
}

Result<ImportStats> Replica::ReplaceAll(const Dataset& dataset, UtcTime now) {
    auto tx = Transaction::Begin(*m_db);
    if (!tx) {
        return ErrorFrom(tx);
    }
    auto stats = ReplaceRecords(dataset, now);
    if (!stats) {
        return stats;
    }
    if (auto r = tx->Commit(); !r) {
        return ErrorFrom(r);
    }
    return stats;
}

Result<ImportStats> Replica::ReplaceRecords(const Dataset& dataset, UtcTime now) {
    Writer writer(*m_db);
    if (auto r =
            m_db->Exec("DELETE FROM sessions; DELETE FROM record_tags; DELETE FROM offer_order; "
                       "DELETE FROM record_bodies; DELETE FROM records;");
        !r) {
        return ErrorFrom(r);
    }
    if (auto r = writer.search().Clear(); !r) {
        return ErrorFrom(r);
    }
    std::vector<AnyRecord> records = AllRecords(dataset);
    // Display order (kind, then folded title) becomes rowid order; see the schema.
    std::vector<std::pair<std::pair<int, std::string>, size_t>> order;
    order.reserve(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
        order.push_back(
            {{KindRank(KindOf(records[i])), FoldForSearch(DisplayName(&records[i]).De())}, i});
    }
    std::sort(order.begin(), order.end());
    std::vector<AnyRecord> sorted;
    sorted.reserve(records.size());
    for (const auto& entry : order) {
        sorted.push_back(std::move(records[entry.second]));
    }
    records = std::move(sorted);
    DatasetLookup lookup(records);
    writer.search().BeginBulk();
    const UtcTime from = now - kSessionsBefore;
    const UtcTime until = now + kSessionsHorizon;
    std::optional<UtcTime> newest;
    // A second thread prepares the next batch while this one is written: SQLite keeps one
    // core busy, deriving rows and JSON the other (a quarter of the work). The lookup is only
    // read while the batches are prepared.
    constexpr size_t kBatch = 256;
    auto prepare = [&records, &lookup, from, until](size_t first) {
        std::vector<PreparedRecord> batch;
        for (size_t i = first; i < std::min(first + kBatch, records.size()); ++i) {
            batch.push_back(Prepare(records[i], lookup, from, until));
        }
        return batch;
    };
    std::future<std::vector<PreparedRecord>> next = std::async(std::launch::async, prepare, 0);
    for (size_t first = 0; first < records.size(); first += kBatch) {
        const std::vector<PreparedRecord> batch = next.get();
        if (first + kBatch < records.size()) {
            next = std::async(std::launch::async, prepare, first + kBatch);
        }
        for (const PreparedRecord& prepared : batch) {
            if (auto r = writer.Write(prepared); !r) {
                return ErrorFrom(r);
            }
            const UtcTime updated = MetaOf(*prepared.record).updated;
            newest = newest ? std::max(*newest, updated) : updated;
        }
    }
    if (auto r = writer.search().EndBulk(); !r) {
        return ErrorFrom(r);
    }
    for (const auto& [key, value] :
         {std::pair<const char*, std::string>{"data_as_of", newest ? FormatUtcTime(*newest) : ""},
          {"replaced_at", FormatUtcTime(now)},
          {"source", dataset.source},
          {"generated", FormatUtcTime(dataset.generated)}}) {
        if (auto r = SetMeta(*m_db, key, value); !r) {
            return ErrorFrom(r);
        }
    }
    if (auto r = SetSessionWindow(*m_db, from, until); !r) {
        return ErrorFrom(r);
    }
    return ImportStats{records.size(), writer.sessions()};
}

Result<Dataset> Replica::ExportDataset() {
    Dataset dataset;
    auto& stmt = m_db->Cached(
        "SELECT r.kind, b.body FROM records r JOIN record_bodies b ON b.rowid = r.rowid "
        "ORDER BY r.rowid");
    while (true) {
        auto row = stmt.Step();
        if (!row) {
            return ErrorFrom(row);
        }
        if (!*row) {
            break;
        }
        AddRecord(dataset, ParseBody(stmt.TextView(0), stmt.TextView(1)));
    }
    if (auto source = MetaValue(*m_db, "source"); source && *source) {
        dataset.source = **source;
    }
    dataset.generated = time_point_cast<seconds>(system_clock::now());
    return dataset;
}

Result<ReplicaInfo> Replica::Info() {
    ReplicaInfo info;
    info.schema_version = ReplicaSchemaVersion();
    auto& counts =
        m_db->Cached("SELECT kind, count(*) FROM records WHERE active = 1 GROUP BY kind");
    while (true) {
        auto row = counts.Step();
        if (!row) {
            return ErrorFrom(row);
        }
        if (!*row) {
            break;
        }
        const auto kind = RecordKindFromName(counts.TextView(0));
        const auto n = static_cast<size_t>(counts.Int(1));
        if (!kind) {
            continue;
        }
        switch (*kind) {
            case RecordKind::kTaxonomy:
                info.terms = n;
                break;
            case RecordKind::kOrganization:
                info.organizations = n;
                break;
            case RecordKind::kPlace:
                info.places = n;
                break;
            case RecordKind::kContact:
                info.contacts = n;
                break;
            case RecordKind::kOffer:
                info.offers = n;
                break;
            case RecordKind::kHelper:
                info.helpers = n;
                break;
            case RecordKind::kNetwork:
                info.networks = n;
                break;
        }
    }
    auto as_of = MetaValue(*m_db, "data_as_of");
    auto replaced = MetaValue(*m_db, "replaced_at");
    auto source = MetaValue(*m_db, "source");
    if (!as_of || !replaced || !source) {
        return Fail("db.error", "cannot read the replica's facts");
    }
    if (*as_of) {
        info.data_as_of = ParseUtcTime(**as_of);
    }
    if (*replaced) {
        info.replaced_at = ParseUtcTime(**replaced);
    }
    info.source = source->value_or("");
    return info;
}

Result<bool> Replica::IsEmpty() {
    auto& stmt = m_db->Cached("SELECT EXISTS (SELECT 1 FROM records)");
    auto row = stmt.Step();
    if (!row) {
        return ErrorFrom(row);
    }
    const bool empty = stmt.Int(0) == 0;
    stmt.Reset();
    return empty;
}

Result<void> Replica::RefreshSessions(UtcTime now) {
    auto window = SessionWindow(*m_db);
    if (!window) {
        return ErrorFrom(window);
    }
    const auto [old_from, old_until] = *window;
    if (old_until >= now + kSessionsRefreshMargin && old_from <= now - kSessionsBefore) {
        return Ok();
    }
    auto tx = Transaction::Begin(*m_db);
    if (!tx) {
        return ErrorFrom(tx);
    }
    Writer writer(*m_db);
    const UtcTime from = now - kSessionsBefore;
    const UtcTime until = now + kSessionsHorizon;
    if (auto r = m_db->Exec("DELETE FROM sessions"); !r) {
        return r;
    }
    auto stmt = m_db->Prepare(
        "SELECT r.rowid, r.kind, b.body FROM records r JOIN record_bodies b ON b.rowid = r.rowid "
        "WHERE r.kind = 'offers' AND r.active = 1");
    if (!stmt) {
        return ErrorFrom(stmt);
    }
    while (true) {
        auto row = stmt->Step();
        if (!row) {
            return ErrorFrom(row);
        }
        if (!*row) {
            break;
        }
        const AnyRecord record = ParseBody(stmt->TextView(1), stmt->TextView(2));
        if (auto r = writer.PutSessions(stmt->Int(0), record, from, until); !r) {
            return r;
        }
    }
    if (auto r = SetSessionWindow(*m_db, from, until); !r) {
        return r;
    }
    return tx->Commit();
}

namespace {

// Ids of the records whose lists or search text show the name of the record `id` of `kind`.
Result<std::vector<std::string>> DependentIds(Database& db, RecordKind kind,
                                              const std::string& id) {
    const char* sql = nullptr;
    switch (kind) {
        case RecordKind::kPlace:
            sql = "SELECT id FROM records WHERE place_id = ?1 AND id != ?1";
            break;
        case RecordKind::kTaxonomy:
            sql =
                "SELECT r.id FROM record_tags t JOIN records r ON r.rowid = t.record_rowid "
                "WHERE t.type = 'term' AND t.value = ?1";
            break;
        case RecordKind::kOrganization:
        case RecordKind::kContact:
            // Rare changes, no index: look for the id in the stored records.
            sql =
                "SELECT r.id FROM records r JOIN record_bodies b ON b.rowid = r.rowid "
                "WHERE instr(b.body, ?1) > 0 AND r.id != ?1";
            break;
        case RecordKind::kOffer:
        case RecordKind::kHelper:
        case RecordKind::kNetwork:
            return std::vector<std::string>{};
    }
    auto stmt = db.Prepare(sql);
    if (!stmt) {
        return ErrorFrom(stmt);
    }
    stmt->Bind(1, id);
    return Collect<std::string>(*stmt, [](Statement& s) { return s.Text(0); });
}

}  // namespace

Result<void> Replica::PutRecord(const AnyRecord& record, UtcTime now) {
    const RecordMeta& meta = MetaOf(record);
    if (meta.deleted) {
        return RemoveRecord(meta.id);
    }
    auto window = SessionWindow(*m_db);
    if (!window) {
        return ErrorFrom(window);
    }
    auto [from, until] = *window;
    if (until <= from) {
        from = now - kSessionsBefore;
        until = now + kSessionsHorizon;
        if (auto r = SetSessionWindow(*m_db, from, until); !r) {
            return r;
        }
    }
    Writer writer(*m_db);
    DatabaseLookup lookup(*m_db);
    auto own = writer.Put(record, lookup, from, until);
    if (!own) {
        return ErrorFrom(own);
    }
    auto dependents = DependentIds(*m_db, KindOf(record), meta.id);
    if (!dependents) {
        return ErrorFrom(dependents);
    }
    DatabaseLookup fresh(*m_db);  // sees the record just written
    for (const std::string& id : *dependents) {
        const AnyRecord* dependent = fresh.Find(id);
        if (dependent != nullptr) {
            if (auto r = writer.Put(*dependent, fresh, from, until); !r) {
                return ErrorFrom(r);
            }
        }
    }
    auto as_of = MetaValue(*m_db, "data_as_of");
    if (!as_of) {
        return ErrorFrom(as_of);
    }
    const auto current = *as_of ? ParseUtcTime(**as_of) : std::nullopt;
    if (!current || meta.updated > *current) {
        return SetMeta(*m_db, "data_as_of", FormatUtcTime(meta.updated));
    }
    return Ok();
}

Result<void> Replica::RemoveRecord(std::string_view id) {
    auto existing = Get(id);
    if (!existing) {
        return ErrorFrom(existing);
    }
    if (!*existing) {
        return Ok();
    }
    Writer writer(*m_db);
    if (auto r = writer.Remove(std::string(id)); !r) {
        return r;
    }
    // Records that showed its name show it no more.
    auto dependents = DependentIds(*m_db, KindOf(**existing), std::string(id));
    if (!dependents) {
        return ErrorFrom(dependents);
    }
    auto window = SessionWindow(*m_db);
    if (!window) {
        return ErrorFrom(window);
    }
    DatabaseLookup lookup(*m_db);
    for (const std::string& dependent_id : *dependents) {
        if (const AnyRecord* dependent = lookup.Find(dependent_id)) {
            if (auto r = writer.Put(*dependent, lookup, window->first, window->second); !r) {
                return ErrorFrom(r);
            }
        }
    }
    return Ok();
}

Result<std::optional<AnyRecord>> Replica::Get(std::string_view id) {
    auto& stmt = m_db->Cached(
        "SELECT r.kind, b.body FROM records r JOIN record_bodies b ON b.rowid = r.rowid "
        "WHERE r.id = ?1");
    stmt.Bind(1, id);
    auto row = stmt.Step();
    if (!row) {
        return ErrorFrom(row);
    }
    std::optional<AnyRecord> record;
    if (*row) {
        record = ParseBody(stmt.TextView(0), stmt.TextView(1));
    }
    stmt.Reset();
    return record;
}

namespace {

template <class R>
Result<std::optional<R>> GetTyped(Replica& replica, const std::string& id) {
    if (id.empty()) {
        return std::optional<R>{};
    }
    auto record = replica.Get(id);
    if (!record) {
        return ErrorFrom(record);
    }
    if (!*record) {
        return std::optional<R>{};
    }
    if (auto* typed = std::get_if<R>(&**record)) {
        return std::optional<R>(std::move(*typed));
    }
    return std::optional<R>{};
}

}  // namespace

Result<std::optional<OfferDetail>> Replica::GetOfferDetail(std::string_view id) {
    auto offer = GetTyped<Offer>(*this, std::string(id));
    if (!offer) {
        return ErrorFrom(offer);
    }
    if (!*offer) {
        return std::optional<OfferDetail>{};
    }
    OfferDetail detail;
    detail.offer = std::move(**offer);
    auto place = GetTyped<Place>(*this, detail.offer.place_id);
    auto org = GetTyped<Organization>(*this, detail.offer.organization_id);
    if (!place || !org) {
        return Fail("db.error", "cannot read the offer's place or provider");
    }
    detail.place = std::move(*place);
    detail.organization = std::move(*org);
    std::string contact_id = detail.offer.contact_id;
    if (contact_id.empty() && detail.place) {
        contact_id = detail.place->contact_id;
    }
    auto contact = GetTyped<Contact>(*this, contact_id);
    if (!contact) {
        return ErrorFrom(contact);
    }
    detail.contact = std::move(*contact);
    return std::optional<OfferDetail>(std::move(detail));
}

Result<std::optional<HelperDetail>> Replica::GetHelperDetail(std::string_view id) {
    auto helper = GetTyped<Helper>(*this, std::string(id));
    if (!helper) {
        return ErrorFrom(helper);
    }
    if (!*helper) {
        return std::optional<HelperDetail>{};
    }
    HelperDetail detail;
    detail.helper = std::move(**helper);
    auto coordinator = GetTyped<Contact>(*this, detail.helper.coordinator_contact_id);
    auto place = GetTyped<Place>(*this, detail.helper.place_id);
    if (!coordinator || !place) {
        return Fail("db.error", "cannot read the helper's coordinator or place");
    }
    detail.coordinator = std::move(*coordinator);
    detail.place = std::move(*place);
    return std::optional<HelperDetail>(std::move(detail));
}

Result<std::vector<std::int64_t>> Replica::MatchOffers(const OfferQuery& query, UtcTime now) {
    std::vector<Bound> binds;
    std::string with;
    std::string from = "records r";
    std::string order = "r.sort_key, r.rowid";
    if (!query.text.empty()) {
        auto plan = m_search->Plan(query.text);
        if (!plan) {
            return ErrorFrom(plan);
        }
        if (*plan) {
            with = "WITH " + (*plan)->cte + " ";
            for (std::string& b : (*plan)->binds) {
                binds.emplace_back(std::move(b));
            }
            from = "match m JOIN records r ON r.rowid = m.rowid";
            order = "m.tier, r.rowid";  // a full import makes rowid order display order
        }
    }
    // A filter on one field of action, target group or language reads that tag's range of
    // offer_order (active offers only, in display order): no row is read to sort it. Other
    // tag filters drive the query from record_tags (few rows, read in rowid order) rather
    // than from the kind index (every offer): the "+" keeps SQLite off that index.
    struct TagFilter {
        const char* type;
        const std::vector<std::string>* values;
    };
    const TagFilter tag_filters[] = {{"term", &query.fields_of_action},
                                     {"term", &query.target_groups},
                                     {"lang", &query.languages}};
    const TagFilter* ordered_by = nullptr;
    if (query.text.empty() && query.when == WhenFilter::kAny) {
        for (const TagFilter& filter : tag_filters) {
            if (filter.values->size() == 1) {
                ordered_by = &filter;
                break;
            }
        }
    }
    std::string row = "r.rowid";
    std::string where;
    if (ordered_by != nullptr) {
        binds.emplace_back(std::string(ordered_by->type) + ":" + ordered_by->values->front());
        row = "o.record_rowid";
        where = "o.tag = ?" + std::to_string(binds.size());
        order = "o.sort_key, o.record_rowid";
        const bool needs_record =
            query.free_only || !query.place_id.empty() || !query.districts.empty();
        from = needs_record ? "offer_order o JOIN records r ON r.rowid = o.record_rowid"
                            : "offer_order o";
    } else {
        const bool tag_driven = !query.fields_of_action.empty() || !query.target_groups.empty() ||
                                !query.languages.empty();
        where = tag_driven ? "+r.kind = 'offers' AND r.active = 1"
                           : "r.kind = 'offers' AND r.active = 1";
    }
    if (query.free_only) {
        where += " AND r.free = 1";
    }
    if (!query.place_id.empty()) {
        binds.emplace_back(query.place_id);
        where += " AND r.place_id = ?" + std::to_string(binds.size());
    }
    for (const TagFilter& filter : tag_filters) {
        if (&filter != ordered_by && !filter.values->empty()) {
            where += " AND " + row + " IN (SELECT record_rowid FROM record_tags WHERE type = '" +
                     filter.type + "' AND value IN (" + Placeholders(*filter.values, binds) + "))";
        }
    }
    if (!query.districts.empty()) {
        where += " AND r.district IN (" + Placeholders(query.districts, binds) + ")";
    }
    if (query.when != WhenFilter::kAny) {
        binds.emplace_back(ToUnix(now));
        const std::string now_param = "?" + std::to_string(binds.size());
        UtcTime until = now + days{7};
        if (query.when == WhenFilter::kToday) {
            until = FromBerlin(Date{sys_days{BerlinDate(now)} + days{1}}, 0);
        }
        binds.emplace_back(ToUnix(until));
        where +=
            " AND EXISTS (SELECT 1 FROM sessions s WHERE s.offer_rowid = r.rowid AND "
            "s.end > " +
            now_param + " AND s.start < ?" + std::to_string(binds.size()) + ")";
        order = "(SELECT min(s.end) FROM sessions s WHERE s.offer_rowid = r.rowid AND s.end > " +
                now_param + "), " + order;
    }
    auto stmt = m_db->Prepare(with + "SELECT " + row + " FROM " + from + " WHERE " + where +
                              " ORDER BY " + order);
    if (!stmt) {
        return ErrorFrom(stmt);
    }
    BindAll(*stmt, binds);
    return Collect<std::int64_t>(*stmt, [](Statement& s) { return s.Int(0); });
}

Result<std::vector<OfferSummary>> Replica::OfferSummaries(const std::vector<std::int64_t>& rows,
                                                          UtcTime now) {
    std::vector<OfferSummary> offers;
    offers.reserve(rows.size());
    auto& stmt = m_db->Cached(
        "SELECT r.id, r.title, r.subtitle, r.place_id, r.place_title, r.district, r.free, "
        "r.langs, (SELECT s.start * 65536 + (s.end - s.start) / 60 FROM sessions s "
        "WHERE s.offer_rowid = r.rowid AND s.end > ?2 ORDER BY s.end LIMIT 1) "
        "FROM records r WHERE r.rowid = ?1 AND r.kind = 'offers'");
    for (const std::int64_t rowid : rows) {
        stmt.Bind(1, rowid).Bind(2, ToUnix(now));
        auto row = stmt.Step();
        if (!row) {
            return ErrorFrom(row);
        }
        if (*row) {
            OfferSummary& o = offers.emplace_back();
            o.id = stmt.Text(0);
            o.title = UnpackText(stmt.TextView(1));
            o.summary = UnpackText(stmt.TextView(2));
            o.place_id = stmt.Text(3);
            o.place_name = UnpackText(stmt.TextView(4));
            o.district = stmt.Text(5);
            o.free_of_charge = stmt.Int(6) != 0;
            const std::string_view langs = stmt.TextView(7);
            for (size_t pos = 0; pos < langs.size();) {
                size_t end = langs.find(',', pos);
                if (end == std::string_view::npos) {
                    end = langs.size();
                }
                o.languages.emplace_back(langs.substr(pos, end - pos));
                pos = end + 1;
            }
            if (!stmt.IsNull(8)) {
                // Packed as start * 65536 + minutes: one index seek per row.
                const std::int64_t packed = stmt.Int(8);
                const UtcTime start = FromUnix(packed / 65536);
                o.next_session = Session{start, start + minutes{packed % 65536}};
            }
        }
        stmt.Reset();
    }
    return offers;
}

Result<std::vector<OfferSummary>> Replica::FindOffers(const OfferQuery& query, UtcTime now) {
    auto rows = MatchOffers(query, now);
    if (!rows) {
        return ErrorFrom(rows);
    }
    return OfferSummaries(*rows, now);
}

Result<std::vector<OfferSession>> Replica::SessionsAtPlace(std::string_view place_id, UtcTime from,
                                                           UtcTime until) {
    auto& stmt = m_db->Cached(
        "SELECT r.id, r.title, s.start, s.end FROM sessions s "
        "JOIN records r ON r.rowid = s.offer_rowid "
        "WHERE r.place_id = ?1 AND r.active = 1 AND s.end > ?2 AND s.start < ?3 "
        "ORDER BY s.start, r.sort_key");
    stmt.Bind(1, place_id).Bind(2, ToUnix(from)).Bind(3, ToUnix(until));
    return Collect<OfferSession>(stmt, [](Statement& s) {
        return OfferSession{s.Text(0), UnpackText(s.TextView(1)),
                            Session{FromUnix(s.Int(2)), FromUnix(s.Int(3))}};
    });
}

Result<std::vector<OfferSummary>> Replica::OpenNow(UtcTime now, std::string_view place_id) {
    OfferQuery query;
    query.place_id = std::string(place_id);
    query.when = WhenFilter::kToday;
    auto offers = FindOffers(query, now);
    if (!offers) {
        return offers;
    }
    std::erase_if(*offers, [&](const OfferSummary& o) {
        return !o.next_session || o.next_session->start > now;
    });
    return offers;
}

namespace {

Result<std::vector<AnyRecord>> RecordsWhere(Database& db, const std::string& where,
                                            const std::vector<Bound>& binds,
                                            const std::string& order = "r.sort_key, r.rowid") {
    auto stmt = db.Prepare(
        "SELECT r.kind, b.body FROM records r JOIN record_bodies b ON b.rowid = r.rowid WHERE " +
        where + " ORDER BY " + order);
    if (!stmt) {
        return ErrorFrom(stmt);
    }
    BindAll(*stmt, binds);
    return Collect<AnyRecord>(*stmt,
                              [](Statement& s) { return ParseBody(s.TextView(0), s.TextView(1)); });
}

template <class R>
Result<std::vector<R>> TypedWhere(Database& db, const std::string& where,
                                  const std::vector<Bound>& binds,
                                  const std::string& order = "r.sort_key, r.rowid") {
    auto records = RecordsWhere(db, where, binds, order);
    if (!records) {
        return ErrorFrom(records);
    }
    return OfType<R>(std::move(*records));
}

std::string TagFilter(const char* type, std::string_view value, std::vector<Bound>& binds) {
    if (value.empty()) {
        return "";
    }
    binds.emplace_back(std::string(value));
    return std::string(" AND r.rowid IN (SELECT record_rowid FROM record_tags WHERE type = '") +
           type + "' AND value = ?" + std::to_string(binds.size()) + ")";
}

}  // namespace

Result<std::vector<Helper>> Replica::FindHelpers(std::string_view help_kind_id,
                                                 std::string_view district) {
    std::vector<Bound> binds;
    std::string where = "r.kind = 'helpers'";
    where += TagFilter("term", help_kind_id, binds);
    where += TagFilter("district", district, binds);
    return TypedWhere<Helper>(*m_db, where, binds);
}

Result<std::vector<Contact>> Replica::Contacts() {
    return TypedWhere<Contact>(*m_db, "r.kind = 'contacts'", {});
}

Result<std::vector<Place>> Replica::Places(bool meeting_places_only) {
    std::vector<Bound> binds;
    std::string where = "r.kind = 'places'";
    if (meeting_places_only) {
        where += TagFilter("kind", "ort_der_begegnung", binds);
    }
    return TypedWhere<Place>(*m_db, where, binds, "r.district, r.sort_key, r.rowid");
}

Result<std::vector<Organization>> Replica::Organizations() {
    return TypedWhere<Organization>(*m_db, "r.kind = 'organizations'", {});
}

Result<std::vector<Network>> Replica::FindNetworks(std::string_view topic_id,
                                                   std::string_view level_id) {
    std::vector<Bound> binds;
    std::string where = "r.kind = 'networks'";
    where += TagFilter("term", topic_id, binds);
    where += TagFilter("term", level_id, binds);
    return TypedWhere<Network>(*m_db, where, binds);
}

Result<std::vector<TaxonomyTerm>> Replica::Terms(std::string_view vocabulary) {
    return TypedWhere<TaxonomyTerm>(*m_db, "r.kind = 'taxonomy' AND r.vocabulary = ?1",
                                    {std::string(vocabulary)}, "r.sort_order, r.sort_key");
}

Result<std::vector<std::string>> Replica::Districts() {
    auto& stmt = m_db->Cached(
        "SELECT DISTINCT district FROM records WHERE kind = 'places' AND district IS NOT NULL "
        "ORDER BY district");
    return Collect<std::string>(stmt, [](Statement& s) { return s.Text(0); });
}

Result<std::vector<std::string>> Replica::HelperDistricts() {
    auto& stmt = m_db->Cached(
        "SELECT DISTINCT t.value FROM record_tags t JOIN records r ON r.rowid = t.record_rowid "
        "WHERE t.type = 'district' AND r.kind = 'helpers' ORDER BY t.value");
    return Collect<std::string>(stmt, [](Statement& s) { return s.Text(0); });
}

Result<std::vector<std::string>> Replica::OfferLanguages() {
    auto& stmt = m_db->Cached(
        "SELECT DISTINCT t.value FROM record_tags t JOIN records r ON r.rowid = t.record_rowid "
        "WHERE t.type = 'lang' AND r.kind = 'offers' AND r.active = 1 ORDER BY t.value");
    return Collect<std::string>(stmt, [](Statement& s) { return s.Text(0); });
}

Result<SearchResult> Replica::Search(std::string_view text, size_t limit,
                                     const std::vector<RecordKind>& kinds) {
    std::vector<std::string> kind_names;
    for (RecordKind kind : kinds) {
        kind_names.emplace_back(RecordKindName(kind));
    }
    auto ranked = m_search->Ranked(text, limit, kind_names);
    if (!ranked) {
        return ErrorFrom(ranked);
    }
    SearchResult result;
    result.total = ranked->total;
    result.total_capped = ranked->total_capped;
    auto& stmt = m_db->Cached("SELECT kind, id, title, subtitle FROM records WHERE rowid = ?1");
    for (const std::int64_t rowid : ranked->rowids) {
        stmt.Bind(1, rowid);
        auto row = stmt.Step();
        if (!row) {
            return ErrorFrom(row);
        }
        if (*row) {
            result.hits.push_back(SearchHit{
                RecordKindFromName(stmt.TextView(0)).value_or(RecordKind::kOffer), stmt.Text(1),
                UnpackText(stmt.TextView(2)), UnpackText(stmt.TextView(3))});
        }
        stmt.Reset();
    }
    return result;
}

}  // namespace treffpunkt
