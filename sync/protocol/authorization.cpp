#include "sync/protocol/authorization.hpp"

#include <algorithm>
#include <type_traits>

namespace treffpunkt::protocol {

namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

std::string PlaceOfRecord(const AnyRecord& record) {
    return std::visit(
        [](const auto& r) -> std::string {
            using R = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<R, Place>) {
                return r.meta.id;
            } else if constexpr (std::is_same_v<R, Offer> || std::is_same_v<R, Helper> ||
                                 std::is_same_v<R, Contact>) {
                return r.place_id;
            } else {
                return {};
            }
        },
        record);
}

std::string OrganizationOfRecord(const AnyRecord& record) {
    return std::visit(
        [](const auto& r) -> std::string {
            using R = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<R, Offer> || std::is_same_v<R, Contact>) {
                return r.organization_id;
            } else {
                return {};
            }
        },
        record);
}

std::optional<std::string> WhyNotEditable(const VolunteerAccount& volunteer,
                                          const AnyRecord& record) {
    const RecordKind kind = KindOf(record);
    const std::string kind_name(RecordKindName(kind));
    if (kind == RecordKind::kTaxonomy || kind == RecordKind::kOrganization ||
        kind == RecordKind::kNetwork) {
        return kind_name + " are edited by the city's office only (import on the hub)";
    }
    if (MetaOf(record).deleted) {
        return std::nullopt;
    }
    const std::string place = PlaceOfRecord(record);
    if (kind == RecordKind::kPlace) {
        if (volunteer.role != VolunteerRole::kCoordinator) {
            return "only a coordinator may edit a place; " + volunteer.name + " is a volunteer";
        }
        if (!Contains(volunteer.places, place)) {
            return "place " + place + " is not among " + volunteer.name + "'s places";
        }
        return std::nullopt;
    }
    if (place.empty()) {
        return kind_name + " without a place are edited by the city's office only";
    }
    if (!Contains(volunteer.places, place)) {
        return kind_name + " at place " + place + " are not among " + volunteer.name + "'s places";
    }
    if (volunteer.role == VolunteerRole::kVolunteer) {
        const std::string organization = OrganizationOfRecord(record);
        if (!organization.empty() && !Contains(volunteer.organizations, organization)) {
            return "the record belongs to organization " + organization + ", which is not among " +
                   volunteer.name + "'s organizations (a coordinator may edit it)";
        }
    }
    return std::nullopt;
}

}  // namespace treffpunkt::protocol
