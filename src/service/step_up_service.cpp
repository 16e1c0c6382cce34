#include "service/step_up_service.hpp"

#include "core/second_factor_limits.hpp"
#include "ledger/account_number.hpp"
#include "ledger/idempotency_plan.hpp"
#include "ledger/payee_history.hpp"
#include "service/second_factor_service.hpp"

namespace bank {

namespace {

Error enrolment_required() {
    return make_error(ErrorCode::forbidden,
                      "This transfer needs a second factor: add an authenticator app on your "
                      "security page first.");
}

Error answer_not_bound() {
    return make_error(ErrorCode::unauthenticated,
                      "That approval was for another payee or amount, or is not valid; "
                      "approve this transfer again.");
}

// "Approved a transfer of $12.50 to 1234567890" or "... a bulk payment of 3 transfers
// totalling $90.00": what the audit log says was approved.
std::string approved_text(const StepUpChallenge& bound) {
    if (bound.count == 0) {
        return "Approved a transfer of " + bound.amount.display() + " to " + bound.payee;
    }
    return "Approved a bulk payment of " + std::to_string(bound.count) + " transfers totalling " +
           bound.amount.display();
}

}  // namespace

std::optional<StepUpAnswer> StepUpService::parse_header(std::string_view value) {
    const auto colon = value.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    return StepUpAnswer{std::string(value.substr(0, colon)), std::string(value.substr(colon + 1)),
                        std::nullopt};
}

std::optional<StepUpAnswer> StepUpService::passkey_answer(WebAuthnAssertionResponse response) {
    auto challenge_id = challenge_of_assertion(response);
    if (!challenge_id) return std::nullopt;
    return StepUpAnswer{std::move(*challenge_id), "", std::move(response)};
}

bool StepUpService::is_remembered_request(std::string_view user_id,
                                          std::string_view idempotency_key) {
    if (idempotency_key.empty()) return false;
    const auto earlier = ledger_.find_remembered_request(user_id, idempotency_key);
    return earlier && earlier->created_at > idempotency_window_start(records_.clock().now());
}

boost::asio::awaitable<Result<StepUpOutcome>> StepUpService::check_transfer(
    const Identity& identity, std::string_view to_account_number, std::string_view amount_text,
    std::optional<StepUpAnswer> answer, std::string client_address) {
    if (policy_ == StepUpPolicy::off) co_return StepUpOutcome{};
    const auto amount = Money::parse(amount_text);
    const auto payee = AccountNumber::parse(to_account_number);
    if (!amount || !payee) co_return StepUpOutcome{};
    const std::string& user_id = identity.user.user_id;
    const auto record = records_.find(user_id);
    const bool totp = record && record->enrolled();
    std::vector<std::string> passkey_ids = passkeys_.step_up_credential_ids(user_id);
    const Money threshold = record ? record->step_up_threshold : step_up_threshold_default;
    const bool enrolled = totp || !passkey_ids.empty();
    const bool paid_before =
        step_up_depends_on_payee(policy_, enrolled, *amount, threshold) &&
        payee_paid_before(ledger_, user_id, *payee, limits::step_up_payee_history_rows_max);
    switch (decide_step_up(policy_, enrolled, paid_before, *amount, threshold)) {
        case StepUpDecision::not_needed:
            co_return StepUpOutcome{};
        case StepUpDecision::enrolment_required:
            co_return enrolment_required();
        case StepUpDecision::needed:
            break;
    }
    const Timestamp now = records_.clock().now();
    StepUpChallenge bound{"",      *payee,
                          *amount, now + limits::step_up_challenge_lifetime,
                          totp,    std::move(passkey_ids)};
    if (answer) co_return co_await answer_challenge(identity, bound, *answer, client_address);
    bound.challenge_id = challenges_.issue_step_up(user_id, *payee, *amount, now);
    co_return StepUpOutcome{bound};
}

boost::asio::awaitable<Result<StepUpOutcome>> StepUpService::answer_challenge(
    const Identity& identity, const StepUpChallenge& bound, const StepUpAnswer& answer,
    std::string client_address) {
    const User& user = identity.user;
    if (user.locked_until > records_.clock().now()) co_return auth_.sign_in_locked(user);
    const auto issued_at =
        challenges_.read_step_up(answer.challenge_id, user.user_id, bound.payee, bound.amount);
    if (!issued_at) co_return answer_not_bound();
    if (!answer.passkey) {
        co_return co_await answer_with_code(user, bound, *issued_at, answer, client_address);
    }
    auto passkey_name = co_await passkeys_.approve_step_up(user, answer.challenge_id, *issued_at,
                                                           *answer.passkey, client_address);
    if (!passkey_name) co_return passkey_name.error();
    audit_log_.record(
        audit_log_.make(user.user_id, AuditEventKind::passkey_used, client_address,
                        approved_text(bound) + " with passkey \"" + *passkey_name + "\""));
    co_return StepUpOutcome{};
}

boost::asio::awaitable<Error> StepUpService::refuse_code(const User& user,
                                                         SecondFactorStatus status,
                                                         std::string client_address) {
    const bool a_guess = status == SecondFactorStatus::code_invalid ||
                         status == SecondFactorStatus::code_replayed ||
                         status == SecondFactorStatus::challenge_spent;
    if (a_guess) {
        // A named detail: GCC 12 destroys a temporary in a co_await expression twice.
        std::string detail = "A wrong or used code approving a transfer";
        const Error counted =
            co_await auth_.record_second_factor_failure(user, client_address, std::move(detail));
        if (counted.code == ErrorCode::account_locked) co_return counted;
    }
    co_return second_factor_error(status);
}

boost::asio::awaitable<Result<StepUpOutcome>> StepUpService::answer_with_code(
    const User& user, const StepUpChallenge& bound, Timestamp issued_at, const StepUpAnswer& answer,
    std::string client_address) {
    const SecondFactorPlan plan =
        records_.decide_and_write(user.user_id, [&](const std::optional<SecondFactor>& current) {
            const ChallengeUse use{issued_at, issued_at + limits::step_up_challenge_lifetime,
                                   records_.clock().now()};
            return plan_totp_use(current, records_.matching_step(current, answer.code), use);
        });
    if (plan.status != SecondFactorStatus::ok) {
        co_return co_await refuse_code(user, plan.status, std::move(client_address));
    }
    if (plan.next.version == 0) co_return answer_not_bound();
    audit_log_.record(audit_log_.make(user.user_id, AuditEventKind::second_factor_used,
                                      client_address, approved_text(bound)));
    co_return StepUpOutcome{};
}

}  // namespace bank
