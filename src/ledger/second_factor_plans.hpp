#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "ledger/second_factor.hpp"

namespace bank {

// Why a second-factor command was refused; checked in the order listed.
enum class SecondFactorStatus {
    ok,
    already_enrolled,       // enrolment started while a confirmed factor exists
    not_enrolled,           // no confirmed factor (use, removal, regeneration)
    not_pending,            // confirmation without an enrolment started
    challenge_expired,      // the challenge's lifetime has passed
    challenge_spent,        // the challenge (or a later one) was used already
    code_invalid,           // the code matches no step of the window
    code_replayed,          // the code's step was accepted before
    recovery_code_invalid,  // not one of the unused recovery codes
    threshold_invalid,      // a step-up threshold below zero or above the transfer limit
};

std::string_view to_string(SecondFactorStatus status);

// The record to write (its version one more than the one it was decided on), or a refusal.
struct SecondFactorPlan {
    SecondFactorStatus status = SecondFactorStatus::ok;
    SecondFactor next;
};

// A challenge being answered: when it was issued and until when it holds.
struct ChallengeUse {
    Timestamp issued_at{};
    Timestamp expires_at{};
    Timestamp now{};
};

// The step whose code the person typed, as the TOTP check found it (nullopt: no step of the
// window matches).
using MatchedStep = std::optional<std::int64_t>;

// Starts (or restarts) an enrolment with a new sealed secret; refused while a confirmed
// factor exists (it must be removed first).
SecondFactorPlan plan_totp_enrolment(const std::optional<SecondFactor>& current,
                                     std::string_view user_id, std::string sealed_secret);
// Confirms a started enrolment with its first code and stores the recovery codes' hashes.
SecondFactorPlan plan_totp_confirmation(const std::optional<SecondFactor>& current,
                                        MatchedStep step,
                                        std::vector<std::string> recovery_code_hashes);
// A code answering a sign-in or step-up challenge: the challenge is spent with it.
SecondFactorPlan plan_totp_use(const std::optional<SecondFactor>& current, MatchedStep step,
                               const ChallengeUse& challenge);
// A recovery code answering a sign-in challenge: that code is used up with it.
SecondFactorPlan plan_recovery_code_use(const std::optional<SecondFactor>& current,
                                        std::string_view code_hash, const ChallengeUse& challenge);
// Removes the TOTP factor and its recovery codes (the threshold stays); needs a current code.
SecondFactorPlan plan_totp_removal(const std::optional<SecondFactor>& current, MatchedStep step);
// Replaces every recovery code; needs a current code.
SecondFactorPlan plan_recovery_code_regeneration(const std::optional<SecondFactor>& current,
                                                 MatchedStep step,
                                                 std::vector<std::string> recovery_code_hashes);
// Sets the amount above which a transfer needs a step-up (zero: every transfer).
SecondFactorPlan plan_step_up_threshold(const std::optional<SecondFactor>& current,
                                        std::string_view user_id, Money threshold);

// The operator's policy (BANK_STEP_UP): step-up for people with a factor (`enrolled`), for
// everyone, who must enrol first (`required`), or never (`off`).
enum class StepUpPolicy { enrolled, required, off };
std::optional<StepUpPolicy> parse_step_up_policy(std::string_view text);
std::string_view to_string(StepUpPolicy policy);

enum class StepUpDecision { not_needed, needed, enrolment_required };

// Whether a transfer needs a fresh second factor: one to a payee never paid before, or
// above the person's threshold, does, as the policy says.
StepUpDecision decide_step_up(StepUpPolicy policy, bool enrolled, bool payee_paid_before,
                              Money amount, Money threshold);

// Whether decide_step_up's answer for these facts turns on payee_paid_before: when it does
// not (no factor under `enrolled`, above the threshold, `off`), the caller skips reading the
// person's outgoing transfers, a page of history on every transfer.
bool step_up_depends_on_payee(StepUpPolicy policy, bool enrolled, Money amount, Money threshold);

}  // namespace bank
