// What the volunteers' screens show that is not data: the PIN typed so far, who is logged in,
// the offer form being filled in and its inline problems. Part of AppState, so that every
// reset (idle, night, "Abmelden") forgets all of it at once: nothing a volunteer typed stays.
// Plain structs; no UI, no SQLite.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/schedule_choice.hpp"
#include "sync/model/time.hpp"
#include "sync/protocol/messages.hpp"

namespace treffpunkt {

// A problem shown under a form field, in the volunteer's language.
struct FieldProblem {
    std::string field;   // form field: "title", "schedule", "cost", "url", …
    std::string key;     // i18n key, e.g. "volunteer.problem.required"
    std::string detail;  // {detail} of the text: a limit, the hub's words; may be empty

    bool operator==(const FieldProblem&) const = default;
};

// Which date the calendar under a date field sets.
enum class DateTarget {
    kNone,
    kSingleDate,
    kClosureFrom,
    kClosureUntil,
    kPauseFrom,
    kPauseUntil,
    kSeriesUntil,  // the last day of a repeating schedule
};

// The form of an offer, a contact or a helper ("Bearbeiten", "Neues Angebot", …). Texts are
// kept as typed, by field key ("title.de", "summary.en", "phone", …), and become the record
// only on save.
struct EditForm {
    std::string kind{"offers"};                 // "offers", "contacts" or "helpers"
    std::string record_id;                      // the record; a new UUID when creating
    bool creating{false};                       // a new record (no version before)
    std::string place_id;                       // creating: the place the offer is at
    std::string organization_id;                // creating: the provider ("" = none)
    std::map<std::string, std::string> texts;   // field key -> text as typed
    std::vector<std::string> fields_of_action;  // term ids
    std::vector<std::string> target_groups;     // term ids
    std::vector<std::string> languages;         // ISO 639-1
    bool free_of_charge{true};                  // "kostenlos"
    bool has_schedule{true};                    // false = "nach Vereinbarung"
    bool keep_schedule{false};                  // a rule the chips cannot show: kept as it is
    ScheduleChoice schedule;                    // the chips' state
    std::string translation_language{"en"};     // the other language in the translation fields
    DateTarget date_target{DateTarget::kNone};  // the calendar is open for this date
    std::optional<Date> calendar_month;         // the month the calendar shows (day 1)
    std::optional<Date> closure_from;           // new closure being picked
    std::optional<Date> closure_until;          //
    std::optional<Date> new_date;               // a single date being picked
    std::vector<std::string> kinds_of_help;     // helpers: term ids
    std::vector<std::string> districts;         // helpers: where they help
    std::string coordinator_contact_id;         // helpers: how residents reach them
    bool public_consent{false};                 // helpers: consent to a public phone/e-mail
    std::optional<Date> consent_date;           // helpers: when that consent was recorded
    std::vector<FieldProblem> problems;         // from the last "Speichern"
    bool operator==(const EditForm&) const = default;
};

// What the login and the one-tap actions left to say.
struct VolunteerMessage {
    std::string key;     // i18n key; "" = nothing to say
    std::string detail;  // {detail}, e.g. minutes of the lock or the reason
    bool error{false};   // shown in the warning colour

    bool operator==(const VolunteerMessage&) const = default;
};

struct VolunteerState {
    std::string pin;                                    // digits on the pad (shown as dots)
    bool checking{false};                               // the PIN is being checked
    std::optional<protocol::VolunteerAccount> account;  // logged in; nullopt = nobody
    VolunteerMessage message;                           // under the pad or on the current screen
    std::string focus;        // form field key the keyboard types into; "" = the search field
    EditForm form;            // the offer being edited
    std::string pause_offer;  // offer whose "fällt vorübergehend aus" dates are open
    std::optional<Date> pause_from;
    std::optional<Date> pause_until;
    std::string confirm_retire;  // offer whose "nicht mehr anbieten" waits for a second tap
    std::string open_answer;     // edit id of the conflict or rejection shown in full

    bool LoggedIn() const { return account.has_value(); }
    bool operator==(const VolunteerState&) const = default;
};

}  // namespace treffpunkt
