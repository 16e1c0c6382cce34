// The pieces under second factors: RFC 6238 codes through liboath (checked against the RFC's
// own test vectors), sealing secrets with AES-256-GCM, and signed challenges that bind a
// step-up to its payee and amount.
#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "core/secret_box.hpp"
#include "service/challenge_signer.hpp"
#include "service/qr_svg.hpp"
#include "service/second_factor_records.hpp"
#include "service/totp.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

// RFC 6238, Appendix B: the SHA-1 secret and the 8-digit codes at these instants; a 6-digit
// code is the last six digits.
const std::string rfc_secret = "12345678901234567890";

TEST(Totp, MatchesTheRfc6238TestVectorsToTheirStep) {
    EXPECT_EQ(Totp::matching_step(rfc_secret, "287082", from_micros(59'000'000)), 1);
    EXPECT_EQ(Totp::matching_step(rfc_secret, "081804", from_micros(1'111'111'109'000'000)),
              37'037'036);
    EXPECT_EQ(Totp::matching_step(rfc_secret, "005924", from_micros(1'234'567'890'000'000)),
              41'152'263);
}

TEST(Totp, AcceptsOneStepOfDriftEitherWayAndNoMore) {
    const Timestamp at = from_micros(1'111'111'109'000'000);  // step 37,037,036
    EXPECT_EQ(Totp::matching_step(rfc_secret, "081804", at + 30s), 37'037'036);
    EXPECT_EQ(Totp::matching_step(rfc_secret, "081804", at - 30s), 37'037'036);
    EXPECT_EQ(Totp::matching_step(rfc_secret, "081804", at + 60s), std::nullopt);
    EXPECT_EQ(Totp::matching_step(rfc_secret, "081804", at - 60s), std::nullopt);
}

TEST(Totp, RefusesAnythingButSixDigits) {
    const Timestamp at = from_micros(59'000'000);
    for (const char* code : {"", "28708", "2870820", "28708a", " 287082", "94287082"}) {
        EXPECT_EQ(Totp::matching_step(rfc_secret, code, at), std::nullopt) << code;
    }
}

TEST(Totp, SecretsAreBase32InTheOtpauthUri) {
    EXPECT_EQ(Totp::base32(rfc_secret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    EXPECT_EQ(Totp::otpauth_uri("Bank", "ada@example.com", rfc_secret),
              "otpauth://totp/Bank:ada%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
              "&issuer=Bank&algorithm=SHA1&digits=6&period=30");
    EXPECT_EQ(Totp::new_secret().size(), 20U);
    EXPECT_NE(Totp::new_secret(), Totp::new_secret());
}

TEST(SecretBox, OpensOnlyWithTheSameKeyAndOwner) {
    const SecretKey key = SecretKey::generate();
    const SecretBox box(key);
    const std::string sealed = box.seal(rfc_secret, "user-1");
    EXPECT_EQ(sealed.find(rfc_secret), std::string::npos);
    EXPECT_NE(box.seal(rfc_secret, "user-1"), sealed) << "a fresh nonce every time";
    EXPECT_EQ(box.open(sealed, "user-1"), rfc_secret);
    EXPECT_EQ(box.open(sealed, "user-2"), std::nullopt) << "copied into another record";
    EXPECT_EQ(SecretBox(SecretKey::generate()).open(sealed, "user-1"), std::nullopt);
    std::string tampered = sealed;
    tampered.back() = tampered.back() == '0' ? '1' : '0';
    EXPECT_EQ(box.open(tampered, "user-1"), std::nullopt);
    EXPECT_EQ(box.open("v1.zz", "user-1"), std::nullopt);
}

TEST(SecretKey, ReadsOnly64HexDigits) {
    const SecretKey key = SecretKey::generate();
    EXPECT_EQ(SecretKey::from_hex(key.to_hex())->to_hex(), key.to_hex());
    EXPECT_EQ(SecretKey::from_hex(key.to_hex().substr(1)), std::nullopt);
    EXPECT_EQ(SecretKey::from_hex(std::string(64, 'g')), std::nullopt);
}

TEST(ChallengeSigner, AStepUpIsBoundToItsPersonPayeeAndAmount) {
    const ChallengeSigner signer(SecretKey::generate());
    const Timestamp now = from_micros(1'781'524'800'000'000);
    const Money amount = Money::from_cents(100'00);
    const std::string id = signer.issue_step_up("u1", "1234567890", amount, now);
    EXPECT_EQ(id.find(':'), std::string::npos) << "fits X-Step-Up: <id>:<code>";
    EXPECT_EQ(signer.read_step_up(id, "u1", "1234567890", amount), now);
    EXPECT_EQ(signer.read_step_up(id, "u1", "1234567890", Money::from_cents(100'01)), std::nullopt);
    EXPECT_EQ(signer.read_step_up(id, "u1", "1234567891", amount), std::nullopt);
    EXPECT_EQ(signer.read_step_up(id, "u2", "1234567890", amount), std::nullopt);
    const ChallengeSigner other(SecretKey::generate());
    EXPECT_EQ(other.read_step_up(id, "u1", "1234567890", amount), std::nullopt);
}

TEST(ChallengeSigner, ASignInChallengeNamesItsPersonAndCannotBeForged) {
    const ChallengeSigner signer(SecretKey::generate());
    const Timestamp now = from_micros(1'781'524'800'000'000);
    const std::string id = signer.issue_sign_in("u1", now);
    const auto read = signer.read_sign_in(id);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->user_id, "u1");
    EXPECT_EQ(read->issued_at, now);
    std::string forged = id;
    forged.replace(forged.find("u1"), 2, "u2");
    EXPECT_EQ(signer.read_sign_in(forged), std::nullopt);
    EXPECT_EQ(signer.read_sign_in("si.u1.1.2"), std::nullopt);
    EXPECT_EQ(signer.read_sign_in(""), std::nullopt);
}

TEST(RecoveryCodes, TenDifferentCodesHashedIgnoringDashesSpacesAndCase) {
    const auto codes = SecondFactorRecords::new_recovery_codes();
    ASSERT_EQ(codes.size(), 10U);
    EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 10U);
    EXPECT_EQ(codes[0].size(), 19U);  // "abcd-ef01-2345-6789"
    const std::string hash = SecondFactorRecords::recovery_code_hash(codes[0]);
    EXPECT_EQ(hash.size(), 64U);
    std::string typed = codes[0];
    std::erase(typed, '-');
    for (auto& c : typed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(SecondFactorRecords::recovery_code_hash(" " + typed), hash);
    EXPECT_EQ(SecondFactorRecords::recovery_code_hash("abc"), "");
}

TEST(QrSvg, DrawsModulesWithoutAnythingThatRuns) {
    const std::string svg = qr_svg("otpauth://totp/Bank:ada?secret=GEZDGNBV");
    EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    EXPECT_NE(svg.find("h1v1h-1z"), std::string::npos);
    EXPECT_EQ(svg.find("script"), std::string::npos);
}

}  // namespace
}  // namespace bank
