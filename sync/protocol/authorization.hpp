// Who may edit which record (docs/protocol.md, "Who may edit what"). The hub enforces these
// rules on every pushed edit; the kiosk uses the same function to offer only what is allowed.
// Standard library and the model only.
#pragma once

#include <optional>
#include <string>

#include "sync/model/records.hpp"
#include "sync/protocol/messages.hpp"

namespace treffpunkt::protocol {

// The place a record belongs to for editing: its own id for a place; place_id for offers,
// helpers and contacts; empty for every other kind (and for a contact without a place).
std::string PlaceOfRecord(const AnyRecord& record);

// The organization a record belongs to for editing: organization_id of offers and contacts;
// empty otherwise.
std::string OrganizationOfRecord(const AnyRecord& record);

// nullopt if `volunteer` may edit (create, change, delete) `record`; else the reason, in
// English, e.g. "offers at place 3f0c… are not among Maria's places".
//   - taxonomy terms, organizations and networks: nobody (the city's office imports them);
//   - a place: a coordinator of that place;
//   - an offer, helper or contact: its place_id must be one of the volunteer's places; for the
//     role "volunteer" also its organization_id must be empty or one of theirs.
// A tombstone is judged by nothing but its kind: callers check the record before deletion.
std::optional<std::string> WhyNotEditable(const VolunteerAccount& volunteer,
                                          const AnyRecord& record);

inline bool MayEdit(const VolunteerAccount& volunteer, const AnyRecord& record) {
    return !WhyNotEditable(volunteer, record).has_value();
}

}  // namespace treffpunkt::protocol
