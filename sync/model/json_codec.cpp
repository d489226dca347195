#include "sync/model/json_codec.hpp"

#include <nlohmann/json.hpp>

#include "sync/model/json_object_reader.hpp"

namespace treffpunkt {

using nlohmann::json;

namespace {

// Reads the fields of one JSON object, remembering which keys were used so that the rest can be
// reported as unknown. Type problems are reported with the field's path.
class Fields : public JsonObjectReader {
  public:
    using JsonObjectReader::JsonObjectReader;

    bool Has(std::string_view key) {
        const json* v = Get(key);
        return v != nullptr;
    }

    std::string String(std::string_view key) {
        const json* v = Get(key);
        if (v == nullptr) {
            return {};
        }
        if (!v->is_string()) {
            Report(key, "must be a string");
            return {};
        }
        return v->get<std::string>();
    }

    bool Bool(std::string_view key, bool fallback) { return OptionalBool(key).value_or(fallback); }

    std::optional<bool> OptionalBool(std::string_view key) {
        const json* v = Get(key);
        if (v == nullptr) {
            return std::nullopt;
        }
        if (!v->is_boolean()) {
            Report(key, "must be true or false");
            return std::nullopt;
        }
        return v->get<bool>();
    }

    std::optional<std::int64_t> Integer(std::string_view key) {
        const json* v = Get(key);
        if (v == nullptr) {
            return std::nullopt;
        }
        if (!v->is_number_integer()) {
            Report(key, "must be a whole number");
            return std::nullopt;
        }
        if (v->is_number_unsigned() && v->get<std::uint64_t>() > INT64_MAX) {
            Report(key, "is too large");
            return std::nullopt;
        }
        return v->get<std::int64_t>();
    }

    std::optional<double> Number(std::string_view key) {
        const json* v = Get(key);
        if (v == nullptr) {
            return std::nullopt;
        }
        if (!v->is_number()) {
            Report(key, "must be a number");
            return std::nullopt;
        }
        return v->get<double>();
    }

    std::optional<Date> DateValue(std::string_view key) {
        const json* v = Get(key);
        if (v == nullptr) {
            return std::nullopt;
        }
        const auto date = v->is_string() ? ParseDate(v->get<std::string>()) : std::nullopt;
        if (!date) {
            Report(key, "must be a date written YYYY-MM-DD, e.g. \"2026-03-17\"");
        }
        return date;
    }

    std::optional<UtcTime> TimeValue(std::string_view key) {
        const json* v = Get(key);
        if (v == nullptr) {
            return std::nullopt;
        }
        const auto t = v->is_string() ? ParseUtcTime(v->get<std::string>()) : std::nullopt;
        if (!t) {
            Report(key, "must be a time written like \"2026-03-17T09:30:00Z\" (RFC 3339)");
        }
        return t;
    }

    LocalizedText Localized(std::string_view key) {
        LocalizedText text;
        const json* v = Get(key);
        if (v == nullptr) {
            return text;
        }
        if (v->is_string()) {
            // A plain string is German text: convenient for hand-written datasets.
            text.by_lang.emplace(std::string(kFallbackLanguage), v->get<std::string>());
            return text;
        }
        if (!v->is_object()) {
            Report(key, "must be an object of texts by language, e.g. {\"de\": \"…\"}");
            return text;
        }
        for (const auto& [lang, value] : v->items()) {
            if (!value.is_string()) {
                Report(std::string(key) + "." + lang, "must be a string");
                continue;
            }
            text.by_lang.emplace(lang, value.get<std::string>());
        }
        return text;
    }

    std::vector<std::string> Strings(std::string_view key) {
        std::vector<std::string> out;
        const json* v = Get(key);
        if (v == nullptr) {
            return out;
        }
        if (!v->is_array()) {
            Report(key, "must be a list of strings");
            return out;
        }
        for (size_t i = 0; i < v->size(); ++i) {
            if (!(*v)[i].is_string()) {
                Report(std::string(key) + "[" + std::to_string(i) + "]", "must be a string");
                continue;
            }
            out.push_back((*v)[i].get<std::string>());
        }
        return out;
    }
};

void ReadMeta(Fields& f, RecordMeta& meta) {
    meta.id = f.String("id");
    meta.revision = f.Integer("revision").value_or(0);
    if (!f.Has("updated")) {
        f.Report("updated", "is required (RFC 3339 time of the last change)");
    }
    meta.updated = f.TimeValue("updated").value_or(UtcTime{});
    meta.last_checked = f.DateValue("last_checked");
    meta.deleted = f.Bool("deleted", false);
}

void ReadAccessibility(Fields& parent, std::string_view key, Accessibility& out) {
    const json* v = parent.Get(key);
    if (v == nullptr) {
        return;
    }
    Fields f(*v, parent.PathOf(key), parent.problems(), parent.unknown());
    out.wheelchair = f.OptionalBool("wheelchair");
    out.step_free_entrance = f.OptionalBool("step_free_entrance");
    out.accessible_toilet = f.OptionalBool("accessible_toilet");
    out.hearing_loop = f.OptionalBool("hearing_loop");
    out.note = f.Localized("note");
    f.Finish();
}

void ReadAddress(Fields& parent, std::string_view key, Address& out) {
    const json* v = parent.Get(key);
    if (v == nullptr) {
        return;
    }
    Fields f(*v, parent.PathOf(key), parent.problems(), parent.unknown());
    out.street = f.String("street");
    out.postal_code = f.String("postal_code");
    out.city = f.String("city");
    f.Finish();
}

std::optional<Schedule> ReadOptionalSchedule(Fields& parent, std::string_view key) {
    const json* v = parent.Get(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    return ScheduleFromJson(*v, parent.PathOf(key), parent.problems(), parent.unknown());
}

std::vector<Schedule> ReadSchedules(Fields& parent, std::string_view key) {
    std::vector<Schedule> out;
    const json* v = parent.Get(key);
    if (v == nullptr) {
        return out;
    }
    if (!v->is_array()) {
        parent.Report(key, "must be a list of schedules");
        return out;
    }
    for (size_t i = 0; i < v->size(); ++i) {
        out.push_back(ScheduleFromJson((*v)[i], parent.PathOf(key) + "[" + std::to_string(i) + "]",
                                       parent.problems(), parent.unknown()));
    }
    return out;
}

template <class R>
void ReadBody(Fields& f, R& r);

template <>
void ReadBody(Fields& f, TaxonomyTerm& r) {
    r.vocabulary = f.String("vocabulary");
    r.code = f.String("code");
    r.name = f.Localized("name");
    r.sort_order = static_cast<int>(f.Integer("sort_order").value_or(0));
}

template <>
void ReadBody(Fields& f, Organization& r) {
    r.name = f.Localized("name");
    r.description = f.Localized("description");
    r.url = f.String("url");
    r.email = f.String("email");
    r.phone = f.String("phone");
}

template <>
void ReadBody(Fields& f, Place& r) {
    r.name = f.Localized("name");
    r.description = f.Localized("description");
    r.kind = f.String("kind");
    r.district = f.String("district");
    r.social_space = f.String("social_space");
    ReadAddress(f, "address", r.address);
    r.latitude = f.Number("latitude");
    r.longitude = f.Number("longitude");
    ReadAccessibility(f, "accessibility", r.accessibility);
    r.opening_hours = ReadSchedules(f, "opening_hours");
    r.organization_id = f.String("organization_id");
    r.contact_id = f.String("contact_id");
    r.phone = f.String("phone");
    r.email = f.String("email");
    r.url = f.String("url");
}

template <>
void ReadBody(Fields& f, Contact& r) {
    r.name = f.String("name");
    r.role = f.Localized("role");
    r.organization_id = f.String("organization_id");
    r.place_id = f.String("place_id");
    r.phone = f.String("phone");
    r.email = f.String("email");
    r.url = f.String("url");
    r.hours = f.Localized("hours");
    r.languages = f.Strings("languages");
}

template <>
void ReadBody(Fields& f, Offer& r) {
    r.title = f.Localized("title");
    r.summary = f.Localized("summary");
    r.description = f.Localized("description");
    r.organization_id = f.String("organization_id");
    r.place_id = f.String("place_id");
    r.contact_id = f.String("contact_id");
    r.fields_of_action = f.Strings("fields_of_action");
    r.target_groups = f.Strings("target_groups");
    r.languages = f.Strings("languages");
    r.free_of_charge = f.Bool("free_of_charge", true);
    r.cost = f.Localized("cost");
    r.registration = f.Localized("registration");
    r.url = f.String("url");
    r.schedule = ReadOptionalSchedule(f, "schedule");
    const std::string status = f.String("status");
    if (status.empty() || status == "active") {
        r.status = OfferStatus::kActive;
    } else if (status == "retired") {
        r.status = OfferStatus::kRetired;
    } else {
        f.Report("status", "must be \"active\" or \"retired\", not \"" + status + "\"");
    }
}

template <>
void ReadBody(Fields& f, Helper& r) {
    r.first_name = f.String("first_name");
    r.kinds_of_help = f.Strings("kinds_of_help");
    r.languages = f.Strings("languages");
    r.districts = f.Strings("districts");
    r.availability = f.Localized("availability");
    r.about = f.Localized("about");
    r.place_id = f.String("place_id");
    r.coordinator_contact_id = f.String("coordinator_contact_id");
    if (const json* v = f.Get("public_contact")) {
        Fields pc(*v, f.PathOf("public_contact"), f.problems(), f.unknown());
        PublicContact contact;
        contact.phone = pc.String("phone");
        contact.email = pc.String("email");
        const auto consent = pc.DateValue("consent_date");
        if (!consent && !pc.Has("consent_date")) {
            pc.Report("consent_date",
                      "is required: a helper's own phone or e-mail is shown only with the date "
                      "of their consent");
        }
        contact.consent_date = consent.value_or(Date{});
        pc.Finish();
        if (consent) {
            r.public_contact = contact;
        }
    }
}

template <>
void ReadBody(Fields& f, Network& r) {
    r.name = f.Localized("name");
    r.description = f.Localized("description");
    r.topic_id = f.String("topic_id");
    r.level_id = f.String("level_id");
    r.district = f.String("district");
    r.social_space = f.String("social_space");
    r.contact_id = f.String("contact_id");
    r.organization_ids = f.Strings("organization_ids");
    r.meetings = ReadOptionalSchedule(f, "meetings");
}

template <class R>
AnyRecord ReadRecord(const json& j, const std::string& path, std::vector<Problem>& problems,
                     UnknownFields unknown) {
    R record;
    Fields f(j, path, problems, unknown);
    if (!f.IsObject()) {
        return record;
    }
    ReadMeta(f, record.meta);
    if (record.meta.deleted) {
        // A tombstone carries only its meta fields; anything else is ignored.
        return MakeTombstone(KindOf(AnyRecord{record}), record.meta.id, record.meta.revision,
                             record.meta.updated);
    }
    ReadBody(f, record);
    f.Finish();
    return record;
}

// --- Encoding ------------------------------------------------------------------------------

void PutString(json& j, const char* key, const std::string& value) {
    if (!value.empty()) {
        j[key] = value;
    }
}

void PutText(json& j, const char* key, const LocalizedText& value) {
    if (!value.Empty()) {
        j[key] = ToJson(value);
    }
}

void PutStrings(json& j, const char* key, const std::vector<std::string>& values) {
    if (!values.empty()) {
        j[key] = values;
    }
}

void PutOptionalBool(json& j, const char* key, const std::optional<bool>& value) {
    if (value) {
        j[key] = *value;
    }
}

json MetaJson(const RecordMeta& meta) {
    json j = json::object();
    j["id"] = meta.id;
    j["revision"] = meta.revision;
    j["updated"] = FormatUtcTime(meta.updated);
    if (meta.deleted) {
        j["deleted"] = true;
        return j;
    }
    if (meta.last_checked) {
        j["last_checked"] = FormatDate(*meta.last_checked);
    }
    return j;
}

void WriteBody(json& j, const TaxonomyTerm& r) {
    j["vocabulary"] = r.vocabulary;
    j["code"] = r.code;
    PutText(j, "name", r.name);
    j["sort_order"] = r.sort_order;
}

void WriteBody(json& j, const Organization& r) {
    PutText(j, "name", r.name);
    PutText(j, "description", r.description);
    PutString(j, "url", r.url);
    PutString(j, "email", r.email);
    PutString(j, "phone", r.phone);
}

void WriteBody(json& j, const Place& r) {
    PutText(j, "name", r.name);
    PutText(j, "description", r.description);
    PutString(j, "kind", r.kind);
    PutString(j, "district", r.district);
    PutString(j, "social_space", r.social_space);
    json address = json::object();
    PutString(address, "street", r.address.street);
    PutString(address, "postal_code", r.address.postal_code);
    PutString(address, "city", r.address.city);
    if (!address.empty()) {
        j["address"] = address;
    }
    if (r.latitude) {
        j["latitude"] = *r.latitude;
    }
    if (r.longitude) {
        j["longitude"] = *r.longitude;
    }
    json access = json::object();
    PutOptionalBool(access, "wheelchair", r.accessibility.wheelchair);
    PutOptionalBool(access, "step_free_entrance", r.accessibility.step_free_entrance);
    PutOptionalBool(access, "accessible_toilet", r.accessibility.accessible_toilet);
    PutOptionalBool(access, "hearing_loop", r.accessibility.hearing_loop);
    PutText(access, "note", r.accessibility.note);
    if (!access.empty()) {
        j["accessibility"] = access;
    }
    if (!r.opening_hours.empty()) {
        json hours = json::array();
        for (const Schedule& s : r.opening_hours) {
            hours.push_back(ToJson(s));
        }
        j["opening_hours"] = hours;
    }
    PutString(j, "organization_id", r.organization_id);
    PutString(j, "contact_id", r.contact_id);
    PutString(j, "phone", r.phone);
    PutString(j, "email", r.email);
    PutString(j, "url", r.url);
}

void WriteBody(json& j, const Contact& r) {
    PutString(j, "name", r.name);
    PutText(j, "role", r.role);
    PutString(j, "organization_id", r.organization_id);
    PutString(j, "place_id", r.place_id);
    PutString(j, "phone", r.phone);
    PutString(j, "email", r.email);
    PutString(j, "url", r.url);
    PutText(j, "hours", r.hours);
    PutStrings(j, "languages", r.languages);
}

void WriteBody(json& j, const Offer& r) {
    PutText(j, "title", r.title);
    PutText(j, "summary", r.summary);
    PutText(j, "description", r.description);
    PutString(j, "organization_id", r.organization_id);
    PutString(j, "place_id", r.place_id);
    PutString(j, "contact_id", r.contact_id);
    PutStrings(j, "fields_of_action", r.fields_of_action);
    PutStrings(j, "target_groups", r.target_groups);
    PutStrings(j, "languages", r.languages);
    j["free_of_charge"] = r.free_of_charge;
    PutText(j, "cost", r.cost);
    PutText(j, "registration", r.registration);
    PutString(j, "url", r.url);
    if (r.schedule) {
        j["schedule"] = ToJson(*r.schedule);
    }
    j["status"] = r.status == OfferStatus::kActive ? "active" : "retired";
}

void WriteBody(json& j, const Helper& r) {
    PutString(j, "first_name", r.first_name);
    PutStrings(j, "kinds_of_help", r.kinds_of_help);
    PutStrings(j, "languages", r.languages);
    PutStrings(j, "districts", r.districts);
    PutText(j, "availability", r.availability);
    PutText(j, "about", r.about);
    PutString(j, "place_id", r.place_id);
    PutString(j, "coordinator_contact_id", r.coordinator_contact_id);
    if (r.public_contact) {
        json pc = json::object();
        PutString(pc, "phone", r.public_contact->phone);
        PutString(pc, "email", r.public_contact->email);
        pc["consent_date"] = FormatDate(r.public_contact->consent_date);
        j["public_contact"] = pc;
    }
}

void WriteBody(json& j, const Network& r) {
    PutText(j, "name", r.name);
    PutText(j, "description", r.description);
    PutString(j, "topic_id", r.topic_id);
    PutString(j, "level_id", r.level_id);
    PutString(j, "district", r.district);
    PutString(j, "social_space", r.social_space);
    PutString(j, "contact_id", r.contact_id);
    PutStrings(j, "organization_ids", r.organization_ids);
    if (r.meetings) {
        j["meetings"] = ToJson(*r.meetings);
    }
}

}  // namespace

json ToJson(const LocalizedText& text) {
    json j = json::object();
    for (const auto& [lang, value] : text.by_lang) {
        if (!value.empty()) {
            j[lang] = value;
        }
    }
    return j;
}

json ToJson(const Schedule& s) {
    json j = json::object();
    if (s.start_date) {
        j["start_date"] = FormatDate(*s.start_date);
    }
    j["start_time"] = FormatClockTime(s.start_minute);
    j["end_time"] = FormatClockTime(s.end_minute);
    PutString(j, "rrule", s.rrule);
    if (!s.dates.empty()) {
        json dates = json::array();
        for (const Date& d : s.dates) {
            dates.push_back(FormatDate(d));
        }
        j["dates"] = dates;
    }
    if (!s.closures.empty()) {
        json closures = json::array();
        for (const DateRange& c : s.closures) {
            json cj = {{"from", FormatDate(c.from)}, {"until", FormatDate(c.until)}};
            PutText(cj, "note", c.note);
            closures.push_back(cj);
        }
        j["closures"] = closures;
    }
    PutText(j, "note", s.note);
    return j;
}

json ToJson(const AnyRecord& record) {
    json j = MetaJson(MetaOf(record));
    if (MetaOf(record).deleted) {
        return j;
    }
    std::visit([&](const auto& r) { WriteBody(j, r); }, record);
    return j;
}

Schedule ScheduleFromJson(const json& j, const std::string& path, std::vector<Problem>& problems,
                          UnknownFields unknown) {
    Schedule s;
    Fields f(j, path, problems, unknown);
    if (!f.IsObject()) {
        return s;
    }
    s.start_date = f.DateValue("start_date");
    for (const auto& [key, target] : {std::pair<const char*, int*>{"start_time", &s.start_minute},
                                      std::pair<const char*, int*>{"end_time", &s.end_minute}}) {
        const std::string text = f.String(key);
        if (text.empty()) {
            f.Report(key, "is required, written HH:MM, e.g. \"14:00\"");
            continue;
        }
        const auto minutes = ParseClockTime(text);
        if (!minutes) {
            f.Report(key, "must be a time written HH:MM, e.g. \"14:00\", not \"" + text + "\"");
            continue;
        }
        *target = *minutes;
    }
    s.rrule = f.String("rrule");
    if (const json* dates = f.Get("dates")) {
        if (!dates->is_array()) {
            f.Report("dates", "must be a list of dates");
        } else {
            for (size_t i = 0; i < dates->size(); ++i) {
                const auto& d = (*dates)[i];
                const auto date = d.is_string() ? ParseDate(d.get<std::string>()) : std::nullopt;
                if (!date) {
                    f.Report("dates[" + std::to_string(i) + "]",
                             "must be a date written YYYY-MM-DD");
                    continue;
                }
                s.dates.push_back(*date);
            }
        }
    }
    if (const json* closures = f.Get("closures")) {
        if (!closures->is_array()) {
            f.Report("closures", "must be a list of {\"from\", \"until\"} ranges");
        } else {
            for (size_t i = 0; i < closures->size(); ++i) {
                Fields c((*closures)[i], f.PathOf("closures") + "[" + std::to_string(i) + "]",
                         problems, unknown);
                if (!c.IsObject()) {
                    continue;
                }
                const auto from = c.DateValue("from");
                auto until = c.DateValue("until");
                if (!from && !c.Has("from")) {
                    c.Report("from", "is required (first day without sessions)");
                }
                DateRange range;
                range.from = from.value_or(Date{});
                range.until = until.value_or(range.from);  // one day if "until" is left out
                range.note = c.Localized("note");
                c.Finish();
                if (from) {
                    s.closures.push_back(range);
                }
            }
        }
    }
    s.note = f.Localized("note");
    f.Finish();
    return s;
}

AnyRecord RecordFromJson(RecordKind kind, const json& j, const std::string& path,
                         std::vector<Problem>& problems, UnknownFields unknown) {
    switch (kind) {
        case RecordKind::kTaxonomy:
            return ReadRecord<TaxonomyTerm>(j, path, problems, unknown);
        case RecordKind::kOrganization:
            return ReadRecord<Organization>(j, path, problems, unknown);
        case RecordKind::kPlace:
            return ReadRecord<Place>(j, path, problems, unknown);
        case RecordKind::kContact:
            return ReadRecord<Contact>(j, path, problems, unknown);
        case RecordKind::kOffer:
            return ReadRecord<Offer>(j, path, problems, unknown);
        case RecordKind::kHelper:
            return ReadRecord<Helper>(j, path, problems, unknown);
        case RecordKind::kNetwork:
            return ReadRecord<Network>(j, path, problems, unknown);
    }
    return TaxonomyTerm{};
}

json ParseJsonText(std::string_view text, std::vector<Problem>& problems) {
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        // Turn the byte offset into line:column, which is what an editor shows.
        size_t line = 1;
        size_t column = 1;
        const size_t end = std::min(static_cast<size_t>(e.byte), text.size());
        for (size_t i = 0; i + 1 < end; ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        std::string what = e.what();
        if (const size_t pos = what.find("error: "); pos != std::string::npos) {
            what = what.substr(pos + 7);
        }
        problems.push_back({"", "not valid JSON at line " + std::to_string(line) + ", column " +
                                    std::to_string(column) + ": " + what});
        return json(json::value_t::discarded);
    }
}

}  // namespace treffpunkt
