#include "kiosk/app/login_guard.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "sync/model/dataset.hpp"

namespace treffpunkt {

using namespace std::chrono;

LoginGuard::LoginGuard(std::string state_path) : m_path(std::move(state_path)) {}

Result<void> LoginGuard::Load(UtcTime now) {
    m_state = {};
    if (m_path.empty()) {
        return Ok();
    }
    std::error_code ec;
    if (!std::filesystem::exists(m_path, ec)) {
        return Ok();
    }
    auto text = ReadTextFile(m_path, 4096);
    if (!text) {
        return Unexpected<Error>(text.error());
    }
    const auto json = nlohmann::json::parse(*text, nullptr, false);
    const bool valid = json.is_object() && json.value("wrong_in_row", -1) >= 0 &&
                       json.value("locks", -1) >= 0 && json.value("lock_length_s", -1) >= 0;
    if (!valid) {
        // A damaged file locks the pad once rather than handing out fresh attempts.
        m_state.locks = 1;
        m_state.lock_length = kFirstLock;
        m_state.locked_until = now + kFirstLock;
        return Save();
    }
    m_state.wrong_in_row = std::min(json["wrong_in_row"].get<int>(), kWrongPinsBeforeLock);
    m_state.locks = std::min(json["locks"].get<int>(), 30);
    m_state.lock_length = seconds{json["lock_length_s"].get<long long>()};
    if (json.contains("locked_until") && json["locked_until"].is_string()) {
        m_state.locked_until = ParseUtcTime(json["locked_until"].get<std::string>());
    }
    return Ok();
}

bool LoginGuard::Locked(UtcTime now) const {
    return Remaining(now) > seconds{0};
}

seconds LoginGuard::Remaining(UtcTime now) const {
    if (!m_state.locked_until || now >= *m_state.locked_until) {
        return seconds{0};
    }
    return std::min(duration_cast<seconds>(*m_state.locked_until - now), m_state.lock_length);
}

Result<void> LoginGuard::RecordWrongPin(UtcTime now) {
    if (Locked(now)) {
        return Ok();  // the pad takes no PIN while locked; nothing to count
    }
    ++m_state.wrong_in_row;
    if (m_state.wrong_in_row >= kWrongPinsBeforeLock) {
        const int doublings = std::min(m_state.locks, 20);
        m_state.lock_length = std::min<seconds>(kFirstLock * (1LL << doublings), kLongestLock);
        m_state.locked_until = now + m_state.lock_length;
        ++m_state.locks;
        m_state.wrong_in_row = 0;
    }
    return Save();
}

Result<void> LoginGuard::RecordSuccess() {
    m_state = {};
    return Save();
}

Result<void> LoginGuard::Save() const {
    if (m_path.empty()) {
        return Ok();
    }
    nlohmann::json json = {{"wrong_in_row", m_state.wrong_in_row},
                           {"locks", m_state.locks},
                           {"lock_length_s", m_state.lock_length.count()}};
    if (m_state.locked_until) {
        json["locked_until"] = FormatUtcTime(*m_state.locked_until);
    }
    return WriteFileAtomically(m_path, json.dump() + "\n");
}

}  // namespace treffpunkt
