// The volunteers' PIN pad lock: after 5 wrong PINs in a row the pad locks for 5 minutes, each
// further lock twice as long (at most a day); a correct PIN starts over. The state is kept in a
// small file beside the database, so that the lock survives a restart. Time is injected; no UI.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "sync/model/result.hpp"
#include "sync/model/time.hpp"

namespace treffpunkt {

struct LoginGuardState {
    int wrong_in_row{0};                  // wrong PINs since the last success or lock
    int locks{0};                         // locks since the last success
    std::optional<UtcTime> locked_until;  // set while (or since) locked
    std::chrono::seconds lock_length{0};  // length of the current lock

    bool operator==(const LoginGuardState&) const = default;
};

class LoginGuard {
  public:
    static constexpr int kWrongPinsBeforeLock = 5;
    static constexpr std::chrono::seconds kFirstLock{5 * 60};
    static constexpr std::chrono::seconds kLongestLock{24 * 60 * 60};

    // `state_path` = the file that keeps the state ("" = memory only, for tests).
    explicit LoginGuard(std::string state_path = {});

    // Reads the state file; a missing file is a fresh state, a damaged one counts as one lock
    // (nobody gains attempts by corrupting it). Error "io.*" only if it cannot be read at all.
    Result<void> Load(UtcTime now);

    // True while the pad is locked. A clock set back never makes a lock longer than it was.
    bool Locked(UtcTime now) const;
    std::chrono::seconds Remaining(UtcTime now) const;
    // Wrong PINs left before the next lock.
    int AttemptsLeft() const { return kWrongPinsBeforeLock - m_state.wrong_in_row; }

    // Each saves the state at once (atomically).
    Result<void> RecordWrongPin(UtcTime now);
    Result<void> RecordSuccess();

    const LoginGuardState& state() const { return m_state; }

  private:
    Result<void> Save() const;

    std::string m_path;
    LoginGuardState m_state;
};

}  // namespace treffpunkt
