#include "sync/model/validation.hpp"

#include <algorithm>
#include <array>
#include <random>

#include "sync/model/schedule.hpp"
#include "sync/model/text.hpp"

namespace treffpunkt {

namespace {

bool IsHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}
bool IsAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsAsciiDigit(char c) {
    return c >= '0' && c <= '9';
}

const std::array<std::string_view, 5> kVocabularies = {
    kVocabFieldOfAction, kVocabNetworkTopic, kVocabNetworkLevel, kVocabTargetGroup, kVocabHelpKind};

// Collects problems for one record under a common path prefix.
class Checker {
  public:
    Checker(std::string path, std::vector<Problem>& problems)
        : m_path(std::move(path)), m_problems(problems) {}

    void Report(std::string_view field, std::string message) {
        m_problems.push_back({Path(field), std::move(message)});
    }
    std::string Path(std::string_view field) const {
        if (field.empty()) {
            return m_path;
        }
        return m_path.empty() ? std::string(field) : m_path + "." + std::string(field);
    }

    // Plain text: valid UTF-8, no control characters except line breaks where allowed, limit.
    void PlainText(std::string_view field, const std::string& value, size_t max_chars,
                   bool multiline = false) {
        if (!IsValidUtf8(value)) {
            Report(field, "is not valid UTF-8 text");
            return;
        }
        const size_t length = Utf8Length(value);
        if (length > max_chars) {
            Report(field, "is " + std::to_string(length) + " characters long; at most " +
                              std::to_string(max_chars) + " are allowed");
        }
        for (char c : value) {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x20 && !(multiline && (c == '\n' || c == '\t')) && c != '\r') {
                Report(field, multiline ? "contains a control character"
                                        : "must be a single line (no line breaks)");
                return;
            }
        }
    }

    void Required(std::string_view field, const std::string& value) {
        if (value.empty()) {
            Report(field, "is required");
        }
    }

    void Localized(std::string_view field, const LocalizedText& text, size_t max_chars,
                   bool required, bool multiline = false) {
        if (required && !text.Has(kFallbackLanguage)) {
            Report(std::string(field) + ".de", "is required (German is the fallback language)");
        }
        for (const auto& [lang, value] : text.by_lang) {
            const std::string sub = std::string(field) + "." + lang;
            if (!IsLanguageCode(lang)) {
                Report(sub, "\"" + SanitizeUtf8(lang) +
                                "\" is not a language code (use two letters, e.g. de, en, fr)");
                continue;
            }
            PlainText(sub, value, max_chars, multiline);
        }
    }

    void Id(std::string_view field, const std::string& value, bool required) {
        if (value.empty()) {
            if (required) {
                Report(field, "is required");
            }
            return;
        }
        if (!IsUuid(value)) {
            Report(field, "\"" + SanitizeUtf8(value.substr(0, 64)) +
                              "\" is not a UUID (lower case, e.g. "
                              "3f0c5a8e-1b2d-4c3e-9f40-5a6b7c8d9e0f)");
        }
    }

    void Ids(std::string_view field, const std::vector<std::string>& values, bool required) {
        if (required && values.empty()) {
            Report(field, "needs at least one entry");
        }
        for (size_t i = 0; i < values.size(); ++i) {
            Id(std::string(field) + "[" + std::to_string(i) + "]", values[i], true);
        }
    }

    void Languages(std::string_view field, const std::vector<std::string>& values) {
        for (size_t i = 0; i < values.size(); ++i) {
            if (!IsLanguageCode(values[i])) {
                Report(std::string(field) + "[" + std::to_string(i) + "]",
                       "\"" + SanitizeUtf8(values[i].substr(0, 16)) +
                           "\" is not a language code (use two letters, e.g. de, tr, uk)");
            }
        }
    }

    void Email(std::string_view field, const std::string& value) {
        if (!value.empty() && !IsEmailAddress(value)) {
            Report(field, "\"" + SanitizeUtf8(value.substr(0, 80)) +
                              "\" is not an e-mail address (name@example.de)");
        }
    }
    void Phone(std::string_view field, const std::string& value) {
        if (!value.empty() && !IsPhoneNumber(value)) {
            Report(field, "\"" + SanitizeUtf8(value.substr(0, 80)) +
                              "\" is not a phone number (digits, spaces and + / - ( ) only)");
        }
    }
    void Url(std::string_view field, const std::string& value) {
        if (!value.empty() && !IsWebAddress(value)) {
            Report(field, "\"" + SanitizeUtf8(value.substr(0, 80)) +
                              "\" is not a web address (https://…)");
        }
    }

    void ScheduleRules(std::string_view field, const Schedule& schedule) {
        for (const std::string& problem : CheckSchedule(schedule)) {
            // CheckSchedule returns "sub.field: message".
            const size_t colon = problem.find(": ");
            Report(std::string(field) + "." + problem.substr(0, colon), problem.substr(colon + 2));
        }
        Localized(std::string(field) + ".note", schedule.note, kMaxSummaryChars, false);
        for (size_t i = 0; i < schedule.closures.size(); ++i) {
            Localized(std::string(field) + ".closures[" + std::to_string(i) + "].note",
                      schedule.closures[i].note, kMaxSummaryChars, false);
        }
    }

  private:
    std::string m_path;
    std::vector<Problem>& m_problems;
};

void Check(Checker& c, const TaxonomyTerm& r) {
    bool known = false;
    for (std::string_view v : kVocabularies) {
        known = known || v == r.vocabulary;
    }
    if (!known) {
        c.Report("vocabulary", "\"" + SanitizeUtf8(r.vocabulary.substr(0, 40)) +
                                   "\" is not a vocabulary (field_of_action, network_topic, "
                                   "network_level, target_group, help_kind)");
    }
    bool slug = !r.code.empty() && r.code.size() <= 64;
    for (char ch : r.code) {
        slug = slug && ((ch >= 'a' && ch <= 'z') || IsAsciiDigit(ch) || ch == '-');
    }
    if (!slug) {
        c.Report("code", "must be 1-64 characters a-z, 0-9 and -");
    }
    c.Localized("name", r.name, kMaxNameChars, true);
}

void Check(Checker& c, const Organization& r) {
    c.Localized("name", r.name, kMaxNameChars, true);
    c.Localized("description", r.description, kMaxDescriptionChars, false, true);
    c.Url("url", r.url);
    c.Email("email", r.email);
    c.Phone("phone", r.phone);
}

void Check(Checker& c, const Place& r) {
    c.Localized("name", r.name, kMaxNameChars, true);
    c.Localized("description", r.description, kMaxDescriptionChars, false, true);
    if (std::find(kPlaceKinds.begin(), kPlaceKinds.end(), r.kind) == kPlaceKinds.end()) {
        c.Report("kind", "\"" + SanitizeUtf8(r.kind.substr(0, 40)) +
                             "\" is not a kind of place (see docs/dataset.md, e.g. "
                             "ort_der_begegnung, kita, schule, kirche, sozialbuero)");
    }
    c.Required("district", r.district);
    c.PlainText("district", r.district, kMaxNameChars);
    c.PlainText("social_space", r.social_space, kMaxNameChars);
    c.PlainText("address.street", r.address.street, kMaxShortFieldChars);
    c.PlainText("address.postal_code", r.address.postal_code, kMaxPostalCodeChars);
    c.Required("address.city", r.address.city);
    c.PlainText("address.city", r.address.city, kMaxNameChars);
    if (r.latitude && (*r.latitude < -90 || *r.latitude > 90)) {
        c.Report("latitude", "must be between -90 and 90");
    }
    if (r.longitude && (*r.longitude < -180 || *r.longitude > 180)) {
        c.Report("longitude", "must be between -180 and 180");
    }
    c.Localized("accessibility.note", r.accessibility.note, kMaxSummaryChars, false);
    for (size_t i = 0; i < r.opening_hours.size(); ++i) {
        c.ScheduleRules("opening_hours[" + std::to_string(i) + "]", r.opening_hours[i]);
    }
    c.Id("organization_id", r.organization_id, false);
    c.Id("contact_id", r.contact_id, false);
    c.Phone("phone", r.phone);
    c.Email("email", r.email);
    c.Url("url", r.url);
}

void Check(Checker& c, const Contact& r) {
    c.Required("name", r.name);
    c.PlainText("name", r.name, kMaxNameChars);
    c.Localized("role", r.role, kMaxNameChars, false);
    c.Id("organization_id", r.organization_id, false);
    c.Id("place_id", r.place_id, false);
    c.Phone("phone", r.phone);
    c.Email("email", r.email);
    c.Url("url", r.url);
    if (r.phone.empty() && r.email.empty() && r.url.empty()) {
        c.Report("phone", "a contact needs at least a phone number, an e-mail or a web address");
    }
    c.Localized("hours", r.hours, kMaxSummaryChars, false);
    c.Languages("languages", r.languages);
}

void Check(Checker& c, const Offer& r) {
    c.Localized("title", r.title, kMaxNameChars, true);
    c.Localized("summary", r.summary, kMaxSummaryChars, false);
    c.Localized("description", r.description, kMaxDescriptionChars, false, true);
    c.Id("organization_id", r.organization_id, false);
    c.Id("place_id", r.place_id, true);
    c.Id("contact_id", r.contact_id, false);
    c.Ids("fields_of_action", r.fields_of_action, true);
    c.Ids("target_groups", r.target_groups, false);
    c.Languages("languages", r.languages);
    c.Localized("cost", r.cost, kMaxSummaryChars, false);
    if (!r.free_of_charge && r.cost.Empty()) {
        c.Report("cost", "is required when free_of_charge is false (e.g. \"2 € pro Termin\")");
    }
    c.Localized("registration", r.registration, kMaxSummaryChars, false);
    c.Url("url", r.url);
    if (r.schedule) {
        c.ScheduleRules("schedule", *r.schedule);
    }
}

void Check(Checker& c, const Helper& r) {
    c.Required("first_name", r.first_name);
    c.PlainText("first_name", r.first_name, kMaxNameChars);
    if (r.first_name.find(' ') != std::string::npos) {
        c.Report("first_name", "must be a first name only (helpers are shown by first name)");
    }
    c.Ids("kinds_of_help", r.kinds_of_help, true);
    c.Languages("languages", r.languages);
    for (size_t i = 0; i < r.districts.size(); ++i) {
        c.PlainText("districts[" + std::to_string(i) + "]", r.districts[i], kMaxNameChars);
    }
    c.Localized("availability", r.availability, kMaxSummaryChars, false);
    c.Localized("about", r.about, kMaxSummaryChars, false, true);
    c.Id("place_id", r.place_id, true);
    c.Id("coordinator_contact_id", r.coordinator_contact_id, true);
    if (r.public_contact) {
        c.Phone("public_contact.phone", r.public_contact->phone);
        c.Email("public_contact.email", r.public_contact->email);
        if (r.public_contact->phone.empty() && r.public_contact->email.empty()) {
            c.Report("public_contact", "needs a phone number or an e-mail address");
        }
        if (!r.public_contact->consent_date.ok()) {
            c.Report("public_contact.consent_date", "must be a real date");
        }
    }
}

void Check(Checker& c, const Network& r) {
    c.Localized("name", r.name, kMaxNameChars, true);
    c.Localized("description", r.description, kMaxDescriptionChars, false, true);
    c.Id("topic_id", r.topic_id, true);
    c.Id("level_id", r.level_id, true);
    c.PlainText("district", r.district, kMaxNameChars);
    c.PlainText("social_space", r.social_space, kMaxNameChars);
    c.Id("contact_id", r.contact_id, false);
    c.Ids("organization_ids", r.organization_ids, false);
    if (r.meetings) {
        c.ScheduleRules("meetings", *r.meetings);
    }
}

// Reference checks: field, id, expected kind, expected vocabulary (empty = any).
struct Reference {
    std::string field;
    const std::string* id;
    RecordKind kind;
    std::string_view vocabulary;
};

std::vector<Reference> ReferencesOf(const AnyRecord& record) {
    std::vector<Reference> refs;
    auto list = [&](std::string_view field, const std::vector<std::string>& ids, RecordKind kind,
                    std::string_view vocab) {
        for (size_t i = 0; i < ids.size(); ++i) {
            refs.push_back(
                {std::string(field) + "[" + std::to_string(i) + "]", &ids[i], kind, vocab});
        }
    };
    std::visit(
        [&](const auto& r) {
            using R = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<R, Place>) {
                refs.push_back(
                    {"organization_id", &r.organization_id, RecordKind::kOrganization, {}});
                refs.push_back({"contact_id", &r.contact_id, RecordKind::kContact, {}});
            } else if constexpr (std::is_same_v<R, Contact>) {
                refs.push_back(
                    {"organization_id", &r.organization_id, RecordKind::kOrganization, {}});
                refs.push_back({"place_id", &r.place_id, RecordKind::kPlace, {}});
            } else if constexpr (std::is_same_v<R, Offer>) {
                refs.push_back(
                    {"organization_id", &r.organization_id, RecordKind::kOrganization, {}});
                refs.push_back({"place_id", &r.place_id, RecordKind::kPlace, {}});
                refs.push_back({"contact_id", &r.contact_id, RecordKind::kContact, {}});
                list("fields_of_action", r.fields_of_action, RecordKind::kTaxonomy,
                     kVocabFieldOfAction);
                list("target_groups", r.target_groups, RecordKind::kTaxonomy, kVocabTargetGroup);
            } else if constexpr (std::is_same_v<R, Helper>) {
                refs.push_back({"place_id", &r.place_id, RecordKind::kPlace, {}});
                refs.push_back({"coordinator_contact_id",
                                &r.coordinator_contact_id,
                                RecordKind::kContact,
                                {}});
                list("kinds_of_help", r.kinds_of_help, RecordKind::kTaxonomy, kVocabHelpKind);
            } else if constexpr (std::is_same_v<R, Network>) {
                refs.push_back(
                    {"topic_id", &r.topic_id, RecordKind::kTaxonomy, kVocabNetworkTopic});
                refs.push_back(
                    {"level_id", &r.level_id, RecordKind::kTaxonomy, kVocabNetworkLevel});
                refs.push_back({"contact_id", &r.contact_id, RecordKind::kContact, {}});
                list("organization_ids", r.organization_ids, RecordKind::kOrganization, {});
            }
        },
        record);
    return refs;
}

}  // namespace

bool IsUuid(std::string_view text) {
    if (text.size() != 36) {
        return false;
    }
    for (size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !IsHex(text[i])) {
            return false;
        }
    }
    return true;
}

bool IsLanguageCode(std::string_view text) {
    return text.size() == 2 && text[0] >= 'a' && text[0] <= 'z' && text[1] >= 'a' && text[1] <= 'z';
}

bool IsEmailAddress(std::string_view text) {
    if (text.size() > kMaxShortFieldChars) {
        return false;
    }
    const size_t at = text.find('@');
    if (at == std::string_view::npos || at == 0 ||
        text.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    const std::string_view domain = text.substr(at + 1);
    const size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) {
        return false;
    }
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || c == ',' || c == ';' || c == '<' || c == '>' || c == '"') {
            return false;
        }
    }
    return domain.find("..") == std::string_view::npos;
}

bool IsPhoneNumber(std::string_view text) {
    if (text.size() > kMaxPhoneChars) {
        return false;
    }
    size_t digits = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (IsAsciiDigit(c)) {
            ++digits;
        } else if (c == '+') {
            if (i != 0) {
                return false;
            }
        } else if (c != ' ' && c != '/' && c != '-' && c != '(' && c != ')') {
            return false;
        }
    }
    return digits >= 5 && digits <= 20;
}

bool IsWebAddress(std::string_view text) {
    if (text.size() > kMaxShortFieldChars) {
        return false;
    }
    std::string_view rest;
    if (text.starts_with("https://")) {
        rest = text.substr(8);
    } else if (text.starts_with("http://")) {
        rest = text.substr(7);
    } else {
        return false;
    }
    const std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
    if (host.empty() || host.find('.') == std::string_view::npos || host.front() == '.' ||
        host.back() == '.') {
        return false;
    }
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F || c == '"' || c == '<' || c == '>') {
            return false;
        }
    }
    for (char c : host) {
        if (!(IsAsciiLetter(c) || IsAsciiDigit(c) || c == '.' || c == '-' || c == ':')) {
            return false;
        }
    }
    return true;
}

std::string NewUuid() {
    thread_local std::mt19937_64 generator{[] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }()};
    std::array<unsigned char, 16> bytes{};
    for (size_t i = 0; i < bytes.size(); i += 8) {
        const std::uint64_t value = generator();
        for (size_t b = 0; b < 8; ++b) {
            bytes[i + b] = static_cast<unsigned char>(value >> (8 * b));
        }
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out += '-';
        }
        out += kHex[bytes[i] >> 4];
        out += kHex[bytes[i] & 0x0F];
    }
    return out;
}

void ValidateRecord(const AnyRecord& record, const std::string& path,
                    std::vector<Problem>& problems) {
    Checker c(path, problems);
    const RecordMeta& meta = MetaOf(record);
    c.Id("id", meta.id, true);
    if (meta.revision < 0) {
        c.Report("revision", "must not be negative");
    }
    if (meta.deleted) {
        return;
    }
    std::visit([&](const auto& r) { Check(c, r); }, record);
}

void ValidateReferences(const AnyRecord& record, const RecordIndex& index, const std::string& path,
                        std::vector<Problem>& problems) {
    if (MetaOf(record).deleted) {
        return;
    }
    Checker c(path, problems);
    for (const Reference& ref : ReferencesOf(record)) {
        if (ref.id->empty() || !IsUuid(*ref.id)) {
            continue;  // empty is allowed where optional; a malformed id is reported elsewhere
        }
        const auto kind = index.KindOfId(*ref.id);
        if (!kind) {
            c.Report(ref.field, "refers to " + *ref.id + ", which is not in the dataset");
            continue;
        }
        if (*kind != ref.kind) {
            c.Report(ref.field, "refers to " + *ref.id + ", which is in " +
                                    std::string(RecordKindName(*kind)) + ", not in " +
                                    std::string(RecordKindName(ref.kind)));
            continue;
        }
        if (!ref.vocabulary.empty()) {
            const auto vocab = index.VocabularyOf(*ref.id);
            if (!vocab || *vocab != ref.vocabulary) {
                c.Report(ref.field, "refers to a term of " + vocab.value_or("?") +
                                        ", but must be one of " + std::string(ref.vocabulary));
            }
        }
    }
}

}  // namespace treffpunkt
