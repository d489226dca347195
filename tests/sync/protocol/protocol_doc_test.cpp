// Every JSON example in docs/protocol.md is named and is exactly what the codecs read and write:
// decoded strictly, encoded again, equal. (tests/sync/hub/protocol_examples_test.cpp sends the
// examples to a live hub.)
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "sync/protocol/codec.hpp"
#include "tests/support/markdown_examples.hpp"

using namespace treffpunkt;
using namespace treffpunkt::protocol;
using namespace treffpunkt::test;
using nlohmann::json;

namespace {

const std::string kDoc = std::string(TREFFPUNKT_SOURCE_DIR) + "/docs/protocol.md";

// Decodes strictly and encodes again; returns the encoding, or the problems.
template <class M>
std::function<json(const std::string&, std::string&)> Codec() {
    return [](const std::string& text, std::string& error) -> json {
        std::vector<Problem> problems;
        const auto message = Decode<M>(text, problems, UnknownFields::kReject);
        if (!message) {
            for (const Problem& p : problems) {
                error += p.ToString() + "\n";
            }
            return nullptr;
        }
        return ToJsonValue(*message);
    };
}

// A single edit, checked as a push of one.
json EditCodec(const std::string& text, std::string& error) {
    const json edits = {{"edits", json::array({json::parse(text)})}};
    const json encoded = Codec<PushRequest>()(edits.dump(), error);
    return encoded.is_null() ? encoded : encoded["edits"][0];
}

const std::map<std::string, std::function<json(const std::string&, std::string&)>>& Codecs() {
    static const std::map<std::string, std::function<json(const std::string&, std::string&)>>
        codecs = {
            {"health-response", Codec<HealthAnswer>()},
            {"error-body", Codec<ApiError>()},
            {"pull-response", Codec<PullPage>()},
            {"push-request", Codec<PushRequest>()},
            {"push-response", Codec<PushAnswer>()},
            {"push-response-invalid", Codec<ApiError>()},
            {"edit-create", EditCodec},
            {"edit-delete", EditCodec},
            {"heartbeat-request", Codec<Heartbeat>()},
            {"heartbeat-response", Codec<HeartbeatAnswer>()},
            {"volunteers-response", Codec<VolunteerList>()},
            {"pairing-request", Codec<PairingRequest>()},
            {"pairing-response", Codec<PairingTicket>()},
            {"pairing-poll-request", Codec<PairingPoll>()},
            {"pairing-poll-pending", Codec<PairingPollAnswer>()},
            {"pairing-poll-approved", Codec<PairingPollAnswer>()},
        };
    return codecs;
}

TEST(ProtocolDoc, EveryJsonBlockIsANamedExample) {
    for (const MarkdownBlock& block : ReadMarkdownBlocks(kDoc)) {
        const size_t first = block.text.find_first_not_of(" \n");
        const bool looks_like_json =
            first != std::string::npos && (block.text[first] == '{' || block.text[first] == '[');
        EXPECT_TRUE(block.language == "json" || !looks_like_json)
            << "docs/protocol.md:" << block.line << ": JSON must be a ```json example=NAME block";
        if (block.language == "json") {
            EXPECT_FALSE(block.name.empty())
                << "docs/protocol.md:" << block.line << ": name it (```json example=NAME)";
            EXPECT_TRUE(block.name.empty() || Codecs().count(block.name) > 0 ||
                        block.name == "push-request-invalid")
                << "docs/protocol.md:" << block.line << ": no test knows example " << block.name;
        }
    }
}

TEST(ProtocolDoc, EveryExampleIsWhatTheCodecsReadAndWrite) {
    const auto examples = NamedExamples(ReadMarkdownBlocks(kDoc));
    for (const auto& [name, codec] : Codecs()) {
        const auto it = examples.find(name);
        ASSERT_NE(it, examples.end()) << "docs/protocol.md lacks example " << name;
        const json example = json::parse(it->second.text, nullptr, false);
        ASSERT_FALSE(example.is_discarded())
            << "docs/protocol.md:" << it->second.line << ": " << name << " is not valid JSON";
        std::string error;
        const json encoded = codec(it->second.text, error);
        ASSERT_FALSE(encoded.is_null())
            << "docs/protocol.md:" << it->second.line << ": " << name << ":\n"
            << error;
        EXPECT_EQ(encoded, example) << "docs/protocol.md:" << it->second.line << ": " << name
                                    << " differs from its encoding:\n"
                                    << encoded.dump(2);
    }
}

TEST(ProtocolDoc, TheInvalidPushExampleIsRefusedWhereTheDocSays) {
    const auto examples = NamedExamples(ReadMarkdownBlocks(kDoc));
    const auto request = examples.find("push-request-invalid");
    const auto response = examples.find("push-response-invalid");
    ASSERT_NE(request, examples.end());
    ASSERT_NE(response, examples.end());
    std::vector<Problem> problems;
    ASSERT_FALSE(Decode<PushRequest>(request->second.text, problems));
    std::vector<Problem> documented;
    const auto error = Decode<ApiError>(response->second.text, documented);
    ASSERT_TRUE(error);
    EXPECT_EQ(error->problems, problems);
}

}  // namespace
