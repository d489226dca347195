#include "kiosk/app/volunteer_session.hpp"

#include <algorithm>
#include <filesystem>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "kiosk/app/actions.hpp"
#include "kiosk/app/offer_form.hpp"
#include "kiosk/app/record_edit.hpp"
#include "kiosk/app/schedule_text.hpp"
#include "sync/model/validation.hpp"
#include "sync/protocol/api.hpp"
#include "sync/protocol/authorization.hpp"
#include "sync/protocol/pin.hpp"
#include "sync/replica/database.hpp"
#include "sync/replica/local_edits.hpp"

namespace treffpunkt {

using nlohmann::json;

namespace {

constexpr size_t kMaxPinDigits = 12;

std::string LockFileBeside(KioskApp& app) {
    Replica* replica = app.ReplicaOrNull();
    if (replica == nullptr) {
        return {};
    }
    const std::string& db = replica->db().path();
    if (db.empty() || db == ":memory:") {
        return {};
    }
    return (std::filesystem::path(db).parent_path() / "volunteer-pin-lock.json").string();
}

UtcTime WallNow() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

// A field's value as the answers screen shows it, in `lang`.
std::string ValueText(const KioskApp& app, const std::string& field, const json& value,
                      const std::string& lang) {
    if (value.is_null()) {
        return "—";
    }
    if (value.is_string()) {
        const std::string& s = value.get_ref<const std::string&>();
        if (const TaxonomyTerm* term = app.Term(s)) {
            return term->name.Get(lang);
        }
        return s;
    }
    if (value.is_boolean()) {
        return app.Tr(value.get<bool>() ? "volunteer.value.yes" : "volunteer.value.no");
    }
    if (value.is_array()) {
        std::string out;
        for (const json& item : value) {
            out += (out.empty() ? "" : ", ") + ValueText(app, field, item, lang);
        }
        return out.empty() ? "—" : out;
    }
    if (value.is_object()) {
        if (field == "schedule") {
            std::vector<Problem> problems;
            const Schedule s = ScheduleFromJson(value, "", problems, UnknownFields::kIgnore);
            if (problems.empty()) {
                std::string text = ScheduleSentence(s, lang);
                const std::string closures = ClosuresText(s, Date{}, lang);
                return closures.empty() ? text : text + "\n" + closures;
            }
        } else if (value.contains("de") || value.contains(lang)) {
            const json& text = value.contains(lang) ? value[lang] : value["de"];
            if (text.is_string()) {
                return text.get<std::string>();
            }
        }
    }
    return value.dump();
}

LocalizedText TitleOf(const AnyRecord& record) {
    const json j = ToJson(record);
    for (const char* key : {"title", "name"}) {
        if (j.contains(key)) {
            if (j[key].is_object()) {
                LocalizedText text;
                for (const auto& [lang, value] : j[key].items()) {
                    if (value.is_string()) {
                        text.by_lang[lang] = value.get<std::string>();
                    }
                }
                return text;
            }
            if (j[key].is_string()) {
                return Text(j[key].get<std::string>());
            }
        }
    }
    if (j.contains("first_name") && j["first_name"].is_string()) {
        return Text(j["first_name"].get<std::string>());
    }
    return {};
}

}  // namespace

VolunteerSession::VolunteerSession(KioskApp& app, std::string lock_file)
    : m_app(app), m_guard(lock_file.empty() ? LockFileBeside(app) : std::move(lock_file)) {
    // A damaged file counts as a lock (LoginGuard); an unreadable one leaves a fresh state.
    (void)m_guard.Load(WallNow());
}

VolunteerSession::~VolunteerSession() {
    if (m_check.valid()) {
        m_check.wait();
    }
}

void VolunteerSession::Say(std::string key, std::string detail, bool error) {
    AppState& state = m_app.State();
    state.volunteer.message = VolunteerMessage{std::move(key), std::move(detail), error};
    ++state.generation;
}

// --- PIN pad ---------------------------------------------------------------------------------

void VolunteerSession::TypeDigit(char digit) {
    VolunteerState& v = m_app.State().volunteer;
    if (v.checking || digit < '0' || digit > '9' || v.pin.size() >= kMaxPinDigits) {
        return;
    }
    v.pin += digit;
    v.message = {};
    ++m_app.State().generation;
}

void VolunteerSession::DeleteDigit() {
    VolunteerState& v = m_app.State().volunteer;
    if (!v.pin.empty()) {
        v.pin.pop_back();
        ++m_app.State().generation;
    }
}

int VolunteerSession::LockMinutesLeft(UtcTime now) const {
    const auto s = m_guard.Remaining(now).count();
    return static_cast<int>((s + 59) / 60);
}

void VolunteerSession::SubmitPin(UtcTime now) {
    VolunteerState& v = m_app.State().volunteer;
    if (Checking() || v.checking) {
        return;
    }
    if (m_guard.Locked(now)) {
        v.pin.clear();
        Say("volunteer.login.locked", std::to_string(LockMinutesLeft(now)), true);
        return;
    }
    if (!protocol::PinProblem(v.pin).empty()) {
        Say("volunteer.login.too_short", std::to_string(protocol::kMinPinDigits), true);
        return;
    }
    Replica* replica = m_app.ReplicaOrNull();
    auto volunteers =
        replica != nullptr
            ? SyncStore(*replica).Volunteers()
            : Result<std::vector<VolunteerEntry>>(Fail("replica.missing", "no local database"));
    if (!volunteers || volunteers->empty()) {
        v.pin.clear();
        Say("volunteer.login.no_volunteers", volunteers ? "" : volunteers.error().message, true);
        return;
    }
    m_checked = std::move(*volunteers);
    std::vector<std::string> verifiers;
    verifiers.reserve(m_checked.size());
    for (const VolunteerEntry& e : m_checked) {
        verifiers.push_back(e.verifier);
    }
    std::string pin = std::move(v.pin);
    v.pin.clear();  // the dots go at once
    v.checking = true;
    Say("volunteer.login.checking");
    m_check = std::async(std::launch::async,
                         [verifiers = std::move(verifiers), pin = std::move(pin)]() mutable {
                             CheckResult result;
                             for (size_t i = 0; i < verifiers.size(); ++i) {
                                 if (protocol::VerifyPin(verifiers[i], pin)) {
                                     result.index = static_cast<int>(i);
                                     break;
                                 }
                             }
                             pin.assign(pin.size(), '\0');
                             return result;
                         });
}

bool VolunteerSession::Poll(UtcTime now) {
    if (!m_check.valid()) {
        return false;
    }
    if (m_check.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        return true;
    }
    const CheckResult result = m_check.get();
    AppState& state = m_app.State();
    // A reset while the PIN was checked (idle, "Start") drops the login, never the count.
    const bool wanted = state.volunteer.checking;
    state.volunteer.checking = false;
    ++state.generation;
    std::optional<protocol::VolunteerAccount> account;
    if (result.index >= 0 && static_cast<size_t>(result.index) < m_checked.size()) {
        (void)m_guard.RecordSuccess();
        account = AccountFromEntry(m_checked[static_cast<size_t>(result.index)]);
        m_checked.clear();
        if (!wanted) {
            return false;
        }
        if (!account) {
            Say("volunteer.login.damaged", {}, true);
            return false;
        }
        account->verifier.clear();  // the screen state needs no verifier
        state.volunteer.account = std::move(account);
        state.volunteer.message = {};
        if (state.Current().screen == Screen::kVolunteerLogin && state.history.size() > 1) {
            state.history.pop_back();  // "Zurück" from the volunteer's screen skips the pad
        }
        Navigate(state, ScreenRef{Screen::kVolunteerHome, {}});
        return false;
    }
    m_checked.clear();
    (void)m_guard.RecordWrongPin(now);
    if (!wanted) {
        return false;
    }
    if (m_guard.Locked(now)) {
        Say("volunteer.login.locked", std::to_string(LockMinutesLeft(now)), true);
    } else {
        Say("volunteer.login.wrong", std::to_string(m_guard.AttemptsLeft()), true);
    }
    return false;
}

// --- Editing ---------------------------------------------------------------------------------

const protocol::VolunteerAccount* VolunteerSession::Account() const {
    const auto& account = m_app.State().volunteer.account;
    return account ? &*account : nullptr;
}

std::optional<std::string> VolunteerSession::WhyNotEditable(const AnyRecord& record) const {
    const protocol::VolunteerAccount* account = Account();
    if (account == nullptr) {
        return "not logged in";
    }
    return protocol::WhyNotEditable(*account, record);
}

std::optional<AnyRecord> VolunteerSession::Load(std::string_view id) {
    Replica* replica = m_app.ReplicaOrNull();
    if (replica == nullptr) {
        return std::nullopt;
    }
    auto record = replica->Get(id);
    if (!record || !*record || MetaOf(**record).deleted) {
        return std::nullopt;
    }
    return **record;
}

bool VolunteerSession::BeginEdit(const std::string& record_id, UtcTime now) {
    (void)now;
    const auto record = Load(record_id);
    if (!record ||
        !(std::holds_alternative<Offer>(*record) || std::holds_alternative<Contact>(*record) ||
          std::holds_alternative<Helper>(*record))) {
        Say("volunteer.error.not_found", {}, true);
        return false;
    }
    if (auto why = WhyNotEditable(*record)) {
        Say("volunteer.error.not_allowed", *why, true);
        return false;
    }
    AppState& state = m_app.State();
    if (const auto* offer = std::get_if<Offer>(&*record)) {
        state.volunteer.form = FormFromOffer(*offer);
    } else if (const auto* contact = std::get_if<Contact>(&*record)) {
        state.volunteer.form = FormFromContact(*contact);
    } else {
        state.volunteer.form = FormFromHelper(std::get<Helper>(*record));
    }
    state.volunteer.message = {};
    Navigate(state, ScreenRef{Screen::kOfferEdit, record_id});
    return true;
}

bool VolunteerSession::BeginCreate(UtcTime now, std::string_view kind) {
    const protocol::VolunteerAccount* account = Account();
    if (account == nullptr || account->places.empty()) {
        Say("volunteer.error.no_place", {}, true);
        return false;
    }
    const std::string& kiosk_place = m_app.Config().place_id;
    EditForm form;
    form.kind = std::string(kind);
    form.creating = true;
    form.record_id = NewUuid();
    form.place_id = std::find(account->places.begin(), account->places.end(), kiosk_place) !=
                            account->places.end()
                        ? kiosk_place
                        : account->places.front();
    if (account->role == protocol::VolunteerRole::kVolunteer && !account->organizations.empty() &&
        kind != "helpers") {
        form.organization_id = account->organizations.front();
    }
    form.languages = {"de"};
    const Date today = BerlinDate(now);
    form.schedule.weekdays = {IsoWeekdayIndex(today)};
    form.schedule.start_date = today;
    if (kind == "helpers") {
        if (const Place* place = m_app.FindPlace(form.place_id)) {
            form.districts = {place->district};
            form.coordinator_contact_id = place->contact_id;  // the place's own contact
        }
    }
    AppState& state = m_app.State();
    state.volunteer.form = std::move(form);
    state.volunteer.message = {};
    Navigate(state, ScreenRef{Screen::kOfferEdit, state.volunteer.form.record_id});
    return true;
}

bool VolunteerSession::SaveEdit(const std::optional<AnyRecord>& before, const AnyRecord& after,
                                UtcTime now, std::vector<Problem>& problems,
                                std::optional<std::int64_t> resolves,
                                std::optional<std::int64_t> base_revision) {
    const protocol::VolunteerAccount* account = Account();
    Replica* replica = m_app.ReplicaOrNull();
    if (account == nullptr || replica == nullptr) {
        Say("volunteer.error.not_logged_in", {}, true);
        return false;
    }
    auto entry = PrepareEdit(*replica, *account, before, after, now, problems);
    if (!entry) {
        const std::string& code = entry.error().code;
        if (code == "edit.invalid") {
            Say("volunteer.save.check_fields", {}, true);
        } else if (code == "edit.not_allowed") {
            Say("volunteer.error.not_allowed", entry.error().message, true);
        } else if (code == "edit.unchanged") {
            Say("volunteer.save.unchanged");
        } else {
            Say("volunteer.save.failed", entry.error().message, true);
        }
        return false;
    }
    entry->resolves_conflict = resolves;
    if (base_revision) {
        entry->base_revision = *base_revision;
    }
    if (auto saved = LocalEdits(*replica).Save(*entry, now); !saved) {
        Say("volunteer.save.failed", saved.error().message, true);
        return false;
    }
    Saved(now);
    return true;
}

void VolunteerSession::Saved(UtcTime now) {
    ++m_saves;
    m_app.ReloadData(now);
    m_app.RequestSync();
}

bool VolunteerSession::SaveForm(UtcTime now) {
    AppState& state = m_app.State();
    EditForm& form = state.volunteer.form;
    const Date today = BerlinDate(now);
    std::optional<AnyRecord> before;
    if (!form.creating) {
        before = Load(form.record_id);
        if (!before) {
            Say("volunteer.error.not_found", {}, true);
            return false;
        }
    }
    // The record the form describes, on top of the one it was opened with (or a new one).
    std::optional<AnyRecord> after;
    if (form.kind == "offers") {
        Offer base;
        if (before && std::holds_alternative<Offer>(*before)) {
            base = std::get<Offer>(*before);
        } else {
            base.meta.id = form.record_id;
            base.place_id = form.place_id;
            base.organization_id = form.organization_id;
            base.meta.last_checked = today;
        }
        after = OfferFromForm(form, base, today);
    } else if (form.kind == "contacts") {
        Contact base;
        if (before && std::holds_alternative<Contact>(*before)) {
            base = std::get<Contact>(*before);
        } else {
            base.meta.id = form.record_id;
            base.place_id = form.place_id;
            base.organization_id = form.organization_id;
            base.meta.last_checked = today;
        }
        after = ContactFromForm(form, base);
    } else if (form.kind == "helpers") {
        Helper base;
        if (before && std::holds_alternative<Helper>(*before)) {
            base = std::get<Helper>(*before);
        } else {
            base.meta.id = form.record_id;
            base.place_id = form.place_id;
            base.meta.last_checked = today;
        }
        after = HelperFromForm(form, base, today);
    }
    if (!after || (before && KindOf(*before) != KindOf(*after))) {
        Say("volunteer.error.not_found", {}, true);
        return false;
    }
    form.problems = form.kind == "offers" ? ScheduleProblems(form) : std::vector<FieldProblem>{};
    if (!form.problems.empty()) {
        Say("volunteer.save.check_fields", {}, true);
        return false;
    }
    std::vector<Problem> problems;
    if (!SaveEdit(before, *after, now, problems)) {
        form.problems = FieldProblems(problems);
        return false;
    }
    const std::string id = form.record_id;
    const std::string kind = form.kind;
    const bool created = form.creating;
    state.volunteer.form = {};
    state.volunteer.focus.clear();
    state.keyboard.visible = false;
    state.keyboard.mode = KeyboardMode::kText;
    if (state.history.size() > 1) {
        state.history.pop_back();  // the form
    }
    if (created) {
        const Screen detail = kind == "contacts"  ? Screen::kContact
                              : kind == "helpers" ? Screen::kHelper
                                                  : Screen::kOffer;
        Navigate(state, ScreenRef{detail, id});
    }
    Say("volunteer.save.done");
    return true;
}

bool VolunteerSession::ConfirmStillCorrect(const std::string& record_id, UtcTime now) {
    const auto before = Load(record_id);
    if (!before) {
        Say("volunteer.error.not_found", {}, true);
        return false;
    }
    const Date today = BerlinDate(now);
    if (MetaOf(*before).last_checked == today) {
        Say("volunteer.confirm.already");
        return true;
    }
    std::vector<Problem> problems;
    if (!SaveEdit(before, ConfirmedOn(*before, today), now, problems)) {
        return false;
    }
    Say("volunteer.confirm.done");
    return true;
}

bool VolunteerSession::Pause(const std::string& offer_id, Date from, Date until, UtcTime now) {
    const auto before = Load(offer_id);
    if (!before || !std::holds_alternative<Offer>(*before)) {
        Say("volunteer.error.not_found", {}, true);
        return false;
    }
    if (until < from) {
        Say("volunteer.pause.until_before_from", {}, true);
        return false;
    }
    auto paused = Paused(std::get<Offer>(*before), from, until, LocalizedText{});
    if (!paused) {
        Say("volunteer.pause.no_schedule", {}, true);
        return false;
    }
    std::vector<Problem> problems;
    if (!SaveEdit(before, AnyRecord{*paused}, now, problems)) {
        return false;
    }
    VolunteerState& v = m_app.State().volunteer;
    v.pause_offer.clear();
    v.pause_from.reset();
    v.pause_until.reset();
    Say("volunteer.pause.done");
    return true;
}

bool VolunteerSession::Retire(const std::string& offer_id, UtcTime now) {
    const auto before = Load(offer_id);
    if (!before || !std::holds_alternative<Offer>(*before)) {
        Say("volunteer.error.not_found", {}, true);
        return false;
    }
    std::vector<Problem> problems;
    if (!SaveEdit(before, AnyRecord{Retired(std::get<Offer>(*before))}, now, problems)) {
        return false;
    }
    m_app.State().volunteer.confirm_retire.clear();
    Say("volunteer.retire.done");
    return true;
}

bool VolunteerSession::Remove(const std::string& record_id, UtcTime now) {
    const auto before = Load(record_id);
    if (!before) {
        Say("volunteer.error.not_found", {}, true);
        return false;
    }
    AnyRecord tombstone = *before;
    std::visit(
        [&](auto& r) {
            using T = std::decay_t<decltype(r)>;
            T empty;
            empty.meta.id = r.meta.id;
            empty.meta.revision = r.meta.revision;
            empty.meta.deleted = true;
            r = std::move(empty);
        },
        tombstone);
    std::vector<Problem> problems;
    if (!SaveEdit(before, tombstone, now, problems)) {
        return false;
    }
    m_app.State().volunteer.confirm_retire.clear();
    Say("volunteer.remove.done");
    return true;
}

bool VolunteerSession::HasPendingEdit(std::string_view record_id) {
    const SyncStatus& sync = m_app.Sync();
    const std::string key = std::to_string(m_saves) + "/" + std::to_string(sync.edits_waiting) +
                            "/" + std::to_string(sync.edits_answered) + "/" +
                            std::to_string(sync.data_version);
    if (key != m_pending_key) {
        m_pending_key = key;
        m_pending.clear();
        if (Replica* replica = m_app.ReplicaOrNull()) {
            if (auto ids = LocalEdits(*replica).RecordsWithPendingEdits()) {
                for (const auto& [id, kind] : *ids) {
                    m_pending.insert(id);
                }
            }
        }
    }
    return m_pending.find(record_id) != m_pending.end();
}

// --- Answers ---------------------------------------------------------------------------------

std::vector<AnsweredEdit> VolunteerSession::Answers() {
    std::vector<AnsweredEdit> out;
    Replica* replica = m_app.ReplicaOrNull();
    if (replica == nullptr) {
        return out;
    }
    auto all = SyncStore(*replica).All();
    if (!all) {
        return out;
    }
    const std::string& lang = m_app.State().language;
    for (const OutboxEntry& e : *all) {
        if (e.state == OutboxState::kPending) {
            continue;
        }
        AnsweredEdit a;
        a.edit_id = e.edit_id;
        a.record_id = e.record_id;
        a.kind = e.kind;
        a.made_at = e.made_at;
        a.volunteer_id = e.volunteer_id;
        a.conflict = e.state == OutboxState::kConflict;
        if (const auto record = Load(e.record_id)) {
            a.title = TitleOf(*record);
        }
        const json answer = json::parse(e.answer_json, nullptr, false);
        if (answer.is_object()) {
            a.conflict_id = answer.value("conflict_id", std::int64_t{0});
            a.revision = answer.value("revision", std::int64_t{0});
            json mine = json::object();
            if (answer.contains("conflicts") && answer["conflicts"].is_array()) {
                for (const json& c : answer["conflicts"]) {
                    if (!c.is_object() || !c.contains("field") || !c["field"].is_string()) {
                        continue;
                    }
                    const std::string field = c["field"].get<std::string>();
                    const json hub = c.value("hub", json());
                    const json kiosk = c.value("kiosk", json());
                    a.fields.push_back({field, ValueText(m_app, field, hub, lang),
                                        ValueText(m_app, field, kiosk, lang)});
                    mine[field] = kiosk;
                }
            }
            a.mine_fields_json = mine.dump();
            if (answer.contains("error") && answer["error"].is_object()) {
                a.reason_code = answer["error"].value("code", std::string());
                a.reason = answer["error"].value("message", std::string());
            }
        }
        out.push_back(std::move(a));
    }
    return out;
}

bool VolunteerSession::TakeMine(const std::string& edit_id, UtcTime now) {
    for (const AnsweredEdit& a : Answers()) {
        if (a.edit_id != edit_id || !a.conflict) {
            continue;
        }
        const auto before = Load(a.record_id);
        const auto kind = RecordKindFromName(a.kind);
        if (!before || !kind) {
            Say("volunteer.error.not_found", {}, true);
            return false;
        }
        json merged = ToJson(*before);
        const json mine = json::parse(a.mine_fields_json, nullptr, false);
        for (const auto& [field, value] : mine.items()) {
            if (value.is_null()) {
                merged.erase(field);
            } else {
                merged[field] = value;
            }
        }
        std::vector<Problem> problems;
        const AnyRecord after = RecordFromJson(*kind, merged, "", problems, UnknownFields::kIgnore);
        if (!problems.empty()) {
            Say("volunteer.save.failed", problems.front().ToString(), true);
            return false;
        }
        if (!SaveEdit(before, after, now, problems, a.conflict_id, a.revision)) {
            if (m_app.State().volunteer.message.key != "volunteer.save.unchanged") {
                return false;
            }
            // This kiosk shows the volunteer's values already: the resolution carries them
            // anyway, so that the hub takes them.
            OutboxEntry entry;
            entry.edit_id = NewUuid();
            entry.op = "update";
            entry.kind = a.kind;
            entry.record_id = a.record_id;
            entry.base_revision = a.revision;
            entry.fields_json = a.mine_fields_json;
            entry.volunteer_id = Account() != nullptr ? Account()->id : a.volunteer_id;
            entry.made_at = now;
            entry.resolves_conflict = a.conflict_id;
            if (auto saved = LocalEdits(*m_app.ReplicaOrNull()).Save(entry, now); !saved) {
                Say("volunteer.save.failed", saved.error().message, true);
                return false;
            }
            Saved(now);
        }
        (void)SyncStore(*m_app.ReplicaOrNull()).Acknowledge(edit_id);
        m_app.State().volunteer.open_answer.clear();
        Say("volunteer.answers.took_mine");
        return true;
    }
    Say("volunteer.error.not_found", {}, true);
    return false;
}

bool VolunteerSession::TakeCentral(const std::string& edit_id, UtcTime now) {
    const protocol::VolunteerAccount* account = Account();
    Replica* replica = m_app.ReplicaOrNull();
    if (account == nullptr || replica == nullptr) {
        Say("volunteer.error.not_logged_in", {}, true);
        return false;
    }
    for (const AnsweredEdit& a : Answers()) {
        if (a.edit_id != edit_id || !a.conflict) {
            continue;
        }
        OutboxEntry entry;
        entry.edit_id = NewUuid();
        entry.op = "update";
        entry.kind = a.kind;
        entry.record_id = a.record_id;
        entry.base_revision = a.revision;
        entry.fields_json = "{}";  // nothing changes; the conflict closes
        entry.volunteer_id = account->id;
        entry.made_at = now;
        entry.resolves_conflict = a.conflict_id;
        if (auto saved = LocalEdits(*replica).Save(entry, now); !saved) {
            Say("volunteer.save.failed", saved.error().message, true);
            return false;
        }
        Saved(now);
        (void)SyncStore(*replica).Acknowledge(edit_id);
        m_app.State().volunteer.open_answer.clear();
        Say("volunteer.answers.took_central");
        return true;
    }
    Say("volunteer.error.not_found", {}, true);
    return false;
}

bool VolunteerSession::Dismiss(const std::string& edit_id) {
    Replica* replica = m_app.ReplicaOrNull();
    if (replica == nullptr) {
        return false;
    }
    if (auto r = SyncStore(*replica).Acknowledge(edit_id); !r) {
        Say("volunteer.save.failed", r.error().message, true);
        return false;
    }
    ++m_saves;
    m_app.State().volunteer.open_answer.clear();
    ++m_app.State().generation;
    return true;
}

}  // namespace treffpunkt
