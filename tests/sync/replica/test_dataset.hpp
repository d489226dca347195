// A small dataset built in code for the replica and command-line tests: every kind of record,
// the words the search requirements name, and schedules around a fixed "now".
#pragma once

#include <ostream>
#include <string>

#include "sync/model/records.hpp"
#include "tests/support/temp_dir.hpp"  // TempDir, for the tests that use this dataset

namespace treffpunkt::test {

// Wednesday 25 November 2026, 11:00 in Berlin.
UtcTime TestNow();

// Stable ids of the records in TestDataset().
namespace ids {
inline constexpr const char* kFoaBildung = "10000000-0000-4000-8000-000000000001";
inline constexpr const char* kFoaPartizipation = "10000000-0000-4000-8000-000000000002";
inline constexpr const char* kFoaExistenz = "10000000-0000-4000-8000-000000000003";
inline constexpr const char* kTgSenioren = "10000000-0000-4000-8000-000000000004";
inline constexpr const char* kTgZugewanderte = "10000000-0000-4000-8000-000000000005";
inline constexpr const char* kHkEinkauf = "10000000-0000-4000-8000-000000000006";
inline constexpr const char* kHkBesuch = "10000000-0000-4000-8000-000000000007";
inline constexpr const char* kTopicSprache = "10000000-0000-4000-8000-000000000008";
inline constexpr const char* kLevelStadt = "10000000-0000-4000-8000-000000000009";
inline constexpr const char* kOrgCaritas = "20000000-0000-4000-8000-000000000001";
inline constexpr const char* kPlaceInnenstadt = "30000000-0000-4000-8000-000000000001";
inline constexpr const char* kPlaceRoden = "30000000-0000-4000-8000-000000000002";
inline constexpr const char* kPlaceKita = "30000000-0000-4000-8000-000000000003";
inline constexpr const char* kContactSozialbuero = "40000000-0000-4000-8000-000000000001";
inline constexpr const char* kContactMueller = "40000000-0000-4000-8000-000000000002";
inline constexpr const char* kOfferDeutsch = "50000000-0000-4000-8000-000000000001";
inline constexpr const char* kOfferSenioren = "50000000-0000-4000-8000-000000000002";
inline constexpr const char* kOfferNachbarschaft = "50000000-0000-4000-8000-000000000003";
inline constexpr const char* kOfferBeratung = "50000000-0000-4000-8000-000000000004";
inline constexpr const char* kOfferFest = "50000000-0000-4000-8000-000000000005";
inline constexpr const char* kOfferRetired = "50000000-0000-4000-8000-000000000006";
inline constexpr const char* kHelperIngrid = "60000000-0000-4000-8000-000000000001";
inline constexpr const char* kHelperAhmet = "60000000-0000-4000-8000-000000000002";
inline constexpr const char* kNetworkSprache = "70000000-0000-4000-8000-000000000001";
}  // namespace ids

Dataset TestDataset();

}  // namespace treffpunkt::test

namespace treffpunkt {
// Readable failure messages: gtest prints records as their JSON.
void PrintTo(const TaxonomyTerm& record, std::ostream* os);
void PrintTo(const Organization& record, std::ostream* os);
void PrintTo(const Place& record, std::ostream* os);
void PrintTo(const Contact& record, std::ostream* os);
void PrintTo(const Offer& record, std::ostream* os);
void PrintTo(const Helper& record, std::ostream* os);
void PrintTo(const Network& record, std::ostream* os);
}  // namespace treffpunkt
