// libFuzzer target for the sync protocol's decoders (sync/protocol/codec.hpp): the hub runs them
// on every request body from the network. The first byte picks the message type, the rest is
// the body. Checks: no crash, no exception, no sanitizer report, and a decoded message encodes
// to text that decodes again to the same encoding.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "sync/protocol/codec.hpp"

using namespace treffpunkt;
using namespace treffpunkt::protocol;

namespace {

template <class M>
void Check(std::string_view text, UnknownFields unknown) {
    std::vector<Problem> problems;
    Result<M> message = Decode<M>(text, problems, unknown);
    if (!message) {
        if (problems.empty()) {
            std::abort();  // a refusal must say why
        }
        return;
    }
    const std::string encoded = Encode(*message);
    std::vector<Problem> again_problems;
    Result<M> again = Decode<M>(encoded, again_problems, UnknownFields::kReject);
    if (!again || Encode(*again) != encoded) {
        std::abort();  // what we write, we must read back
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        switch (data[0] % 12) {
            case 0:
                Check<PushRequest>(text, UnknownFields::kReject);
                break;
            case 1:
                Check<Heartbeat>(text, UnknownFields::kReject);
                break;
            case 2:
                Check<PairingRequest>(text, UnknownFields::kReject);
                break;
            case 3:
                Check<PairingPoll>(text, UnknownFields::kReject);
                break;
            case 4:
                Check<PullPage>(text, UnknownFields::kIgnore);
                break;
            case 5:
                Check<PushAnswer>(text, UnknownFields::kIgnore);
                break;
            case 6:
                Check<VolunteerList>(text, UnknownFields::kIgnore);
                break;
            case 7:
                Check<PairingTicket>(text, UnknownFields::kIgnore);
                break;
            case 8:
                Check<PairingPollAnswer>(text, UnknownFields::kIgnore);
                break;
            case 9:
                Check<HeartbeatAnswer>(text, UnknownFields::kIgnore);
                break;
            case 10:
                Check<ApiError>(text, UnknownFields::kIgnore);
                break;
            default:
                Check<PullPage>(text, UnknownFields::kReject);
                break;
        }
    } catch (...) {
        std::abort();  // decoders must never throw
    }
    return 0;
}
