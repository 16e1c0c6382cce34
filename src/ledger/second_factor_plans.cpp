#include "ledger/second_factor_plans.hpp"

#include <algorithm>

#include "core/limits.hpp"

namespace bank {

namespace {

SecondFactorPlan refused(SecondFactorStatus status) {
    SecondFactorPlan plan;
    plan.status = status;
    return plan;
}

SecondFactorPlan changed(SecondFactor next) {
    ++next.version;
    SecondFactorPlan plan;
    plan.next = std::move(next);
    return plan;
}

// A current code of a confirmed factor, not accepted before: what removal and regeneration
// need, and the last check of a sign-in or step-up.
SecondFactorStatus check_code(const SecondFactor& factor, MatchedStep step) {
    if (!step) return SecondFactorStatus::code_invalid;
    if (*step <= factor.last_used_step) return SecondFactorStatus::code_replayed;
    return SecondFactorStatus::ok;
}

SecondFactorStatus check_challenge(const SecondFactor& factor, const ChallengeUse& challenge) {
    if (challenge.now >= challenge.expires_at) return SecondFactorStatus::challenge_expired;
    if (challenge.issued_at <= factor.challenges_spent_through) {
        return SecondFactorStatus::challenge_spent;
    }
    return SecondFactorStatus::ok;
}

}  // namespace

std::string_view to_string(SecondFactorStatus status) {
    switch (status) {
        case SecondFactorStatus::ok:
            return "ok";
        case SecondFactorStatus::already_enrolled:
            return "already_enrolled";
        case SecondFactorStatus::not_enrolled:
            return "not_enrolled";
        case SecondFactorStatus::not_pending:
            return "not_pending";
        case SecondFactorStatus::challenge_expired:
            return "challenge_expired";
        case SecondFactorStatus::challenge_spent:
            return "challenge_spent";
        case SecondFactorStatus::code_invalid:
            return "code_invalid";
        case SecondFactorStatus::code_replayed:
            return "code_replayed";
        case SecondFactorStatus::recovery_code_invalid:
            return "recovery_code_invalid";
        case SecondFactorStatus::threshold_invalid:
            return "threshold_invalid";
    }
    return "ok";
}

SecondFactorPlan plan_totp_enrolment(const std::optional<SecondFactor>& current,
                                     std::string_view user_id, std::string sealed_secret) {
    if (current && current->enrolled()) return refused(SecondFactorStatus::already_enrolled);
    SecondFactor next = current.value_or(SecondFactor{});
    next.user_id = std::string(user_id);
    next.totp_secret_sealed = std::move(sealed_secret);
    next.totp_confirmed = false;
    next.recovery_code_hashes.clear();
    return changed(std::move(next));
}

SecondFactorPlan plan_totp_confirmation(const std::optional<SecondFactor>& current,
                                        MatchedStep step,
                                        std::vector<std::string> recovery_code_hashes) {
    if (current && current->enrolled()) return refused(SecondFactorStatus::already_enrolled);
    if (!current || current->totp_secret_sealed.empty()) {
        return refused(SecondFactorStatus::not_pending);
    }
    if (auto status = check_code(*current, step); status != SecondFactorStatus::ok) {
        return refused(status);
    }
    SecondFactor next = *current;
    next.totp_confirmed = true;
    next.last_used_step = *step;
    next.recovery_code_hashes = std::move(recovery_code_hashes);
    return changed(std::move(next));
}

SecondFactorPlan plan_totp_use(const std::optional<SecondFactor>& current, MatchedStep step,
                               const ChallengeUse& challenge) {
    if (!current || !current->enrolled()) return refused(SecondFactorStatus::not_enrolled);
    if (auto status = check_challenge(*current, challenge); status != SecondFactorStatus::ok) {
        return refused(status);
    }
    if (auto status = check_code(*current, step); status != SecondFactorStatus::ok) {
        return refused(status);
    }
    SecondFactor next = *current;
    next.last_used_step = *step;
    next.challenges_spent_through = challenge.issued_at;
    return changed(std::move(next));
}

SecondFactorPlan plan_recovery_code_use(const std::optional<SecondFactor>& current,
                                        std::string_view code_hash, const ChallengeUse& challenge) {
    if (!current || !current->enrolled()) return refused(SecondFactorStatus::not_enrolled);
    if (auto status = check_challenge(*current, challenge); status != SecondFactorStatus::ok) {
        return refused(status);
    }
    SecondFactor next = *current;
    auto& hashes = next.recovery_code_hashes;
    const auto found = std::find(hashes.begin(), hashes.end(), code_hash);
    if (code_hash.empty() || found == hashes.end()) {
        return refused(SecondFactorStatus::recovery_code_invalid);
    }
    hashes.erase(found);
    next.challenges_spent_through = challenge.issued_at;
    return changed(std::move(next));
}

SecondFactorPlan plan_totp_removal(const std::optional<SecondFactor>& current, MatchedStep step) {
    if (!current || !current->enrolled()) return refused(SecondFactorStatus::not_enrolled);
    if (auto status = check_code(*current, step); status != SecondFactorStatus::ok) {
        return refused(status);
    }
    SecondFactor next = *current;
    next.totp_secret_sealed.clear();
    next.totp_confirmed = false;
    next.recovery_code_hashes.clear();
    // Kept: a factor enrolled again later must not accept a code of a step already used.
    next.last_used_step = *step;
    return changed(std::move(next));
}

SecondFactorPlan plan_recovery_code_regeneration(const std::optional<SecondFactor>& current,
                                                 MatchedStep step,
                                                 std::vector<std::string> recovery_code_hashes) {
    if (!current || !current->enrolled()) return refused(SecondFactorStatus::not_enrolled);
    if (auto status = check_code(*current, step); status != SecondFactorStatus::ok) {
        return refused(status);
    }
    SecondFactor next = *current;
    next.last_used_step = *step;
    next.recovery_code_hashes = std::move(recovery_code_hashes);
    return changed(std::move(next));
}

SecondFactorPlan plan_step_up_threshold(const std::optional<SecondFactor>& current,
                                        std::string_view user_id, Money threshold) {
    if (threshold.cents() < 0 || threshold.cents() > limits::amount_cents_max) {
        return refused(SecondFactorStatus::threshold_invalid);
    }
    SecondFactor next = current.value_or(SecondFactor{});
    next.user_id = std::string(user_id);
    next.step_up_threshold = threshold;
    return changed(std::move(next));
}

std::optional<StepUpPolicy> parse_step_up_policy(std::string_view text) {
    for (auto policy : {StepUpPolicy::enrolled, StepUpPolicy::required, StepUpPolicy::off}) {
        if (to_string(policy) == text) return policy;
    }
    return std::nullopt;
}

std::string_view to_string(StepUpPolicy policy) {
    switch (policy) {
        case StepUpPolicy::enrolled:
            return "enrolled";
        case StepUpPolicy::required:
            return "required";
        case StepUpPolicy::off:
            return "off";
    }
    return "enrolled";
}

StepUpDecision decide_step_up(StepUpPolicy policy, bool enrolled, bool payee_paid_before,
                              Money amount, Money threshold) {
    if (policy == StepUpPolicy::off) return StepUpDecision::not_needed;
    if (payee_paid_before && amount <= threshold) return StepUpDecision::not_needed;
    if (enrolled) return StepUpDecision::needed;
    return policy == StepUpPolicy::required ? StepUpDecision::enrolment_required
                                            : StepUpDecision::not_needed;
}

bool step_up_depends_on_payee(StepUpPolicy policy, bool enrolled, Money amount, Money threshold) {
    return policy != StepUpPolicy::off && amount <= threshold &&
           (enrolled || policy == StepUpPolicy::required);
}

}  // namespace bank
