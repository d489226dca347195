// The volunteers' forms' model: an offer, contact or helper shown as form fields (texts by
// key, chips, the schedule editor's choice) and back, and the record's problems turned into
// messages at the fields in the volunteer's language. Pure functions; no UI, no SQLite.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/volunteer_state.hpp"
#include "sync/model/json_codec.hpp"
#include "sync/model/records.hpp"

namespace treffpunkt {

// Keys of the forms' translated text fields, each followed by "." and a language
// ("title.de"); the other text fields are one text ("phone", "first_name").
inline constexpr std::string_view kLocalizedFields[] = {"title", "summary",      "description",
                                                        "cost",  "registration", "role",
                                                        "hours", "availability", "about"};

// The form showing `offer`. A schedule the chips cannot express is kept as it is
// (form.keep_schedule) until the volunteer starts it over.
EditForm FormFromOffer(const Offer& offer);

// The offer the form describes, on top of `base` (id, place, organization, contact, status,
// meta are taken from it). `today` fills the schedule's start date when it has none.
Offer OfferFromForm(const EditForm& form, const Offer& base, Date today);

// The same for a contact and a helper (form.kind "contacts" / "helpers"). A helper's public
// phone and e-mail are kept only with form.public_consent; its date is the one recorded, or
// `today` when the consent is new.
EditForm FormFromContact(const Contact& contact);
Contact ContactFromForm(const EditForm& form, const Contact& base);
EditForm FormFromHelper(const Helper& helper);
Helper HelperFromForm(const EditForm& form, const Helper& base, Date today);

// The form's own problems (the schedule chips), before the record is built.
std::vector<FieldProblem> ScheduleProblems(const EditForm& form);

// The record's problems (ValidateRecord's paths and English messages) as messages at the
// form's fields: "title.de: is required" -> {"title", "volunteer.problem.required"}.
std::vector<FieldProblem> FieldProblems(const std::vector<Problem>& problems);

// Form field of a problem path: "title.de" -> "title", "schedule.end_minute" -> "schedule".
std::string FormFieldOfPath(std::string_view path);

}  // namespace treffpunkt
