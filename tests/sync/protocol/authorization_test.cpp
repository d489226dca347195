// Who may edit what (docs/protocol.md, "Who may edit what"): the same rules on kiosk and hub.
#include "sync/protocol/authorization.hpp"

#include <gtest/gtest.h>

using namespace treffpunkt;
using namespace treffpunkt::protocol;

namespace {

constexpr const char* kPlaceA = "30000000-0000-4000-8000-00000000000a";
constexpr const char* kPlaceB = "30000000-0000-4000-8000-00000000000b";
constexpr const char* kOrgMine = "20000000-0000-4000-8000-000000000001";
constexpr const char* kOrgOther = "20000000-0000-4000-8000-000000000002";

VolunteerAccount Volunteer(VolunteerRole role) {
    return {"8a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", "Maria", role, {kPlaceA}, {kOrgMine}, ""};
}

Offer OfferAt(const char* place, const char* org) {
    Offer o;
    o.meta.id = "50000000-0000-4000-8000-000000000001";
    o.place_id = place;
    o.organization_id = org;
    return o;
}

TEST(Authorization, AVolunteerEditsTheirPlacesRecordsOfTheirOrNoOrganization) {
    const VolunteerAccount v = Volunteer(VolunteerRole::kVolunteer);
    EXPECT_TRUE(MayEdit(v, OfferAt(kPlaceA, "")));
    EXPECT_TRUE(MayEdit(v, OfferAt(kPlaceA, kOrgMine)));
    EXPECT_FALSE(MayEdit(v, OfferAt(kPlaceA, kOrgOther)));
    EXPECT_FALSE(MayEdit(v, OfferAt(kPlaceB, "")));
    EXPECT_FALSE(MayEdit(v, OfferAt("", "")));
    Helper h;
    h.place_id = kPlaceA;
    EXPECT_TRUE(MayEdit(v, h));
    Contact c;
    c.place_id = kPlaceA;
    c.organization_id = kOrgOther;
    EXPECT_FALSE(MayEdit(v, c));
    Place p;
    p.meta.id = kPlaceA;
    EXPECT_FALSE(MayEdit(v, p)) << "places are for coordinators";
}

TEST(Authorization, ACoordinatorEditsEverythingAtTheirPlaces) {
    const VolunteerAccount v = Volunteer(VolunteerRole::kCoordinator);
    EXPECT_TRUE(MayEdit(v, OfferAt(kPlaceA, kOrgOther)));
    EXPECT_FALSE(MayEdit(v, OfferAt(kPlaceB, kOrgMine)));
    Place p;
    p.meta.id = kPlaceA;
    EXPECT_TRUE(MayEdit(v, p));
    p.meta.id = kPlaceB;
    EXPECT_FALSE(MayEdit(v, p));
    const auto why = WhyNotEditable(v, p);
    ASSERT_TRUE(why);
    EXPECT_NE(why->find(kPlaceB), std::string::npos);
}

TEST(Authorization, TheOfficesRecordsAreNobodysToEdit) {
    const VolunteerAccount v = Volunteer(VolunteerRole::kCoordinator);
    EXPECT_FALSE(MayEdit(v, TaxonomyTerm{}));
    EXPECT_FALSE(MayEdit(v, Organization{}));
    EXPECT_FALSE(MayEdit(v, Network{}));
}

}  // namespace
