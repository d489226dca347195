// The records of the Treffpunkt dataset (DESIGN §3), as plain C++ values. Names follow Open
// Referral HSDS 3 where it has an equivalent. Standard library only: no JSON, no SQLite here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sync/model/time.hpp"

namespace treffpunkt {

// The language every text must have, and the fallback for all others.
inline constexpr std::string_view kFallbackLanguage = "de";

// A user-visible text in several languages (ISO 639-1 codes). German is the fallback.
struct LocalizedText {
    std::map<std::string, std::string, std::less<>> by_lang;  // "de" -> "Deutschkurs", ...

    // The text in `lang`; else German; else the first language present; else "".
    const std::string& Get(std::string_view lang) const;
    // True if `lang` has its own (non-empty) text, not a fallback.
    bool Has(std::string_view lang) const;
    // True if no language has a non-empty text.
    bool Empty() const;
    // German text (shorthand for Get("de")).
    const std::string& De() const { return Get(kFallbackLanguage); }

    bool operator==(const LocalizedText&) const = default;
};

// Builds a German-only text: Text("Deutschkurs").
LocalizedText Text(std::string german);

// Fields every record carries. A deleted record (tombstone) carries only id, revision, updated.
struct RecordMeta {
    std::string id;                    // UUID, lower case, e.g. "3f0c…"
    std::int64_t revision{0};          // increases with every change on the hub; 0 = never synced
    UtcTime updated{};                 // when this revision was made
    std::optional<Date> last_checked;  // when a person last confirmed the record is correct
    bool deleted{false};               // tombstone: every other field is empty

    bool operator==(const RecordMeta&) const = default;
};

// A closure: no sessions from `from` to `until`, both inclusive (one day: from == until).
struct DateRange {
    Date from;           // first day without sessions
    Date until;          // last day without sessions
    LocalizedText note;  // e.g. "Weihnachtsferien"; may be empty

    bool operator==(const DateRange&) const = default;
};

// When something happens, in Europe/Berlin wall-clock time. Sessions come from an RRULE
// (RFC 5545 subset, see docs/dataset.md) anchored at start_date, plus one-off dates, minus
// closures. Every session runs from start_minute to end_minute on its day.
struct Schedule {
    std::optional<Date> start_date;   // first day the rule applies (DTSTART); needed with rrule
    int start_minute{0};              // local start, minutes after midnight (840 = 14:00)
    int end_minute{0};                // local end, > start_minute; 1440 = midnight
    std::string rrule;                // e.g. "FREQ=MONTHLY;BYDAY=2TU"; empty = only `dates`
    std::vector<Date> dates;          // one-off dates (RDATE)
    std::vector<DateRange> closures;  // exceptions: no sessions on these days (EXDATE)
    LocalizedText note;               // free text, e.g. "außer in den Schulferien"

    bool operator==(const Schedule&) const = default;
};

// Vocabularies of the taxonomy.
inline constexpr std::string_view kVocabFieldOfAction = "field_of_action";
inline constexpr std::string_view kVocabNetworkTopic = "network_topic";
inline constexpr std::string_view kVocabNetworkLevel = "network_level";
inline constexpr std::string_view kVocabTargetGroup = "target_group";
inline constexpr std::string_view kVocabHelpKind = "help_kind";

struct TaxonomyTerm {
    RecordMeta meta;
    std::string vocabulary;  // one of the kVocab* names
    std::string code;        // stable slug within the vocabulary, e.g. "bildung-und-erziehung"
    LocalizedText name;      // "Bildung und Erziehung"
    int sort_order{0};       // display order within the vocabulary

    bool operator==(const TaxonomyTerm&) const = default;
};

struct Organization {  // HSDS organization: a provider (Träger)
    RecordMeta meta;
    LocalizedText name;         // "Caritasverband Saar-Hochwald e. V."
    LocalizedText description;  // what they do
    std::string url;            // https://…
    std::string email;
    std::string phone;  // as written, e.g. "06831 123456"

    bool operator==(const Organization&) const = default;
};

struct Address {
    std::string street;       // "Kaiser-Wilhelm-Straße 12"
    std::string postal_code;  // "66740"
    std::string city;         // "Saarlouis"

    bool operator==(const Address&) const = default;
};

// Accessibility facts; nullopt = not known (shown as nothing, never as "no").
struct Accessibility {
    std::optional<bool> wheelchair;          // the rooms used can be reached by wheelchair
    std::optional<bool> step_free_entrance;  // no steps at the entrance
    std::optional<bool> accessible_toilet;
    std::optional<bool> hearing_loop;
    LocalizedText note;  // "Aufzug im Hof, Klingel unten links"

    bool operator==(const Accessibility&) const = default;
};

struct Place {  // HSDS location; Orte der Begegnung and other venues
    RecordMeta meta;
    LocalizedText name;  // "Ort der Begegnung Roden"
    LocalizedText description;
    std::string kind;          // "ort_der_begegnung", "kita", "schule", "kirche", …
    std::string district;      // Stadtteil, e.g. "Roden"
    std::string social_space;  // Sozialraum, may be empty
    Address address;
    std::optional<double> latitude;   // WGS 84
    std::optional<double> longitude;  // WGS 84
    Accessibility accessibility;
    std::vector<Schedule> opening_hours;  // several rules, e.g. Mo-Fr mornings + Tu afternoon
    std::string organization_id;          // operator; may be empty
    std::string contact_id;               // main contact; may be empty
    std::string phone;
    std::string email;
    std::string url;

    bool IsMeetingPlace() const { return kind == "ort_der_begegnung"; }
    bool operator==(const Place&) const = default;
};

struct Contact {  // HSDS contact: a contact point or person
    RecordMeta meta;
    std::string name;             // "Sozialbüro Innenstadt" or "Maria Beispiel"
    LocalizedText role;           // "Sozialberatung", "Koordination Sorgekreis"
    std::string organization_id;  // may be empty
    std::string place_id;         // may be empty
    std::string phone;
    std::string email;
    std::string url;
    LocalizedText hours;                 // "Mo–Do 9–12 Uhr"
    std::vector<std::string> languages;  // ISO 639-1, e.g. {"de","fr"}

    bool operator==(const Contact&) const = default;
};

enum class OfferStatus { kActive, kRetired };

struct Offer {  // HSDS service: a course, group, advice hour or event
    RecordMeta meta;
    LocalizedText title;        // "Deutschkurs für Anfängerinnen und Anfänger"
    LocalizedText summary;      // one sentence
    LocalizedText description;  // longer text
    std::string organization_id;
    std::string place_id;
    std::string contact_id;
    std::vector<std::string> fields_of_action;  // taxonomy term ids (field_of_action)
    std::vector<std::string> target_groups;     // taxonomy term ids (target_group)
    std::vector<std::string> languages;         // ISO 639-1 codes spoken in the offer
    bool free_of_charge{true};
    LocalizedText cost;          // "2 € pro Termin"; empty if free
    LocalizedText registration;  // "Anmeldung bis Freitag"; empty = just come
    std::string url;
    std::optional<Schedule> schedule;  // none = "nach Vereinbarung"
    OfferStatus status{OfferStatus::kActive};

    bool operator==(const Offer&) const = default;
};

// A helper's consent to be contacted directly (DESIGN §3): only then is phone/email shown.
struct PublicContact {
    std::string phone;
    std::string email;
    Date consent_date;  // when the helper agreed to publication

    bool operator==(const PublicContact&) const = default;
};

struct Helper {  // a care-circle helper, shown by first name only
    RecordMeta meta;
    std::string first_name;                       // "Ingrid"
    std::vector<std::string> kinds_of_help;       // taxonomy term ids (help_kind)
    std::vector<std::string> languages;           // ISO 639-1
    std::vector<std::string> districts;           // where they help, e.g. {"Roden"}
    LocalizedText availability;                   // "dienstags und donnerstags vormittags"
    LocalizedText about;                          // a sentence in their words
    std::string place_id;                         // the Ort der Begegnung they belong to
    std::string coordinator_contact_id;           // how residents reach them (required)
    std::optional<PublicContact> public_contact;  // only with recorded consent

    bool operator==(const Helper&) const = default;
};

struct Network {  // a thematic network (Netzwerk) at one level
    RecordMeta meta;
    LocalizedText name;
    LocalizedText description;
    std::string topic_id;      // taxonomy term id (network_topic)
    std::string level_id;      // taxonomy term id (network_level)
    std::string district;      // for Stadtteil/Sozialraum level; empty at Stadt level
    std::string social_space;  // for Sozialraum level
    std::string contact_id;
    std::vector<std::string> organization_ids;  // members
    std::optional<Schedule> meetings;

    bool operator==(const Network&) const = default;
};

// The kinds of record, as named in the dataset file and the sync protocol.
enum class RecordKind { kTaxonomy, kOrganization, kPlace, kContact, kOffer, kHelper, kNetwork };
inline constexpr RecordKind kAllRecordKinds[] = {
    RecordKind::kTaxonomy, RecordKind::kOrganization, RecordKind::kPlace,  RecordKind::kContact,
    RecordKind::kOffer,    RecordKind::kHelper,       RecordKind::kNetwork};

// "taxonomy", "organizations", "places", "contacts", "offers", "helpers", "networks".
std::string_view RecordKindName(RecordKind kind);
std::optional<RecordKind> RecordKindFromName(std::string_view name);

// Any one record; what the sync protocol carries.
using AnyRecord = std::variant<TaxonomyTerm, Organization, Place, Contact, Offer, Helper, Network>;

RecordKind KindOf(const AnyRecord& record);
const RecordMeta& MetaOf(const AnyRecord& record);
RecordMeta& MetaOf(AnyRecord& record);
// A tombstone of the given kind: only id, revision and updated, deleted = true.
AnyRecord MakeTombstone(RecordKind kind, std::string id, std::int64_t revision, UtcTime updated);

// Current dataset file format version (docs/dataset.md).
inline constexpr int kDatasetFormatVersion = 1;

// A whole dataset: what `import` reads and `export` writes.
struct Dataset {
    int format_version{kDatasetFormatVersion};
    UtcTime generated{};  // when the file was written
    std::string source;   // who made it, e.g. "Stadt Saarlouis, Sozialplanung"
    std::vector<TaxonomyTerm> taxonomy;
    std::vector<Organization> organizations;
    std::vector<Place> places;
    std::vector<Contact> contacts;
    std::vector<Offer> offers;
    std::vector<Helper> helpers;
    std::vector<Network> networks;

    bool operator==(const Dataset&) const = default;
};

}  // namespace treffpunkt
