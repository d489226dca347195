// The offer form's model: an Offer shown as form fields (texts by key, chips, the schedule
// editor's choice) and back, and the record's problems turned into messages at the fields in
// the volunteer's language. Pure functions; no UI, no SQLite.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/volunteer_state.hpp"
#include "sync/model/json_codec.hpp"
#include "sync/model/records.hpp"

namespace treffpunkt {

// Keys of the form's text fields, each followed by "." and a language ("title.de").
inline constexpr std::string_view kOfferTextFields[] = {"title", "summary", "description", "cost",
                                                        "registration"};

// The form showing `offer`. A schedule the chips cannot express is kept as it is
// (form.keep_schedule) until the volunteer starts it over.
OfferForm FormFromOffer(const Offer& offer);

// The offer the form describes, on top of `base` (id, place, organization, contact, status,
// meta are taken from it). `today` fills the schedule's start date when it has none.
Offer OfferFromForm(const OfferForm& form, const Offer& base, Date today);

// The form's own problems (the schedule chips), before the record is built.
std::vector<FieldProblem> ScheduleProblems(const OfferForm& form);

// The record's problems (ValidateRecord's paths and English messages) as messages at the
// form's fields: "title.de: is required" -> {"title", "volunteer.problem.required"}.
std::vector<FieldProblem> FieldProblems(const std::vector<Problem>& problems);

// Form field of a problem path: "title.de" -> "title", "schedule.end_minute" -> "schedule".
std::string FormFieldOfPath(std::string_view path);

}  // namespace treffpunkt
