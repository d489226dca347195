#include "sync/protocol/codec.hpp"

#include <nlohmann/json.hpp>

#include <set>

#include "sync/model/json_object_reader.hpp"
#include "sync/model/text.hpp"
#include "sync/model/validation.hpp"
#include "sync/protocol/api.hpp"

namespace treffpunkt::protocol {

using nlohmann::json;

namespace {

// Lengths of free-text protocol fields, in code points.
constexpr size_t kMaxVersionChars = 64;
constexpr size_t kMaxKioskNameChars = 80;
constexpr size_t kMaxLastErrorChars = 1000;
constexpr size_t kMaxSecretChars = 200;
constexpr size_t kMaxCursorChars = 100;

// Reads the fields of one JSON object: remembers which keys were asked for so that the others
// can be reported as unknown, and reports every type problem with the field's path.
class Reader : public JsonObjectReader {
  public:
    Reader(const json& object, std::string path, std::vector<Problem>& problems,
           UnknownFields unknown)
        : JsonObjectReader(object, std::move(path), problems, unknown, "docs/protocol.md") {}

    const json* Required(std::string_view key, std::string_view what) {
        const json* v = Get(key);
        if (v == nullptr && IsObject()) {
            Report(key, "is required (" + std::string(what) + ")");
        }
        return v;
    }

    // A string of valid UTF-8 with at most `max_chars` code points; single line unless stated.
    std::optional<std::string> String(std::string_view key, size_t max_chars, bool required,
                                      std::string_view what, bool multiline = false) {
        const json* v = required ? Required(key, what) : Get(key);
        if (v == nullptr) {
            return std::nullopt;
        }
        if (!v->is_string()) {
            Report(key, "must be a string (" + std::string(what) + ")");
            return std::nullopt;
        }
        const std::string& s = v->get_ref<const std::string&>();
        if (!IsValidUtf8(s)) {
            Report(key, "is not valid UTF-8 text");
            return std::nullopt;
        }
        if (Utf8Length(s) > max_chars) {
            Report(key, "is longer than " + std::to_string(max_chars) + " characters");
            return std::nullopt;
        }
        for (char c : s) {
            if (static_cast<unsigned char>(c) < 0x20 && !(multiline && c == '\n')) {
                Report(key, "must not contain control characters");
                return std::nullopt;
            }
        }
        return s;
    }

    std::optional<std::string> Uuid(std::string_view key, bool required, std::string_view what) {
        const json* v = required ? Required(key, what) : Get(key);
        if (v == nullptr) {
            return std::nullopt;
        }
        if (!v->is_string() || !IsUuid(v->get_ref<const std::string&>())) {
            Report(key,
                   "must be a UUID in lower case, e.g. "
                   "\"3f0c5a8e-1b2d-4c3e-9f40-5a6b7c8d9e0f\" (" +
                       std::string(what) + ")");
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    std::optional<std::int64_t> Integer(std::string_view key, std::int64_t min, std::int64_t max,
                                        bool required, std::string_view what) {
        const json* v = required ? Required(key, what) : Get(key);
        if (v == nullptr) {
            return std::nullopt;
        }
        const bool fits = v->is_number_integer() &&
                          !(v->is_number_unsigned() &&
                            v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX));
        if (!fits || v->get<std::int64_t>() < min || v->get<std::int64_t>() > max) {
            Report(key, "must be a whole number from " + std::to_string(min) + " to " +
                            std::to_string(max) + " (" + std::string(what) + ")");
            return std::nullopt;
        }
        return v->get<std::int64_t>();
    }

    std::optional<bool> Bool(std::string_view key, bool required, std::string_view what) {
        const json* v = required ? Required(key, what) : Get(key);
        if (v == nullptr) {
            return std::nullopt;
        }
        if (!v->is_boolean()) {
            Report(key, "must be true or false (" + std::string(what) + ")");
            return std::nullopt;
        }
        return v->get<bool>();
    }

    std::optional<UtcTime> Time(std::string_view key, bool required, std::string_view what) {
        const json* v = required ? Required(key, what) : Get(key);
        if (v == nullptr) {
            return std::nullopt;
        }
        const auto t =
            v->is_string() ? ParseUtcTime(v->get_ref<const std::string&>()) : std::nullopt;
        if (!t) {
            Report(key, "must be a time written like \"2026-03-17T09:30:00Z\" (RFC 3339; " +
                            std::string(what) + ")");
        }
        return t;
    }

    std::optional<std::vector<std::string>> UuidList(std::string_view key, bool required,
                                                     std::string_view what) {
        const json* v = required ? Required(key, what) : Get(key);
        if (v == nullptr) {
            return std::nullopt;
        }
        if (!v->is_array()) {
            Report(key, "must be a list of UUIDs (" + std::string(what) + ")");
            return std::nullopt;
        }
        std::vector<std::string> out;
        bool ok = true;
        for (size_t i = 0; i < v->size(); ++i) {
            const json& item = (*v)[i];
            if (!item.is_string() || !IsUuid(item.get_ref<const std::string&>())) {
                Report(std::string(key) + "[" + std::to_string(i) + "]",
                       "must be a UUID in lower case");
                ok = false;
                continue;
            }
            out.push_back(item.get<std::string>());
        }
        return ok ? std::optional(out) : std::nullopt;
    }

    // An array under `key`; reports if it is something else.
    const json* Array(std::string_view key, bool required, std::string_view what) {
        const json* v = required ? Required(key, what) : Get(key);
        if (v != nullptr && !v->is_array()) {
            Report(key, "must be a list (" + std::string(what) + ")");
            return nullptr;
        }
        return v;
    }
};

std::string Index(const std::string& path, std::string_view key, size_t i) {
    return (path.empty() ? std::string(key) : path + "." + std::string(key)) + "[" +
           std::to_string(i) + "]";
}

json ProblemsJson(const std::vector<Problem>& problems) {
    json list = json::array();
    for (const Problem& p : problems) {
        list.push_back({{"path", p.path}, {"message", p.message}});
    }
    return list;
}

std::vector<Problem> ReadProblems(Reader& r, std::string_view key) {
    std::vector<Problem> out;
    const json* list = r.Array(key, false, "problems with their paths");
    if (list == nullptr) {
        return out;
    }
    for (size_t i = 0; i < list->size(); ++i) {
        Reader p((*list)[i], Index(r.path(), key, i), r.problems(), r.unknown());
        Problem problem;
        problem.path = p.String("path", 1000, false, "where").value_or("");
        problem.message = p.String("message", 2000, true, "what is wrong").value_or("");
        p.Finish();
        out.push_back(std::move(problem));
    }
    return out;
}

json ErrorInner(const ApiError& e) {
    json j = {{"code", e.code}, {"message", e.message}};
    if (!e.problems.empty()) {
        j["problems"] = ProblemsJson(e.problems);
    }
    return j;
}

ApiError ReadErrorInner(Reader& r) {
    ApiError e;
    e.code = r.String("code", 100, true, "the error code").value_or("");
    e.message = r.String("message", 4000, true, "what went wrong", true).value_or("");
    e.problems = ReadProblems(r, "problems");
    return e;
}

std::optional<RecordKind> ReadKind(Reader& r, std::string_view key) {
    const auto name = r.String(key, 40, true, "the kind of record, e.g. \"offers\"");
    if (!name) {
        return std::nullopt;
    }
    const auto kind = RecordKindFromName(*name);
    if (!kind) {
        r.Report(key, "\"" + *name +
                          "\" is not a kind of record (taxonomy, organizations, "
                          "places, contacts, offers, helpers, networks)");
    }
    return kind;
}

// A record as it travels in the protocol: the model's encoding, decoded by the model's decoder.
std::optional<AnyRecord> ReadRecord(Reader& r, std::string_view key, RecordKind kind) {
    const json* v = r.Required(key, "the record");
    if (v == nullptr) {
        return std::nullopt;
    }
    const size_t before = r.problems().size();
    AnyRecord record = RecordFromJson(kind, *v, r.PathOf(key), r.problems(), r.unknown());
    if (r.problems().size() != before) {
        return std::nullopt;
    }
    return record;
}

// --- Messages --------------------------------------------------------------------------------

template <class M>
struct Codec;

template <>
struct Codec<ApiError> {
    static json Write(const ApiError& e) { return {{"error", ErrorInner(e)}}; }
    static ApiError Read(Reader& r) {
        ApiError e;
        if (const json* inner = r.Required("error", "the error")) {
            Reader er(*inner, r.PathOf("error"), r.problems(), r.unknown());
            e = ReadErrorInner(er);
            er.Finish();
        }
        return e;
    }
};

template <>
struct Codec<PullPage> {
    static json Write(const PullPage& p) {
        json changes = json::array();
        for (const Change& c : p.changes) {
            changes.push_back(
                {{"kind", RecordKindName(KindOf(c.record))}, {"record", ToJson(c.record)}});
        }
        return {{"cursor", p.cursor},
                {"more", p.more},
                {"remaining", p.remaining},
                {"changes", changes}};
    }
    static PullPage Read(Reader& r) {
        PullPage p;
        p.cursor =
            r.String("cursor", kMaxCursorChars, true, "send it as since= next time").value_or("");
        p.more = r.Bool("more", true, "whether more changes wait").value_or(false);
        p.remaining =
            r.Integer("remaining", 0, INT64_MAX, true, "changes after this page").value_or(0);
        if (const json* list = r.Array("changes", true, "the changed records")) {
            for (size_t i = 0; i < list->size(); ++i) {
                Reader c((*list)[i], Index(r.path(), "changes", i), r.problems(), r.unknown());
                const auto kind = ReadKind(c, "kind");
                std::optional<AnyRecord> record;
                if (kind) {
                    record = ReadRecord(c, "record", *kind);
                } else {
                    c.Get("record");
                }
                c.Finish();
                if (record) {
                    p.changes.push_back({std::move(*record)});
                }
            }
        }
        return p;
    }
};

// The meta fields a kiosk may not set through `fields`, with the reason.
constexpr std::pair<std::string_view, std::string_view> kHubOwnedFields[] = {
    {"id", "is given by record_id"},
    {"revision", "is set by the hub"},
    {"updated", "is set by the hub"},
    {"deleted", "is not a field: send an edit with \"op\": \"delete\""},
};

// Checks the structure of an edit's `fields` by decoding them as a record of `kind` with the
// model's decoder (types, unknown fields). Required fields and limits are the hub's job
// (ValidateRecord on the merged record).
void CheckEditFields(const json& fields, RecordKind kind, const std::string& path,
                     std::vector<Problem>& problems, UnknownFields unknown) {
    json probe = json::object();
    for (const auto& [key, value] : fields.items()) {
        bool owned = false;
        for (const auto& [name, reason] : kHubOwnedFields) {
            if (key == name) {
                problems.push_back({path + "." + key, std::string(reason)});
                owned = true;
            }
        }
        if (!owned) {
            probe[key] = value;
        }
    }
    probe["updated"] = "2000-01-01T00:00:00Z";
    (void)RecordFromJson(kind, probe, path, problems, unknown);
}

Edit ReadEdit(Reader& r) {
    Edit e;
    e.edit_id = r.Uuid("edit_id", true, "made by the kiosk, unique per edit").value_or("");
    const auto op = r.String("op", 20, true, "\"create\", \"update\" or \"delete\"");
    bool op_ok = false;
    if (op) {
        if (*op == "create") {
            e.op = EditOp::kCreate;
            op_ok = true;
        } else if (*op == "update") {
            e.op = EditOp::kUpdate;
            op_ok = true;
        } else if (*op == "delete") {
            e.op = EditOp::kDelete;
            op_ok = true;
        } else {
            r.Report("op", "must be \"create\", \"update\" or \"delete\", not \"" + *op + "\"");
        }
    }
    const auto kind = ReadKind(r, "kind");
    e.kind = kind.value_or(RecordKind::kOffer);
    e.record_id = r.Uuid("record_id", true, "the record edited").value_or("");
    const auto base =
        r.Integer("base_revision", 0, INT64_MAX, false, "the hub revision the edit was made on");
    e.base_revision = base.value_or(0);
    if (op_ok && e.op != EditOp::kCreate && !base) {
        r.Report("base_revision",
                 "is required for \"" + *op + "\" (the hub revision the edit was made on)");
    } else if (op_ok && e.op != EditOp::kCreate && e.base_revision < 1) {
        r.Report("base_revision", "must be at least 1 (revisions on the hub start at 1)");
    } else if (op_ok && e.op == EditOp::kCreate && e.base_revision != 0) {
        r.Report("base_revision", "must be 0 or absent for \"create\"");
    }
    const json* fields = r.Get("fields");
    if (fields != nullptr && !fields->is_object()) {
        r.Report("fields", "must be an object of top-level record fields");
    } else if (fields != nullptr) {
        e.fields = *fields;
    }
    e.volunteer_id = r.Uuid("volunteer_id", true, "who made the edit").value_or("");
    e.made_at = r.Time("made_at", true, "when the edit was made").value_or(UtcTime{});
    e.resolves_conflict =
        r.Integer("resolves_conflict", 1, INT64_MAX, false, "a conflict id this edit settles");
    if (op_ok && kind && e.fields.is_object()) {
        if (e.op == EditOp::kDelete && !e.fields.empty()) {
            r.Report("fields", "must be empty for \"delete\"");
        } else if (e.op == EditOp::kUpdate && e.fields.empty() && !e.resolves_conflict) {
            r.Report("fields", "must name at least one field for \"update\"");
        } else if (e.op != EditOp::kDelete) {
            CheckEditFields(e.fields, *kind, r.PathOf("fields"), r.problems(), r.unknown());
        }
    }
    return e;
}

json WriteEdit(const Edit& e) {
    json j = {{"edit_id", e.edit_id},
              {"op", EditOpName(e.op)},
              {"kind", RecordKindName(e.kind)},
              {"record_id", e.record_id},
              {"fields", e.fields.is_object() ? e.fields : json::object()},
              {"volunteer_id", e.volunteer_id},
              {"made_at", FormatUtcTime(e.made_at)}};
    if (e.op != EditOp::kCreate) {
        j["base_revision"] = e.base_revision;
    }
    if (e.resolves_conflict) {
        j["resolves_conflict"] = *e.resolves_conflict;
    }
    return j;
}

template <>
struct Codec<PushRequest> {
    static json Write(const PushRequest& p) {
        json edits = json::array();
        for (const Edit& e : p.edits) {
            edits.push_back(WriteEdit(e));
        }
        return {{"edits", edits}};
    }
    static PushRequest Read(Reader& r) {
        PushRequest p;
        if (const json* list = r.Array("edits", true, "the edits of the outbox")) {
            if (list->empty()) {
                r.Report("edits", "needs at least one edit");
            }
            for (size_t i = 0; i < list->size(); ++i) {
                Reader er((*list)[i], Index(r.path(), "edits", i), r.problems(), r.unknown());
                if (!er.IsObject()) {
                    continue;
                }
                p.edits.push_back(ReadEdit(er));
                er.Finish();
            }
        }
        return p;
    }
};

json WriteAnswer(const EditAnswer& a) {
    json j = {{"edit_id", a.edit_id}, {"status", EditStatusName(a.status)}};
    if (a.status != EditStatus::kRejected) {
        j["revision"] = a.revision;
        if (a.record) {
            j["kind"] = RecordKindName(KindOf(*a.record));
            j["record"] = ToJson(*a.record);
        }
    }
    if (a.status == EditStatus::kConflict) {
        j["conflict_id"] = a.conflict_id;
        json list = json::array();
        for (const FieldConflict& c : a.conflicts) {
            list.push_back(
                {{"field", c.field}, {"base", c.base}, {"hub", c.hub}, {"kiosk", c.kiosk}});
        }
        j["conflicts"] = list;
    }
    if (a.status == EditStatus::kRejected && a.error) {
        j["error"] = ErrorInner(*a.error);
    }
    return j;
}

EditAnswer ReadAnswer(Reader& r) {
    EditAnswer a;
    a.edit_id = r.Uuid("edit_id", true, "the edit answered").value_or("");
    const auto status = r.String("status", 20, true, "applied, conflict or rejected");
    if (status == "applied") {
        a.status = EditStatus::kApplied;
    } else if (status == "conflict") {
        a.status = EditStatus::kConflict;
    } else if (status == "rejected") {
        a.status = EditStatus::kRejected;
    } else if (status) {
        r.Report("status", "must be \"applied\", \"conflict\" or \"rejected\"");
    }
    const bool rejected = status == "rejected";
    a.revision = r.Integer("revision", 0, INT64_MAX, status && !rejected, "the record's revision")
                     .value_or(0);
    if (r.Get("record") != nullptr) {
        if (const auto kind = ReadKind(r, "kind")) {
            a.record = ReadRecord(r, "record", *kind);
        }
    } else {
        r.Get("kind");
    }
    const bool conflict = status == "conflict";
    a.conflict_id =
        r.Integer("conflict_id", 1, INT64_MAX, conflict, "the moderation queue entry").value_or(0);
    if (const json* list = r.Array("conflicts", conflict, "the fields in conflict")) {
        for (size_t i = 0; i < list->size(); ++i) {
            Reader c((*list)[i], Index(r.path(), "conflicts", i), r.problems(), r.unknown());
            FieldConflict fc;
            fc.field = c.String("field", 100, true, "the top-level field").value_or("");
            for (const auto& [key, target] : {std::pair<const char*, json*>{"base", &fc.base},
                                              std::pair<const char*, json*>{"hub", &fc.hub},
                                              std::pair<const char*, json*>{"kiosk", &fc.kiosk}}) {
                if (const json* v = c.GetRaw(key)) {
                    *target = *v;
                }
            }
            c.Finish();
            a.conflicts.push_back(std::move(fc));
        }
    }
    const json* err = rejected ? r.Required("error", "why the edit was rejected") : r.Get("error");
    if (err != nullptr) {
        Reader er(*err, r.PathOf("error"), r.problems(), r.unknown());
        a.error = ReadErrorInner(er);
        er.Finish();
    }
    return a;
}

template <>
struct Codec<PushAnswer> {
    static json Write(const PushAnswer& p) {
        json list = json::array();
        for (const EditAnswer& a : p.results) {
            list.push_back(WriteAnswer(a));
        }
        return {{"results", list}};
    }
    static PushAnswer Read(Reader& r) {
        PushAnswer p;
        if (const json* list = r.Array("results", true, "one answer per edit")) {
            for (size_t i = 0; i < list->size(); ++i) {
                Reader ar((*list)[i], Index(r.path(), "results", i), r.problems(), r.unknown());
                if (!ar.IsObject()) {
                    continue;
                }
                p.results.push_back(ReadAnswer(ar));
                ar.Finish();
            }
        }
        return p;
    }
};

template <>
struct Codec<Heartbeat> {
    static json Write(const Heartbeat& h) {
        json j = {{"version", h.version},
                  {"cursor", h.cursor},
                  {"outbox", h.outbox},
                  {"free_disk_bytes", h.free_disk_bytes},
                  {"uptime_s", h.uptime_s}};
        if (!h.last_error.empty()) {
            j["last_error"] = h.last_error;
        }
        if (h.clock) {
            j["clock"] = FormatUtcTime(*h.clock);
        }
        return j;
    }
    static Heartbeat Read(Reader& r) {
        Heartbeat h;
        h.version =
            r.String("version", kMaxVersionChars, true, "kiosk software version").value_or("");
        h.cursor =
            r.String("cursor", kMaxCursorChars, true, "\"\" before the first sync").value_or("");
        h.outbox = r.Integer("outbox", 0, INT64_MAX, true, "edits waiting").value_or(0);
        h.last_error = r.String("last_error", kMaxLastErrorChars, false,
                                "the last sync error, \"\" = none", true)
                           .value_or("");
        h.free_disk_bytes =
            r.Integer("free_disk_bytes", 0, INT64_MAX, true, "free space on the data partition")
                .value_or(0);
        h.uptime_s = r.Integer("uptime_s", 0, INT64_MAX, true, "seconds since start").value_or(0);
        h.clock = r.Time("clock", false, "the kiosk's clock");
        return h;
    }
};

template <>
struct Codec<HeartbeatAnswer> {
    static json Write(const HeartbeatAnswer& h) {
        return {{"server_time", FormatUtcTime(h.server_time)},
                {"kiosk_id", h.kiosk_id},
                {"place_id", h.place_id}};
    }
    static HeartbeatAnswer Read(Reader& r) {
        HeartbeatAnswer h;
        h.server_time = r.Time("server_time", true, "the hub's clock").value_or(UtcTime{});
        h.kiosk_id = r.Uuid("kiosk_id", true, "this kiosk").value_or("");
        h.place_id = r.Uuid("place_id", true, "this kiosk's place").value_or("");
        return h;
    }
};

template <>
struct Codec<PairingRequest> {
    static json Write(const PairingRequest& p) {
        json j = {{"version", p.version}};
        if (!p.kiosk_name.empty()) {
            j["kiosk_name"] = p.kiosk_name;
        }
        return j;
    }
    static PairingRequest Read(Reader& r) {
        PairingRequest p;
        p.version =
            r.String("version", kMaxVersionChars, true, "kiosk software version").value_or("");
        p.kiosk_name =
            r.String("kiosk_name", kMaxKioskNameChars, false, "a name for the administrator")
                .value_or("");
        return p;
    }
};

template <>
struct Codec<PairingTicket> {
    static json Write(const PairingTicket& p) {
        return {{"code", p.code},
                {"secret", p.secret},
                {"expires_at", FormatUtcTime(p.expires_at)},
                {"poll_interval_s", p.poll_interval_s}};
    }
    static PairingTicket Read(Reader& r) {
        PairingTicket p;
        p.code = r.String("code", 20, true, "the code to show").value_or("");
        p.secret = r.String("secret", kMaxSecretChars, true, "sent with each poll").value_or("");
        p.expires_at = r.Time("expires_at", true, "when the code is void").value_or(UtcTime{});
        p.poll_interval_s = static_cast<int>(
            r.Integer("poll_interval_s", 1, 3600, true, "seconds between polls").value_or(5));
        return p;
    }
};

template <>
struct Codec<PairingPoll> {
    static json Write(const PairingPoll& p) { return {{"secret", p.secret}}; }
    static PairingPoll Read(Reader& r) {
        PairingPoll p;
        p.secret =
            r.String("secret", kMaxSecretChars, true, "from the pairing ticket").value_or("");
        return p;
    }
};

template <>
struct Codec<PairingPollAnswer> {
    static json Write(const PairingPollAnswer& p) {
        if (p.state == PairingState::kPending) {
            return {{"status", "pending"}};
        }
        return {{"status", "approved"},
                {"token", p.token},
                {"kiosk_id", p.kiosk_id},
                {"place_id", p.place_id}};
    }
    static PairingPollAnswer Read(Reader& r) {
        PairingPollAnswer p;
        const auto status = r.String("status", 20, true, "pending or approved");
        if (status == "approved") {
            p.state = PairingState::kApproved;
            p.token = r.String("token", kMaxSecretChars, true, "the device token").value_or("");
            p.kiosk_id = r.Uuid("kiosk_id", true, "this kiosk").value_or("");
            p.place_id = r.Uuid("place_id", true, "this kiosk's place").value_or("");
        } else if (status && *status != "pending") {
            r.Report("status", "must be \"pending\" or \"approved\"");
        }
        return p;
    }
};

template <>
struct Codec<VolunteerList> {
    static json Write(const VolunteerList& v) {
        json list = json::array();
        for (const VolunteerAccount& a : v.volunteers) {
            list.push_back({{"id", a.id},
                            {"name", a.name},
                            {"role", VolunteerRoleName(a.role)},
                            {"places", a.places},
                            {"organizations", a.organizations},
                            {"verifier", a.verifier}});
        }
        return {{"place_id", v.place_id}, {"volunteers", list}};
    }
    static VolunteerList Read(Reader& r) {
        VolunteerList v;
        v.place_id = r.Uuid("place_id", true, "the kiosk's place").value_or("");
        if (const json* list = r.Array("volunteers", true, "the volunteers of this place")) {
            for (size_t i = 0; i < list->size(); ++i) {
                Reader a((*list)[i], Index(r.path(), "volunteers", i), r.problems(), r.unknown());
                VolunteerAccount acc;
                acc.id = a.Uuid("id", true, "the volunteer").value_or("");
                acc.name = a.String("name", 120, true, "shown after login").value_or("");
                const auto role = a.String("role", 20, true, "volunteer or coordinator");
                if (role) {
                    const auto parsed = VolunteerRoleFromName(*role);
                    if (!parsed) {
                        a.Report("role", "must be \"volunteer\" or \"coordinator\"");
                    }
                    acc.role = parsed.value_or(VolunteerRole::kVolunteer);
                }
                acc.places =
                    a.UuidList("places", true, "place ids").value_or(std::vector<std::string>{});
                acc.organizations = a.UuidList("organizations", false, "organization ids")
                                        .value_or(std::vector<std::string>{});
                acc.verifier =
                    a.String("verifier", 512, true, "the Argon2id PIN verifier").value_or("");
                if (!acc.verifier.empty() && acc.verifier.rfind("$argon2id$", 0) != 0) {
                    a.Report("verifier", "must be an Argon2id verifier (\"$argon2id$…\")");
                }
                a.Finish();
                v.volunteers.push_back(std::move(acc));
            }
        }
        return v;
    }
};

template <>
struct Codec<HealthAnswer> {
    static json Write(const HealthAnswer& h) {
        return {{"status", h.status}, {"version", h.version}, {"api", h.api}};
    }
    static HealthAnswer Read(Reader& r) {
        HealthAnswer h;
        h.status = r.String("status", 20, true, "\"ok\"").value_or("");
        h.version = r.String("version", kMaxVersionChars, true, "hub version").value_or("");
        h.api = r.String("api", 10, true, "\"v1\"").value_or("");
        return h;
    }
};

bool DepthOk(const json& j, int depth_left) {
    if (!j.is_structured()) {
        return true;
    }
    if (depth_left <= 0) {
        return false;
    }
    for (const auto& item : j) {
        if (!DepthOk(item, depth_left - 1)) {
            return false;
        }
    }
    return true;
}

}  // namespace

bool WithinDepth(const json& json_value, int max_depth) {
    return DepthOk(json_value, max_depth);
}

std::string_view EditOpName(EditOp op) {
    switch (op) {
        case EditOp::kCreate:
            return "create";
        case EditOp::kUpdate:
            return "update";
        case EditOp::kDelete:
            return "delete";
    }
    return "?";
}

std::string_view EditStatusName(EditStatus status) {
    switch (status) {
        case EditStatus::kApplied:
            return "applied";
        case EditStatus::kConflict:
            return "conflict";
        case EditStatus::kRejected:
            return "rejected";
    }
    return "?";
}

std::string_view VolunteerRoleName(VolunteerRole role) {
    return role == VolunteerRole::kCoordinator ? "coordinator" : "volunteer";
}

std::optional<VolunteerRole> VolunteerRoleFromName(std::string_view name) {
    if (name == "volunteer") {
        return VolunteerRole::kVolunteer;
    }
    if (name == "coordinator") {
        return VolunteerRole::kCoordinator;
    }
    return std::nullopt;
}

template <class M>
json ToJsonValue(const M& message) {
    return Codec<M>::Write(message);
}

template <class M>
std::string Encode(const M& message) {
    return Codec<M>::Write(message).dump(-1, ' ', false, json::error_handler_t::replace);
}

template <class M>
Result<M> DecodeJson(const json& value, std::vector<Problem>& problems, UnknownFields unknown) {
    const size_t before = problems.size();
    try {
        if (!WithinDepth(value, kMaxJsonDepth)) {
            problems.push_back(
                {"", "is nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"});
            return Fail(std::string(errors::kInvalid), problems.back().ToString());
        }
        Reader r(value, "", problems, unknown);
        if (!r.IsObject()) {
            return Fail(std::string(errors::kInvalid), "the body must be a JSON object");
        }
        M message = Codec<M>::Read(r);
        r.Finish();
        if (problems.size() != before) {
            return Fail(std::string(errors::kInvalid),
                        std::to_string(problems.size() - before) +
                            " problem(s): " + problems[before].ToString());
        }
        return message;
    } catch (const std::exception& e) {
        problems.push_back({"", std::string("cannot be decoded: ") + e.what()});
        return Fail(std::string(errors::kInvalid), problems.back().ToString());
    }
}

template <class M>
Result<M> Decode(std::string_view text, std::vector<Problem>& problems, UnknownFields unknown) {
    try {
        if (!IsValidUtf8(text)) {
            problems.push_back({"", "is not valid UTF-8"});
            return Fail(std::string(errors::kInvalidUtf8), "the body is not valid UTF-8");
        }
        const json value = ParseJsonText(text, problems);
        if (value.is_discarded()) {
            return Fail(std::string(errors::kMalformedJson), problems.back().ToString());
        }
        return DecodeJson<M>(value, problems, unknown);
    } catch (const std::exception& e) {
        problems.push_back({"", std::string("cannot be decoded: ") + e.what()});
        return Fail(std::string(errors::kInvalid), problems.back().ToString());
    }
}

#define TP_PROTOCOL_MESSAGE(M)                                                           \
    template json ToJsonValue<M>(const M&);                                              \
    template std::string Encode<M>(const M&);                                            \
    template Result<M> DecodeJson<M>(const json&, std::vector<Problem>&, UnknownFields); \
    template Result<M> Decode<M>(std::string_view, std::vector<Problem>&, UnknownFields);

TP_PROTOCOL_MESSAGE(ApiError)
TP_PROTOCOL_MESSAGE(PullPage)
TP_PROTOCOL_MESSAGE(PushRequest)
TP_PROTOCOL_MESSAGE(PushAnswer)
TP_PROTOCOL_MESSAGE(Heartbeat)
TP_PROTOCOL_MESSAGE(HeartbeatAnswer)
TP_PROTOCOL_MESSAGE(PairingRequest)
TP_PROTOCOL_MESSAGE(PairingTicket)
TP_PROTOCOL_MESSAGE(PairingPoll)
TP_PROTOCOL_MESSAGE(PairingPollAnswer)
TP_PROTOCOL_MESSAGE(VolunteerList)
TP_PROTOCOL_MESSAGE(HealthAnswer)

#undef TP_PROTOCOL_MESSAGE

}  // namespace treffpunkt::protocol
