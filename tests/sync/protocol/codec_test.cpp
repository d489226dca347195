// The protocol's JSON codec: every message both ways, and decoders that report every problem
// with its path, reject unknown fields in kReject mode and never throw.
#include "sync/protocol/codec.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "sync/protocol/api.hpp"

using namespace treffpunkt;
using namespace treffpunkt::protocol;
using nlohmann::json;

namespace {

constexpr const char* kEditId = "7d1c2f0e-5b1a-4c8e-9f2d-3a4b5c6d7e8f";
constexpr const char* kOfferId = "50000000-0000-4000-8000-000000000001";
constexpr const char* kPlaceId = "30000000-0000-4000-8000-000000000001";
constexpr const char* kVolunteerId = "8a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

UtcTime At(const char* text) {
    return *ParseUtcTime(text);
}

Offer SampleOffer() {
    Offer offer;
    offer.meta.id = kOfferId;
    offer.meta.revision = 3;
    offer.meta.updated = At("2026-11-24T09:31:02Z");
    offer.title = Text("Deutschkurs");
    offer.place_id = kPlaceId;
    offer.fields_of_action = {"10000000-0000-4000-8000-000000000001"};
    return offer;
}

template <class M>
M RoundTrip(const M& message) {
    std::vector<Problem> problems;
    auto decoded = Decode<M>(Encode(message), problems);
    EXPECT_TRUE(decoded) << (problems.empty() ? "" : problems.front().ToString());
    return decoded ? *decoded : M{};
}

std::vector<Problem> ProblemsOf(const std::string& text) {
    std::vector<Problem> problems;
    (void)Decode<PushRequest>(text, problems);
    return problems;
}

bool HasProblemAt(const std::vector<Problem>& problems, const std::string& path) {
    for (const Problem& p : problems) {
        if (p.path == path) {
            return true;
        }
    }
    return false;
}

json GoodEdit() {
    return {{"edit_id", kEditId},
            {"op", "update"},
            {"kind", "offers"},
            {"record_id", kOfferId},
            {"base_revision", 3},
            {"fields", {{"title", {{"de", "Deutschkurs A1"}}}}},
            {"volunteer_id", kVolunteerId},
            {"made_at", "2026-11-24T09:30:00Z"}};
}

TEST(ProtocolCodec, EveryMessageRoundTrips) {
    PullPage page;
    page.cursor = "k3v9x2qa.18";
    page.more = true;
    page.remaining = 7;
    page.changes.push_back({SampleOffer()});
    page.changes.push_back(
        {MakeTombstone(RecordKind::kHelper, "60000000-0000-4000-8000-000000000001", 4,
                       At("2026-11-24T10:00:00Z"))});
    EXPECT_EQ(RoundTrip(page), page);

    Edit edit;
    edit.edit_id = kEditId;
    edit.record_id = kOfferId;
    edit.base_revision = 3;
    edit.fields = {{"title", {{"de", "Deutschkurs A1"}}}, {"summary", nullptr}};
    edit.volunteer_id = kVolunteerId;
    edit.made_at = At("2026-11-24T09:30:00Z");
    edit.resolves_conflict = 12;
    Edit create = edit;
    create.op = EditOp::kCreate;
    create.base_revision = 0;
    create.resolves_conflict.reset();
    create.fields = ToJson(AnyRecord{SampleOffer()});
    for (const char* key : {"id", "revision", "updated"}) {
        create.fields.erase(key);
    }
    Edit remove = edit;
    remove.op = EditOp::kDelete;
    remove.fields = json::object();
    remove.resolves_conflict.reset();
    EXPECT_EQ(RoundTrip(PushRequest{{edit, create, remove}}),
              (PushRequest{{edit, create, remove}}));

    EditAnswer applied;
    applied.edit_id = kEditId;
    applied.revision = 4;
    applied.record = SampleOffer();
    EditAnswer conflict = applied;
    conflict.status = EditStatus::kConflict;
    conflict.conflict_id = 12;
    conflict.conflicts = {{"title", {{"de", "a"}}, {{"de", "b"}}, nullptr}};
    EditAnswer rejected;
    rejected.edit_id = kEditId;
    rejected.status = EditStatus::kRejected;
    rejected.error =
        ApiError{"edit.invalid", "the record would not be valid", {{"title.de", "is required"}}};
    EXPECT_EQ(RoundTrip(PushAnswer{{applied, conflict, rejected}}),
              (PushAnswer{{applied, conflict, rejected}}));

    Heartbeat heartbeat{
        "0.1.0", "k3v9x2qa.18", 2, "Zeitüberschreitung", 1234567, 99, At("2026-11-24T09:30:00Z")};
    EXPECT_EQ(RoundTrip(heartbeat), heartbeat);
    EXPECT_EQ(RoundTrip(HeartbeatAnswer{At("2026-11-24T09:30:00Z"), kVolunteerId, kPlaceId}),
              (HeartbeatAnswer{At("2026-11-24T09:30:00Z"), kVolunteerId, kPlaceId}));
    EXPECT_EQ(RoundTrip(PairingRequest{"pi-roden", "0.1.0"}),
              (PairingRequest{"pi-roden", "0.1.0"}));
    EXPECT_EQ(RoundTrip(PairingTicket{"K7M4QP", "tps_x", At("2026-11-24T09:45:00Z"), 5}),
              (PairingTicket{"K7M4QP", "tps_x", At("2026-11-24T09:45:00Z"), 5}));
    EXPECT_EQ(RoundTrip(PairingPoll{"tps_x"}), PairingPoll{"tps_x"});
    EXPECT_EQ(RoundTrip(PairingPollAnswer{}), PairingPollAnswer{});
    const PairingPollAnswer approved{PairingState::kApproved, "tpk_y", kVolunteerId, kPlaceId};
    EXPECT_EQ(RoundTrip(approved), approved);
    VolunteerList list{kPlaceId,
                       {{kVolunteerId,
                         "Maria",
                         VolunteerRole::kCoordinator,
                         {kPlaceId},
                         {},
                         "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA"}}};
    EXPECT_EQ(RoundTrip(list), list);
    EXPECT_EQ(RoundTrip(ApiError{"auth.revoked", "pair again", {}}),
              (ApiError{"auth.revoked", "pair again", {}}));
    EXPECT_EQ(RoundTrip(HealthAnswer{"ok", "0.1.0", "v1"}), (HealthAnswer{"ok", "0.1.0", "v1"}));
}

TEST(ProtocolCodec, ErrorBodyHasTheDocumentedShape) {
    const json j = ToJsonValue(ApiError{"auth.revoked", "pair again", {{"a.b", "c"}}});
    EXPECT_EQ(j, json::parse(R"({"error": {"code": "auth.revoked", "message": "pair again",
                                           "problems": [{"path": "a.b", "message": "c"}]}})"));
}

TEST(ProtocolCodec, AGoodPushDecodes) {
    std::vector<Problem> problems;
    const auto push = Decode<PushRequest>(json{{"edits", {GoodEdit()}}}.dump(), problems);
    ASSERT_TRUE(push) << problems.front().ToString();
    EXPECT_EQ(push->edits[0].fields["title"]["de"], "Deutschkurs A1");
    EXPECT_EQ(push->edits[0].made_at, At("2026-11-24T09:30:00Z"));
}

TEST(ProtocolCodec, PushProblemsCarryTheirPaths) {
    json edits = json::array();
    json e0 = GoodEdit();
    e0.erase("edit_id");
    e0["record_id"] = "OFFER-1";
    edits.push_back(e0);
    json e1 = GoodEdit();
    e1["op"] = "upsert";
    e1["made_at"] = "yesterday";
    e1["colour"] = "red";
    edits.push_back(e1);
    json e2 = GoodEdit();
    e2["fields"] = {{"titel", "x"}, {"revision", 9}, {"free_of_charge", "yes"}};
    edits.push_back(e2);
    json e3 = GoodEdit();
    e3.erase("base_revision");
    edits.push_back(e3);
    json e4 = GoodEdit();
    e4["op"] = "create";
    edits.push_back(e4);
    json e5 = GoodEdit();
    e5["op"] = "delete";
    edits.push_back(e5);
    json e6 = GoodEdit();
    e6["kind"] = "events";
    edits.push_back(e6);
    const auto problems = ProblemsOf(json{{"edits", edits}, {"extra", 1}}.dump());
    for (const char* path :
         {"edits[0].edit_id", "edits[0].record_id", "edits[1].op", "edits[1].made_at",
          "edits[1].colour", "edits[2].fields.titel", "edits[2].fields.revision",
          "edits[2].fields.free_of_charge", "edits[3].base_revision", "edits[4].base_revision",
          "edits[5].fields", "edits[6].kind", "extra"}) {
        EXPECT_TRUE(HasProblemAt(problems, path)) << path;
    }
}

TEST(ProtocolCodec, ClearingAFieldWithNullIsStructurallyFine) {
    json edit = GoodEdit();
    edit["fields"] = {{"summary", nullptr}};
    EXPECT_TRUE(ProblemsOf(json{{"edits", {edit}}}.dump()).empty());
}

TEST(ProtocolCodec, UnknownFieldsAreIgnoredOnlyWhenAsked) {
    json page = {{"cursor", "a.1"},
                 {"more", false},
                 {"remaining", 0},
                 {"changes", json::array()},
                 {"added_in_v1_1", true}};
    std::vector<Problem> problems;
    EXPECT_FALSE(Decode<PullPage>(page.dump(), problems, UnknownFields::kReject));
    problems.clear();
    EXPECT_TRUE(Decode<PullPage>(page.dump(), problems, UnknownFields::kIgnore));
}

TEST(ProtocolCodec, TextProblemsHaveTheirOwnCodes) {
    std::vector<Problem> problems;
    auto r = Decode<Heartbeat>("{\"version\": \"\xc3\x28\"}", problems);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errors::kInvalidUtf8);
    r = Decode<Heartbeat>("{\"version\": ", problems);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errors::kMalformedJson);
    r = Decode<Heartbeat>(std::string(100, '[') + std::string(100, ']'), problems);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errors::kInvalid);
    r = Decode<Heartbeat>(R"({"version": "1", "cursor": "", "outbox": -1,
                             "free_disk_bytes": 1, "uptime_s": 1})",
                          problems);
    ASSERT_FALSE(r);
    EXPECT_TRUE(HasProblemAt(problems, "outbox"));
}

TEST(ProtocolCodec, DecodersNeverThrowOnGarbage) {
    std::mt19937 random(42);
    const std::string seed = json{{"edits", {GoodEdit()}}}.dump();
    for (int i = 0; i < 3000; ++i) {
        std::string text = seed;
        const int mutations = 1 + static_cast<int>(random() % 8);
        for (int m = 0; m < mutations; ++m) {
            const size_t at = random() % text.size();
            switch (random() % 3) {
                case 0:
                    text[at] = static_cast<char>(random() % 256);
                    break;
                case 1:
                    text.erase(at, 1 + random() % 5);
                    break;
                default:
                    text.insert(at, 1, "{}[]\",:0n"[random() % 9]);
                    break;
            }
            if (text.empty()) {
                text = "{";
            }
        }
        std::vector<Problem> problems;
        EXPECT_NO_THROW({
            (void)Decode<PushRequest>(text, problems);
            (void)Decode<PullPage>(text, problems, UnknownFields::kIgnore);
            (void)Decode<PushAnswer>(text, problems);
            (void)Decode<Heartbeat>(text, problems);
            (void)Decode<VolunteerList>(text, problems);
        });
    }
}

}  // namespace
