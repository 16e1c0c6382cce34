#include "ledger/passkey_plans.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/passkey_limits.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

const Timestamp now = from_micros(1'781'524'800'000'000);

Passkey stored(std::string credential_id, Timestamp created_at = now - 1h) {
    Passkey passkey;
    passkey.credential_id = std::move(credential_id);
    passkey.user_id = "u1";
    passkey.user_handle = "handle";
    passkey.public_key_cose = "cose";
    passkey.name = "Laptop";
    passkey.sign_count = 5;
    passkey.created_at = created_at;
    passkey.challenges_spent_through = now - 10min;
    passkey.version = 3;
    return passkey;
}

Passkey candidate(std::string name = "Phone") {
    Passkey passkey;
    passkey.credential_id = "new-credential";
    passkey.user_id = "u1";
    passkey.user_handle = "handle";
    passkey.public_key_cose = "cose";
    passkey.name = std::move(name);
    return passkey;
}

ChallengeUse fresh_challenge() { return ChallengeUse{now - 1min, now + 4min, now}; }

std::vector<Passkey> full_set() {
    std::vector<Passkey> owned;
    for (std::size_t i = 0; i < limits::passkeys_per_user_max; ++i) {
        owned.push_back(stored("c" + std::to_string(i)));
    }
    return owned;
}

struct RegistrationCase {
    std::string name;
    std::vector<Passkey> owned;
    bool credential_taken;
    Passkey candidate;
    ChallengeUse challenge;
    PasskeyStatus status;
};

void PrintTo(const RegistrationCase& c, std::ostream* out) { *out << c.name; }

class PlanPasskeyRegistration : public testing::TestWithParam<RegistrationCase> {};

TEST_P(PlanPasskeyRegistration, DecidesInOrder) {
    const RegistrationCase& c = GetParam();
    const PasskeyPlan plan =
        plan_passkey_registration(c.owned, c.credential_taken, c.candidate, c.challenge);
    EXPECT_EQ(plan.status, c.status) << to_string(plan.status);
    if (plan.status == PasskeyStatus::ok) {
        EXPECT_EQ(plan.next.version, 1);
        EXPECT_EQ(plan.next.created_at, c.challenge.now);
        EXPECT_EQ(plan.next.challenges_spent_through, c.challenge.issued_at);
        EXPECT_EQ(plan.next.credential_id, c.candidate.credential_id);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanPasskeyRegistration,
    testing::Values(
        RegistrationCase{"first", {}, false, candidate(), fresh_challenge(), PasskeyStatus::ok},
        RegistrationCase{
            "second", {stored("c1")}, false, candidate(), fresh_challenge(), PasskeyStatus::ok},
        RegistrationCase{
            "empty_name", {}, false, candidate(""), fresh_challenge(), PasskeyStatus::name_invalid},
        RegistrationCase{"long_name",
                         {},
                         false,
                         candidate(std::string(limits::passkey_name_length_max + 1, 'a')),
                         fresh_challenge(),
                         PasskeyStatus::name_invalid},
        RegistrationCase{"control_character",
                         {},
                         false,
                         candidate("a\nb"),
                         fresh_challenge(),
                         PasskeyStatus::name_invalid},
        RegistrationCase{"name_at_the_limit",
                         {},
                         false,
                         candidate(std::string(limits::passkey_name_length_max, 'a')),
                         fresh_challenge(),
                         PasskeyStatus::ok},
        RegistrationCase{"limit_reached", full_set(), false, candidate(), fresh_challenge(),
                         PasskeyStatus::limit_reached},
        RegistrationCase{"taken_by_another_person",
                         {},
                         true,
                         candidate(),
                         fresh_challenge(),
                         PasskeyStatus::credential_taken},
        RegistrationCase{"own_duplicate",
                         {stored("new-credential")},
                         false,
                         candidate(),
                         fresh_challenge(),
                         PasskeyStatus::credential_taken},
        RegistrationCase{"expired",
                         {},
                         false,
                         candidate(),
                         ChallengeUse{now - 6min, now - 1min, now},
                         PasskeyStatus::challenge_expired},
        RegistrationCase{"challenge_reused_after_a_registration",
                         {stored("c1", now - 30s)},
                         false,
                         candidate(),
                         fresh_challenge(),
                         PasskeyStatus::challenge_spent},
        RegistrationCase{"challenge_issued_at_that_registration",
                         {stored("c1", now - 1min)},
                         false,
                         candidate(),
                         fresh_challenge(),
                         PasskeyStatus::challenge_spent}));

struct UseCase {
    std::string name;
    std::optional<Passkey> current;
    std::uint32_t sign_count;
    ChallengeUse challenge;
    PasskeyStatus status;
};

void PrintTo(const UseCase& c, std::ostream* out) { *out << c.name; }

class PlanPasskeyUse : public testing::TestWithParam<UseCase> {};

TEST_P(PlanPasskeyUse, DecidesInOrder) {
    const UseCase& c = GetParam();
    const PasskeyPlan plan = plan_passkey_use(c.current, c.sign_count, c.challenge);
    EXPECT_EQ(plan.status, c.status) << to_string(plan.status);
    if (plan.status == PasskeyStatus::ok) {
        EXPECT_EQ(plan.next.sign_count, c.sign_count);
        EXPECT_EQ(plan.next.last_used_at, c.challenge.now);
        EXPECT_EQ(plan.next.challenges_spent_through, c.challenge.issued_at);
        EXPECT_EQ(plan.next.version, c.current->version + 1);
    }
}

Passkey without_counter() {
    Passkey passkey = stored("c1");
    passkey.sign_count = 0;
    return passkey;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanPasskeyUse,
    testing::Values(
        UseCase{"counter_up", stored("c1"), 6, fresh_challenge(), PasskeyStatus::ok},
        UseCase{"counter_jumps", stored("c1"), 900, fresh_challenge(), PasskeyStatus::ok},
        UseCase{"no_counter_kept", without_counter(), 0, fresh_challenge(), PasskeyStatus::ok},
        UseCase{"counter_starts", without_counter(), 1, fresh_challenge(), PasskeyStatus::ok},
        UseCase{"unknown", std::nullopt, 6, fresh_challenge(), PasskeyStatus::not_found},
        UseCase{"expired", stored("c1"), 6, ChallengeUse{now - 6min, now - 1min, now},
                PasskeyStatus::challenge_expired},
        UseCase{"reused_challenge", stored("c1"), 6, ChallengeUse{now - 10min, now + 1min, now},
                PasskeyStatus::challenge_spent},
        UseCase{"older_challenge", stored("c1"), 6, ChallengeUse{now - 11min, now + 1min, now},
                PasskeyStatus::challenge_spent},
        UseCase{"counter_equal", stored("c1"), 5, fresh_challenge(),
                PasskeyStatus::counter_not_increasing},
        UseCase{"counter_back", stored("c1"), 4, fresh_challenge(),
                PasskeyStatus::counter_not_increasing},
        UseCase{"counter_reset_to_zero", stored("c1"), 0, fresh_challenge(),
                PasskeyStatus::counter_not_increasing}));

TEST(PlanPasskeyRename, RenamesOnlyTheOwnersPasskeyToAValidName) {
    const PasskeyPlan renamed = plan_passkey_rename(stored("c1"), "u1", "Work laptop");
    ASSERT_EQ(renamed.status, PasskeyStatus::ok);
    EXPECT_EQ(renamed.next.name, "Work laptop");
    EXPECT_EQ(renamed.next.version, 4);
    EXPECT_EQ(plan_passkey_rename(stored("c1"), "u2", "Mine").status, PasskeyStatus::not_found);
    EXPECT_EQ(plan_passkey_rename(std::nullopt, "u1", "Mine").status, PasskeyStatus::not_found);
    EXPECT_EQ(plan_passkey_rename(stored("c1"), "u1", "").status, PasskeyStatus::name_invalid);
}

TEST(PlanPasskeyRemoval, RemovesOnlyTheOwnersPasskey) {
    const PasskeyPlan removal = plan_passkey_removal(stored("c1"), "u1");
    ASSERT_EQ(removal.status, PasskeyStatus::ok);
    EXPECT_EQ(removal.next.version, 3);
    EXPECT_EQ(plan_passkey_removal(stored("c1"), "u2").status, PasskeyStatus::not_found);
    EXPECT_EQ(plan_passkey_removal(std::nullopt, "u1").status, PasskeyStatus::not_found);
}

}  // namespace
}  // namespace bank
