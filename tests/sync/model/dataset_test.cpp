#include "sync/model/dataset.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "sync/model/validation.hpp"

using namespace treffpunkt;
using nlohmann::json;

namespace {

constexpr const char* kTerm = "00000000-0000-4000-8000-000000000001";
constexpr const char* kPlace = "00000000-0000-4000-8000-000000000002";
constexpr const char* kContact = "00000000-0000-4000-8000-000000000003";
constexpr const char* kOffer = "00000000-0000-4000-8000-000000000004";
constexpr const char* kHelp = "00000000-0000-4000-8000-000000000005";
constexpr const char* kHelper = "00000000-0000-4000-8000-000000000006";

json Meta(const char* id) {
    return {{"id", id}, {"revision", 1}, {"updated", "2026-11-01T10:00:00Z"}};
}

json MinimalDataset() {
    json term = Meta(kTerm);
    term.update({{"vocabulary", "field_of_action"},
                 {"code", "bildung-und-erziehung"},
                 {"name", {{"de", "Bildung und Erziehung"}, {"fr", "Éducation"}}}});
    json help = Meta(kHelp);
    help.update(
        {{"vocabulary", "help_kind"}, {"code", "einkaufshilfe"}, {"name", "Einkaufshilfe"}});
    json place = Meta(kPlace);
    place.update(
        {{"name", {{"de", "Ort der Begegnung Roden"}}},
         {"kind", "ort_der_begegnung"},
         {"district", "Roden"},
         {"address", {{"street", "Saarstraße 1"}, {"postal_code", "66740"}, {"city", "Saarlouis"}}},
         {"accessibility", {{"wheelchair", true}}}});
    json contact = Meta(kContact);
    contact.update({{"name", "Sozialbüro Roden"}, {"phone", "06831 000000"}});
    json offer = Meta(kOffer);
    offer.update(
        {{"title", {{"de", "Deutschkurs „Alltag“ – für Anfänger"}, {"en", "German course"}}},
         {"place_id", kPlace},
         {"contact_id", kContact},
         {"fields_of_action", {kTerm}},
         {"languages", {"de", "ar"}},
         {"free_of_charge", false},
         {"cost", {{"de", "2 € pro Termin"}}},
         {"last_checked", "2026-10-30"},
         {"schedule",
          {{"start_date", "2026-01-13"},
           {"start_time", "14:00"},
           {"end_time", "16:00"},
           {"rrule", "FREQ=MONTHLY;BYDAY=2TU"},
           {"closures", {{{"from", "2026-12-22"}, {"until", "2027-01-06"}}}}}}});
    json helper = Meta(kHelper);
    helper.update({{"first_name", "Ingrid"},
                   {"kinds_of_help", {kHelp}},
                   {"districts", {"Roden"}},
                   {"place_id", kPlace},
                   {"coordinator_contact_id", kContact}});
    return {{"format", "treffpunkt-dataset"},
            {"format_version", 1},
            {"generated", "2026-11-01T10:00:00Z"},
            {"taxonomy", {term, help}},
            {"places", {place}},
            {"contacts", {contact}},
            {"offers", {offer}},
            {"helpers", {helper}}};
}

std::vector<std::string> ProblemsOf(const json& document) {
    std::vector<Problem> problems;
    const auto result = ParseDataset(document.dump(), problems);
    EXPECT_FALSE(result);
    std::vector<std::string> out;
    for (const Problem& p : problems) {
        out.push_back(p.ToString());
    }
    return out;
}

bool Contains(const std::vector<std::string>& problems, const std::string& expected) {
    return std::find(problems.begin(), problems.end(), expected) != problems.end();
}

}  // namespace

TEST(Dataset, ParsesAValidDatasetAndRoundTrips) {
    std::vector<Problem> problems;
    const auto dataset = ParseDataset(MinimalDataset().dump(), problems);
    ASSERT_TRUE(dataset) << (problems.empty() ? "" : problems.front().ToString());
    ASSERT_EQ(dataset->offers.size(), 1u);
    const Offer& offer = dataset->offers[0];
    EXPECT_EQ(offer.title.Get("en"), "German course");
    EXPECT_EQ(offer.title.Get("tr"), "Deutschkurs „Alltag“ – für Anfänger");  // German fallback
    EXPECT_FALSE(offer.free_of_charge);
    ASSERT_TRUE(offer.schedule);
    EXPECT_EQ(offer.schedule->start_minute, 14 * 60);
    EXPECT_EQ(offer.schedule->closures.size(), 1u);
    EXPECT_EQ(FormatDate(*offer.meta.last_checked), "2026-10-30");
    EXPECT_TRUE(dataset->places[0].IsMeetingPlace());
    EXPECT_EQ(dataset->places[0].accessibility.wheelchair, true);
    EXPECT_FALSE(dataset->places[0].accessibility.hearing_loop.has_value());

    const std::string text = SerializeDataset(*dataset);
    std::vector<Problem> again_problems;
    const auto again = ParseDataset(text, again_problems);
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, *dataset);
}

TEST(Dataset, ReportsEveryProblemWithItsPath) {
    json doc = MinimalDataset();
    doc["offers"][0]["schedule"]["rrule"] = "FREQ=MONTHLY;BYDAY=XX";
    doc["offers"][0]["title"].erase("de");
    doc["offers"][0]["languages"] = {"deutsch"};
    doc["offers"][0]["titel"] = "typo";
    doc["places"][0]["address"]["city"] = 66740;
    doc["helpers"][0]["coordinator_contact_id"] = kPlace;  // a place, not a contact
    doc["contacts"][0]["email"] = "not an address";
    const auto problems = ProblemsOf(doc);
    EXPECT_TRUE(Contains(problems,
                         "offers[0].schedule.rrule: BYDAY=XX is not a weekday (use MO, "
                         "TU, WE, TH, FR, SA, SU)"));
    EXPECT_TRUE(Contains(problems,
                         "offers[0].title.de: is required (German is the fallback "
                         "language)"));
    EXPECT_TRUE(Contains(problems,
                         "offers[0].languages[0]: \"deutsch\" is not a language code "
                         "(use two letters, e.g. de, tr, uk)"));
    EXPECT_TRUE(Contains(problems,
                         "offers[0].titel: is not a known field (check the spelling; "
                         "see docs/dataset.md)"));
    EXPECT_TRUE(Contains(problems, "places[0].address.city: must be a string"));
    EXPECT_TRUE(Contains(problems, "helpers[0].coordinator_contact_id: refers to " +
                                       std::string(kPlace) +
                                       ", which is in places, not in contacts"));
    EXPECT_TRUE(Contains(problems,
                         "contacts[0].email: \"not an address\" is not an e-mail "
                         "address (name@example.de)"));
}

TEST(Dataset, RejectsDuplicateIdsAndDanglingReferences) {
    json doc = MinimalDataset();
    doc["offers"].push_back(doc["offers"][0]);
    doc["offers"][1]["place_id"] = "00000000-0000-4000-8000-0000000000ff";
    const auto problems = ProblemsOf(doc);
    EXPECT_TRUE(Contains(
        problems, "offers[1].id: \"" + std::string(kOffer) + "\" is already used by offers[0]"));
    EXPECT_TRUE(Contains(problems,
                         "offers[1].place_id: refers to "
                         "00000000-0000-4000-8000-0000000000ff, which is not in the "
                         "dataset"));
}

TEST(Dataset, RejectsTextOverItsLimitAndWrongVocabulary) {
    json doc = MinimalDataset();
    doc["offers"][0]["title"]["de"] = std::string(5000, 'x');
    doc["offers"][0]["fields_of_action"] = {kHelp};
    const auto problems = ProblemsOf(doc);
    EXPECT_TRUE(Contains(problems,
                         "offers[0].title.de: is 5000 characters long; at most 120 are "
                         "allowed"));
    EXPECT_TRUE(Contains(problems,
                         "offers[0].fields_of_action[0]: refers to a term of help_kind, "
                         "but must be one of field_of_action"));
}

TEST(Dataset, NamesSyntaxErrorsByLineAndColumn) {
    std::vector<Problem> problems;
    EXPECT_FALSE(ParseDataset("{\n  \"format\": \"treffpunkt-dataset\",\n  oops\n}", problems));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].message.find("line 3, column 3"), std::string::npos)
        << problems[0].message;
}

TEST(Dataset, RefusesInvalidUtf8AndNewerFormats) {
    std::vector<Problem> problems;
    EXPECT_FALSE(
        ParseDataset("{\"format\": \"treffpunkt-dataset\", \"source\": \"\xFF\"}", problems));
    problems.clear();
    json doc = MinimalDataset();
    doc["format_version"] = 99;
    const auto newer = ProblemsOf(doc);
    EXPECT_TRUE(Contains(newer,
                         "format_version: is 99, newer than this program understands (1): "
                         "update Treffpunkt to read this file"));
}

TEST(Dataset, HostileShapesNeverCrash) {
    for (const char* text :
         {"", "null", "[]", "42", "{\"offers\": 5}", "{\"offers\": [1, null, []]}",
          "{\"offers\": [{\"schedule\": []}]}", "{\"places\": [{\"opening_hours\": {\"x\": 1}}]}",
          "{\"helpers\": [{\"public_contact\": \"yes\"}]}"}) {
        std::vector<Problem> problems;
        EXPECT_FALSE(ParseDataset(text, problems)) << text;
        EXPECT_FALSE(problems.empty()) << text;
    }
}

TEST(Validation, FormatsOfContactFields) {
    EXPECT_TRUE(IsEmailAddress("info@ort-roden.example"));
    EXPECT_FALSE(IsEmailAddress("info@roden"));
    EXPECT_FALSE(IsEmailAddress("a b@x.de"));
    EXPECT_TRUE(IsPhoneNumber("+49 6831 123-456"));
    EXPECT_TRUE(IsPhoneNumber("06831 / 44 55 66"));
    EXPECT_FALSE(IsPhoneNumber("0 68 31 x"));
    EXPECT_FALSE(IsPhoneNumber("123"));
    EXPECT_TRUE(IsWebAddress("https://www.saarlouis.de/leben"));
    EXPECT_FALSE(IsWebAddress("javascript:alert(1)"));
    EXPECT_FALSE(IsWebAddress("https://"));
    EXPECT_TRUE(IsUuid(NewUuid()));
    EXPECT_NE(NewUuid(), NewUuid());
}

TEST(Files, WriteAtomicallyReplacesTheWholeFile) {
    const auto dir = std::filesystem::temp_directory_path() / ("tp-files-" + NewUuid());
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "data.json").string();
    ASSERT_TRUE(WriteFileAtomically(path, "first"));
    ASSERT_TRUE(WriteFileAtomically(path, "second"));
    EXPECT_EQ(*ReadTextFile(path), "second");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir),
                            std::filesystem::directory_iterator{}),
              1);  // no temporary file left behind
    EXPECT_EQ(ReadTextFile(path, 3).error().code, "io.too_large");
    EXPECT_EQ(ReadTextFile((dir / "missing").string()).error().code, "io.open");
    std::filesystem::remove_all(dir);
}
