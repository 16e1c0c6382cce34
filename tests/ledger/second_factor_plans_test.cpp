#include "ledger/second_factor_plans.hpp"

#include <gtest/gtest.h>

#include <string>

namespace bank {
namespace {

using namespace std::chrono_literals;

const Timestamp now = from_micros(1'781'524'800'000'000);
constexpr std::int64_t step = 59'384'160;

SecondFactor enrolled() {
    SecondFactor factor;
    factor.user_id = "u1";
    factor.totp_secret_sealed = "v1.sealed";
    factor.totp_confirmed = true;
    factor.last_used_step = step - 1;
    factor.recovery_code_hashes = {"h1", "h2"};
    factor.challenges_spent_through = now - 10min;
    factor.version = 4;
    return factor;
}

SecondFactor pending() {
    SecondFactor factor = enrolled();
    factor.totp_confirmed = false;
    factor.recovery_code_hashes.clear();
    return factor;
}

ChallengeUse fresh_challenge() { return ChallengeUse{now - 1min, now + 4min, now}; }

struct UseCase {
    std::string name;
    std::optional<SecondFactor> current;
    MatchedStep matched;
    ChallengeUse challenge;
    SecondFactorStatus status;
};

void PrintTo(const UseCase& c, std::ostream* out) { *out << c.name; }

class PlanTotpUse : public testing::TestWithParam<UseCase> {};

TEST_P(PlanTotpUse, DecidesInOrder) {
    const UseCase& c = GetParam();
    const SecondFactorPlan plan = plan_totp_use(c.current, c.matched, c.challenge);
    EXPECT_EQ(plan.status, c.status) << to_string(plan.status);
    if (plan.status == SecondFactorStatus::ok) {
        EXPECT_EQ(plan.next.last_used_step, *c.matched);
        EXPECT_EQ(plan.next.challenges_spent_through, c.challenge.issued_at);
        EXPECT_EQ(plan.next.version, c.current->version + 1);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanTotpUse,
    testing::Values(
        UseCase{"a_fresh_code", enrolled(), step, fresh_challenge(), SecondFactorStatus::ok},
        UseCase{"no_record", std::nullopt, step, fresh_challenge(),
                SecondFactorStatus::not_enrolled},
        UseCase{"only_pending", pending(), step, fresh_challenge(),
                SecondFactorStatus::not_enrolled},
        UseCase{"challenge_at_its_expiry", enrolled(), step, ChallengeUse{now - 5min, now, now},
                SecondFactorStatus::challenge_expired},
        UseCase{"challenge_spent", enrolled(), step, ChallengeUse{now - 10min, now + 1min, now},
                SecondFactorStatus::challenge_spent},
        UseCase{"challenge_older_than_a_spent_one", enrolled(), step,
                ChallengeUse{now - 11min, now + 1min, now}, SecondFactorStatus::challenge_spent},
        UseCase{"no_step_matches", enrolled(), std::nullopt, fresh_challenge(),
                SecondFactorStatus::code_invalid},
        UseCase{"the_last_used_step_again", enrolled(), step - 1, fresh_challenge(),
                SecondFactorStatus::code_replayed},
        UseCase{"an_earlier_step", enrolled(), step - 2, fresh_challenge(),
                SecondFactorStatus::code_replayed},
        // An expired challenge is refused before the code is looked at.
        UseCase{"expired_and_replayed", enrolled(), step - 1,
                ChallengeUse{now - 6min, now - 1min, now}, SecondFactorStatus::challenge_expired}));

TEST(PlanTotpEnrolment, StartsOrRestartsButNeverReplacesAConfirmedFactor) {
    const auto started = plan_totp_enrolment(std::nullopt, "u1", "v1.a");
    EXPECT_EQ(started.status, SecondFactorStatus::ok);
    EXPECT_EQ(started.next.version, 1);
    EXPECT_FALSE(started.next.totp_confirmed);
    EXPECT_EQ(started.next.step_up_threshold, step_up_threshold_default);
    const auto restarted = plan_totp_enrolment(pending(), "u1", "v1.b");
    EXPECT_EQ(restarted.next.totp_secret_sealed, "v1.b");
    EXPECT_EQ(restarted.next.last_used_step, step - 1) << "the used steps stay used";
    EXPECT_EQ(plan_totp_enrolment(enrolled(), "u1", "v1.c").status,
              SecondFactorStatus::already_enrolled);
}

TEST(PlanTotpConfirmation, NeedsAPendingEnrolmentAndAFreshCode) {
    EXPECT_EQ(plan_totp_confirmation(std::nullopt, step, {}).status,
              SecondFactorStatus::not_pending);
    EXPECT_EQ(plan_totp_confirmation(enrolled(), step, {}).status,
              SecondFactorStatus::already_enrolled);
    EXPECT_EQ(plan_totp_confirmation(pending(), std::nullopt, {}).status,
              SecondFactorStatus::code_invalid);
    EXPECT_EQ(plan_totp_confirmation(pending(), step - 1, {}).status,
              SecondFactorStatus::code_replayed);
    const auto confirmed = plan_totp_confirmation(pending(), step, {"a", "b"});
    ASSERT_EQ(confirmed.status, SecondFactorStatus::ok);
    EXPECT_TRUE(confirmed.next.enrolled());
    EXPECT_EQ(confirmed.next.last_used_step, step);
    EXPECT_EQ(confirmed.next.recovery_code_hashes, (std::vector<std::string>{"a", "b"}));
}

TEST(PlanRecoveryCodeUse, UsesUpTheCodeAndSpendsTheChallenge) {
    const auto used = plan_recovery_code_use(enrolled(), "h2", fresh_challenge());
    ASSERT_EQ(used.status, SecondFactorStatus::ok);
    EXPECT_EQ(used.next.recovery_code_hashes, std::vector<std::string>{"h1"});
    EXPECT_EQ(used.next.challenges_spent_through, fresh_challenge().issued_at);
    EXPECT_EQ(used.next.last_used_step, step - 1) << "no TOTP step is used";
    EXPECT_EQ(plan_recovery_code_use(used.next, "h2", ChallengeUse{now, now + 5min, now}).status,
              SecondFactorStatus::recovery_code_invalid);
    EXPECT_EQ(plan_recovery_code_use(enrolled(), "", fresh_challenge()).status,
              SecondFactorStatus::recovery_code_invalid);
    EXPECT_EQ(plan_recovery_code_use(pending(), "h1", fresh_challenge()).status,
              SecondFactorStatus::not_enrolled);
    EXPECT_EQ(
        plan_recovery_code_use(enrolled(), "h1", ChallengeUse{now - 6min, now - 1min, now}).status,
        SecondFactorStatus::challenge_expired);
}

TEST(PlanTotpRemoval, NeedsAFreshCodeAndKeepsTheThresholdAndUsedSteps) {
    SecondFactor factor = enrolled();
    factor.step_up_threshold = Money::from_cents(5'00);
    EXPECT_EQ(plan_totp_removal(factor, step - 1).status, SecondFactorStatus::code_replayed);
    EXPECT_EQ(plan_totp_removal(factor, std::nullopt).status, SecondFactorStatus::code_invalid);
    EXPECT_EQ(plan_totp_removal(std::nullopt, step).status, SecondFactorStatus::not_enrolled);
    const auto removed = plan_totp_removal(factor, step);
    ASSERT_EQ(removed.status, SecondFactorStatus::ok);
    EXPECT_FALSE(removed.next.enrolled());
    EXPECT_TRUE(removed.next.totp_secret_sealed.empty());
    EXPECT_TRUE(removed.next.recovery_code_hashes.empty());
    EXPECT_EQ(removed.next.last_used_step, step);
    EXPECT_EQ(removed.next.step_up_threshold, Money::from_cents(5'00));
}

TEST(PlanRecoveryCodeRegeneration, ReplacesEveryCodeWithAFreshCode) {
    EXPECT_EQ(plan_recovery_code_regeneration(enrolled(), step - 1, {"x"}).status,
              SecondFactorStatus::code_replayed);
    const auto renewed = plan_recovery_code_regeneration(enrolled(), step + 1, {"x", "y"});
    ASSERT_EQ(renewed.status, SecondFactorStatus::ok);
    EXPECT_EQ(renewed.next.recovery_code_hashes, (std::vector<std::string>{"x", "y"}));
    EXPECT_EQ(renewed.next.last_used_step, step + 1);
}

TEST(PlanStepUpThreshold, FromZeroToTheTransferLimit) {
    EXPECT_EQ(plan_step_up_threshold(std::nullopt, "u1", Money::from_cents(0)).status,
              SecondFactorStatus::ok);
    EXPECT_EQ(plan_step_up_threshold(std::nullopt, "u1", Money::from_cents(1'000'000'00)).status,
              SecondFactorStatus::ok);
    EXPECT_EQ(plan_step_up_threshold(std::nullopt, "u1", Money::from_cents(1'000'000'01)).status,
              SecondFactorStatus::threshold_invalid);
    EXPECT_EQ(plan_step_up_threshold(std::nullopt, "u1", Money::from_cents(-1)).status,
              SecondFactorStatus::threshold_invalid);
    const auto kept = plan_step_up_threshold(enrolled(), "u1", Money::from_cents(1'00));
    EXPECT_TRUE(kept.next.enrolled()) << "the factor is untouched";
    EXPECT_EQ(kept.next.version, 5);
}

struct StepUpCase {
    std::string name;
    StepUpPolicy policy;
    bool enrolled;
    bool paid_before;
    std::int64_t amount_cents;
    StepUpDecision decision;
};

void PrintTo(const StepUpCase& c, std::ostream* out) { *out << c.name; }

class DecideStepUp : public testing::TestWithParam<StepUpCase> {};

TEST_P(DecideStepUp, Decides) {
    const StepUpCase& c = GetParam();
    EXPECT_EQ(decide_step_up(c.policy, c.enrolled, c.paid_before, Money::from_cents(c.amount_cents),
                             step_up_threshold_default),
              c.decision);
}

constexpr auto enrolled_policy = StepUpPolicy::enrolled;
constexpr auto required_policy = StepUpPolicy::required;
constexpr auto needed = StepUpDecision::needed;
constexpr auto not_needed = StepUpDecision::not_needed;

INSTANTIATE_TEST_SUITE_P(
    Cases, DecideStepUp,
    testing::Values(
        StepUpCase{"known_payee_small", enrolled_policy, true, true, 10'00, not_needed},
        StepUpCase{"known_payee_at_the_threshold", enrolled_policy, true, true, 1'000'00,
                   not_needed},
        StepUpCase{"known_payee_above_the_threshold", enrolled_policy, true, true, 1'000'01,
                   needed},
        StepUpCase{"new_payee_small", enrolled_policy, true, false, 1, needed},
        StepUpCase{"not_enrolled_new_payee", enrolled_policy, false, false, 5'000'00, not_needed},
        StepUpCase{"required_not_enrolled_new_payee", required_policy, false, false, 1,
                   StepUpDecision::enrolment_required},
        StepUpCase{"required_not_enrolled_known_small", required_policy, false, true, 1,
                   not_needed},
        StepUpCase{"required_enrolled_above", required_policy, true, true, 2'000'00, needed},
        StepUpCase{"off_anything", StepUpPolicy::off, true, false, 9'000'00, not_needed}));

struct PayeeDependenceCase {
    std::string name;
    StepUpPolicy policy;
    bool enrolled;
    std::int64_t amount_cents;
    bool depends;
};

void PrintTo(const PayeeDependenceCase& c, std::ostream* out) { *out << c.name; }

class StepUpDependsOnPayee : public testing::TestWithParam<PayeeDependenceCase> {};

TEST_P(StepUpDependsOnPayee, SaysWhenTheHistoryMustBeRead) {
    const PayeeDependenceCase& c = GetParam();
    const Money amount = Money::from_cents(c.amount_cents);
    EXPECT_EQ(step_up_depends_on_payee(c.policy, c.enrolled, amount, step_up_threshold_default),
              c.depends);
    // The history may be skipped only when both answers of decide_step_up are the same.
    const bool answers_differ =
        decide_step_up(c.policy, c.enrolled, true, amount, step_up_threshold_default) !=
        decide_step_up(c.policy, c.enrolled, false, amount, step_up_threshold_default);
    EXPECT_EQ(answers_differ, c.depends);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, StepUpDependsOnPayee,
    testing::Values(
        PayeeDependenceCase{"enrolled_small", enrolled_policy, true, 10'00, true},
        PayeeDependenceCase{"enrolled_at_the_threshold", enrolled_policy, true, 1'000'00, true},
        PayeeDependenceCase{"enrolled_above", enrolled_policy, true, 1'000'01, false},
        PayeeDependenceCase{"not_enrolled_small", enrolled_policy, false, 1, false},
        PayeeDependenceCase{"not_enrolled_above", enrolled_policy, false, 5'000'00, false},
        PayeeDependenceCase{"required_not_enrolled_small", required_policy, false, 1, true},
        PayeeDependenceCase{"required_not_enrolled_above", required_policy, false, 2'000'00, false},
        PayeeDependenceCase{"required_enrolled_small", required_policy, true, 1, true},
        PayeeDependenceCase{"off_enrolled_small", StepUpPolicy::off, true, 1, false},
        PayeeDependenceCase{"off_not_enrolled", StepUpPolicy::off, false, 1, false}));

TEST(StepUpPolicy, ParsesItsThreeNames) {
    EXPECT_EQ(parse_step_up_policy("enrolled"), StepUpPolicy::enrolled);
    EXPECT_EQ(parse_step_up_policy("required"), StepUpPolicy::required);
    EXPECT_EQ(parse_step_up_policy("off"), StepUpPolicy::off);
    EXPECT_EQ(parse_step_up_policy("on"), std::nullopt);
}

}  // namespace
}  // namespace bank
