#include "sync/protocol/pin.hpp"

#include <gtest/gtest.h>

using namespace treffpunkt::protocol;

TEST(Pin, OnlyLongEnoughDigitStrings) {
    EXPECT_EQ(PinProblem("123456"), "");
    EXPECT_EQ(PinProblem("12345"), "a PIN needs at least 6 digits");
    EXPECT_EQ(PinProblem("12345a"), "a PIN consists of digits only");
    EXPECT_EQ(PinProblem(std::string(65, '1')), "a PIN has at most 64 digits");
}

TEST(Pin, AVerifierAcceptsItsPinAndNoOther) {
    auto verifier = MakePinVerifier("246810", InsecureTestArgon2Params());
    ASSERT_TRUE(verifier);
    EXPECT_TRUE(verifier->starts_with("$argon2id$"));
    EXPECT_TRUE(VerifyPin(*verifier, "246810"));
    EXPECT_FALSE(VerifyPin(*verifier, "246811"));
    EXPECT_FALSE(VerifyPin(*verifier, ""));
    EXPECT_FALSE(VerifyPin("not a verifier", "246810"));
    // Two verifiers of the same PIN differ (random salt).
    EXPECT_NE(*verifier, *MakePinVerifier("246810", InsecureTestArgon2Params()));
}
