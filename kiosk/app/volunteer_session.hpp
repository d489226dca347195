// Volunteers on the kiosk: the PIN check (Argon2id, off the UI thread) with the pad's lock,
// and the edits a logged-in volunteer makes (offer form, "Stimmt noch", pause, retire, taking
// one side of a conflict). Every edit is checked by PrepareEdit and saved by LocalEdits::Save
// (record and outbox entry in one transaction), then the sync engine is asked to send it.
// What the screens show lives in AppState::volunteer; this class holds what cannot (the
// running check, the lock file). No ImGui.
//
// Thread: the UI thread, like KioskApp; only the PIN check runs on a thread of its own, with
// copies of the verifiers (it never touches the replica).
#pragma once

#include <chrono>
#include <cstdint>
#include <future>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/login_guard.hpp"
#include "sync/replica/sync_store.hpp"

namespace treffpunkt {

// A conflict or rejection the hub answered for one of this kiosk's edits.
struct AnsweredEdit {
    struct Field {
        std::string field;  // top-level field, e.g. "schedule"
        std::string hub;    // the central version (kept), as text for the screen
        std::string mine;   // what the edit wanted, as text
    };
    std::string edit_id;
    std::string record_id;
    std::string kind;  // "offers", …
    LocalizedText title;
    bool conflict{false};          // else rejected
    std::int64_t conflict_id{0};   // conflict: its id in the hub's queue
    std::int64_t revision{0};      // conflict: the record's revision on the hub
    std::vector<Field> fields;     // conflict: the fields that wait
    std::string mine_fields_json;  // conflict: the edit's values of those fields (JSON object)
    std::string reason_code;       // rejected: the hub's error code
    std::string reason;            // rejected: the hub's words (English)
    UtcTime made_at{};
    std::string volunteer_id;
};

class VolunteerSession {
  public:
    // `lock_file` keeps the pad's lock ("" = beside the replica's database; memory only when
    // the replica has no file).
    explicit VolunteerSession(KioskApp& app, std::string lock_file = {});
    ~VolunteerSession();  // waits for a running check (at most one PIN's cost)
    VolunteerSession(const VolunteerSession&) = delete;
    VolunteerSession& operator=(const VolunteerSession&) = delete;

    // --- PIN pad ---------------------------------------------------------------------------
    void TypeDigit(char digit);  // at most 12 digits
    void DeleteDigit();
    // "OK": refuses a short PIN or a locked pad with a message, else starts the check off
    // the UI thread. The digits leave the screen at once.
    void SubmitPin(UtcTime now);
    // Call every frame: takes the check's result when it is ready (login, or a wrong PIN
    // counted by the lock). Returns true while a check runs (the loop keeps drawing).
    bool Poll(UtcTime now);
    bool Checking() const { return m_check.valid(); }
    bool Locked(UtcTime now) const { return m_guard.Locked(now); }
    // Whole minutes left of the lock, rounded up.
    int LockMinutesLeft(UtcTime now) const;
    const LoginGuard& Guard() const { return m_guard; }

    // --- Editing ---------------------------------------------------------------------------
    const protocol::VolunteerAccount* Account() const;
    // nullopt if the logged-in volunteer may edit the record; else why not (English). Not
    // logged in: "not logged in".
    std::optional<std::string> WhyNotEditable(const AnyRecord& record) const;
    // Fills the form with the offer, contact or helper and opens it; false (with a message)
    // if it may not be edited or is not there.
    bool BeginEdit(const std::string& record_id, UtcTime now);
    // An empty form for a new record of `kind` ("offers", "contacts", "helpers") at the
    // volunteer's place (the kiosk's, if it is theirs).
    bool BeginCreate(UtcTime now, std::string_view kind = "offers");
    // "Speichern": checks the form; with problems they go to the fields and nothing is
    // saved; else the edit is saved, sent, and the form closes. True if saved.
    bool SaveForm(UtcTime now);
    // "Nicht mehr anzeigen" for a helper or contact: a deletion (the hub refuses it while
    // other records refer to it, and says so).
    bool Remove(const std::string& record_id, UtcTime now);
    // The one-tap edits on an offer's detail screen; each says what happened in the message.
    bool ConfirmStillCorrect(const std::string& record_id, UtcTime now);
    bool Pause(const std::string& offer_id, Date from, Date until, UtcTime now);
    bool Retire(const std::string& offer_id, UtcTime now);

    // True while the record has edits the hub has not applied yet ("wird übertragen").
    bool HasPendingEdit(std::string_view record_id);

    // --- Answers ---------------------------------------------------------------------------
    // Conflicts and rejections for this kiosk's edits, oldest first.
    std::vector<AnsweredEdit> Answers();
    // Settles a conflict with the volunteer's values (a new edit with resolves_conflict), or
    // with the central ones (an empty edit with resolves_conflict); then it leaves the list.
    bool TakeMine(const std::string& edit_id, UtcTime now);
    bool TakeCentral(const std::string& edit_id, UtcTime now);
    // "Gesehen": a rejection leaves the list.
    bool Dismiss(const std::string& edit_id);

  private:
    struct CheckResult {
        int index{-1};  // the volunteer whose verifier matched; -1 = none
    };
    // Checks, saves and sends one edit; puts problems or the error into the state. True if
    // saved.
    bool SaveEdit(const std::optional<AnyRecord>& before, const AnyRecord& after, UtcTime now,
                  std::vector<Problem>& problems, std::optional<std::int64_t> resolves = {},
                  std::optional<std::int64_t> base_revision = {});
    std::optional<AnyRecord> Load(std::string_view id);
    void Say(std::string key, std::string detail = {}, bool error = false);
    void Saved(UtcTime now);

    KioskApp& m_app;
    LoginGuard m_guard;
    std::future<CheckResult> m_check;
    std::vector<VolunteerEntry> m_checked;  // the volunteers the running check compares with
    std::string m_pending_key;              // what m_pending was read for
    std::set<std::string, std::less<>> m_pending;
    std::uint64_t m_saves{0};
};

}  // namespace treffpunkt
