#include "kiosk/app/login_guard.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/temp_dir.hpp"

using namespace treffpunkt;
using namespace std::chrono;

namespace {
UtcTime T0() {
    return *ParseUtcTime("2026-11-25T10:00:00Z");
}
}  // namespace

TEST(LoginGuard, FiveWrongPinsLockForFiveMinutes) {
    LoginGuard guard;
    for (int i = 0; i < 4; ++i) {
        ASSERT_TRUE(guard.RecordWrongPin(T0()));
        EXPECT_FALSE(guard.Locked(T0()));
    }
    EXPECT_EQ(guard.AttemptsLeft(), 1);
    ASSERT_TRUE(guard.RecordWrongPin(T0()));
    EXPECT_TRUE(guard.Locked(T0()));
    EXPECT_EQ(guard.Remaining(T0() + minutes{1}), minutes{4});
    EXPECT_FALSE(guard.Locked(T0() + minutes{5}));
    EXPECT_EQ(guard.AttemptsLeft(), 5);
}

TEST(LoginGuard, EachFurtherLockIsTwiceAsLong) {
    LoginGuard guard;
    UtcTime now = T0();
    std::vector<seconds> lengths;
    for (int lock = 0; lock < 4; ++lock) {
        for (int i = 0; i < 5; ++i) {
            ASSERT_TRUE(guard.RecordWrongPin(now));
        }
        lengths.push_back(guard.Remaining(now));
        now += guard.Remaining(now);
    }
    EXPECT_EQ(lengths, (std::vector<seconds>{minutes{5}, minutes{10}, minutes{20}, minutes{40}}));
    // A correct PIN starts over.
    ASSERT_TRUE(guard.RecordSuccess());
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(guard.RecordWrongPin(now));
    }
    EXPECT_EQ(guard.Remaining(now), minutes{5});
}

TEST(LoginGuard, WrongPinsWhileLockedDoNotCount) {
    LoginGuard guard;
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(guard.RecordWrongPin(T0()));
    }
    for (int i = 0; i < 20; ++i) {
        ASSERT_TRUE(guard.RecordWrongPin(T0() + seconds{i}));
    }
    EXPECT_EQ(guard.state().locks, 1);
}

TEST(LoginGuard, TheLockSurvivesARestart) {
    test::TempDir dir;
    const std::string path = dir.File("login-lock.json");
    {
        LoginGuard guard(path);
        ASSERT_TRUE(guard.Load(T0()));
        for (int i = 0; i < 5; ++i) {
            ASSERT_TRUE(guard.RecordWrongPin(T0()));
        }
    }
    LoginGuard again(path);
    ASSERT_TRUE(again.Load(T0() + minutes{2}));
    EXPECT_TRUE(again.Locked(T0() + minutes{2}));
    EXPECT_EQ(again.Remaining(T0() + minutes{2}), minutes{3});
}

TEST(LoginGuard, ASetBackClockNeverLengthensALock) {
    LoginGuard guard;
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(guard.RecordWrongPin(T0()));
    }
    EXPECT_EQ(guard.Remaining(T0() - hours{24 * 365}), minutes{5});
}

TEST(LoginGuard, ADamagedFileLocksRatherThanResets) {
    test::TempDir dir;
    const std::string path = dir.File("login-lock.json");
    std::ofstream(path) << "{ garbage";
    LoginGuard guard(path);
    ASSERT_TRUE(guard.Load(T0()));
    EXPECT_TRUE(guard.Locked(T0()));
}
