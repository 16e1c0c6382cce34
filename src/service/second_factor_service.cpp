#include "service/second_factor_service.hpp"

#include <spdlog/spdlog.h>

#include "core/limits.hpp"
#include "core/second_factor_limits.hpp"
#include "service/qr_svg.hpp"
#include "service/totp.hpp"
#include "service/validation.hpp"

namespace bank {

namespace {

Error lost_every_race() {
    return make_error(ErrorCode::conflict,
                      "Your security settings changed at the same moment; please try again.");
}

// What a refused code's audit event says (never the code itself).
std::string_view failure_detail(SecondFactorStatus status) {
    switch (status) {
        case SecondFactorStatus::code_replayed:
            return "A code that was used already";
        case SecondFactorStatus::recovery_code_invalid:
            return "A wrong or used recovery code";
        case SecondFactorStatus::challenge_spent:
            return "An approval that was used already";
        default:
            return "A wrong code";
    }
}

}  // namespace

Error second_factor_error(SecondFactorStatus status) {
    switch (status) {
        case SecondFactorStatus::already_enrolled:
            return make_error(ErrorCode::conflict,
                              "An authenticator app is set up already; remove it first.");
        case SecondFactorStatus::not_enrolled:
            return make_error(ErrorCode::conflict, "No authenticator app is set up.");
        case SecondFactorStatus::not_pending:
            return make_error(ErrorCode::conflict,
                              "Start adding an authenticator app first; then confirm it.");
        case SecondFactorStatus::challenge_expired:
            return make_error(ErrorCode::unauthenticated,
                              "That approval has expired; please start again.");
        case SecondFactorStatus::challenge_spent:
            return make_error(ErrorCode::unauthenticated,
                              "That approval was used already; please start again.");
        case SecondFactorStatus::code_invalid:
            return make_error(ErrorCode::unauthenticated,
                              "The code is not right. Type the 6 digits your app shows now.",
                              "code");
        case SecondFactorStatus::code_replayed:
            return make_error(ErrorCode::unauthenticated,
                              "That code was used already; wait for the next one.", "code");
        case SecondFactorStatus::recovery_code_invalid:
            return make_error(ErrorCode::unauthenticated,
                              "That recovery code is not right or was used already.",
                              "recovery_code");
        case SecondFactorStatus::threshold_invalid:
            return make_error(ErrorCode::validation_failed,
                              "The amount must be between $0.00 and " +
                                  Money::from_cents(limits::amount_cents_max).display() + ".",
                              "step_up_threshold");
        case SecondFactorStatus::ok:
            break;
    }
    return make_error(ErrorCode::unavailable, "Please try again.");
}

std::string SecondFactorService::issuer_label(const User& user) const { return user.email; }

SecondFactorSummary SecondFactorService::summary(const Identity& identity) {
    SecondFactorSummary summary;
    const auto record = records_.find(identity.user.user_id);
    if (!record) return summary;
    summary.enrolled = record->enrolled();
    summary.pending = !record->totp_secret_sealed.empty() && !record->totp_confirmed;
    summary.recovery_codes_left = record->enrolled() ? record->recovery_code_hashes.size() : 0;
    summary.step_up_threshold = record->step_up_threshold;
    return summary;
}

Result<TotpEnrolment> SecondFactorService::start_enrolment(const Identity& identity) {
    const std::string& user_id = identity.user.user_id;
    const std::string secret = Totp::new_secret();
    const std::string sealed = records_.seal(secret, user_id);
    const SecondFactorPlan plan =
        records_.decide_and_write(user_id, [&](const std::optional<SecondFactor>& current) {
            return plan_totp_enrolment(current, user_id, sealed);
        });
    if (plan.status != SecondFactorStatus::ok) return second_factor_error(plan.status);
    if (plan.next.version == 0) return lost_every_race();
    return TotpEnrolment{Totp::base32(secret),
                         Totp::otpauth_uri(issuer_, issuer_label(identity.user), secret)};
}

Result<TotpEnrolment> SecondFactorService::pending_enrolment(const Identity& identity) {
    const auto record = records_.find(identity.user.user_id);
    if (!record || record->totp_confirmed) {
        return second_factor_error(SecondFactorStatus::not_pending);
    }
    const auto secret = records_.open_secret(*record);
    if (!secret) return second_factor_error(SecondFactorStatus::not_pending);
    return TotpEnrolment{Totp::base32(*secret),
                         Totp::otpauth_uri(issuer_, issuer_label(identity.user), *secret)};
}

Result<std::string> SecondFactorService::enrolment_qr_svg(const Identity& identity) {
    auto enrolment = pending_enrolment(identity);
    if (!enrolment) return enrolment.error();
    return qr_svg(enrolment->otpauth_uri);
}

boost::asio::awaitable<Error> SecondFactorService::refuse(const User& user,
                                                          SecondFactorStatus status,
                                                          const std::string& client_address) {
    const bool a_guess = status == SecondFactorStatus::code_invalid ||
                         status == SecondFactorStatus::code_replayed ||
                         status == SecondFactorStatus::recovery_code_invalid ||
                         status == SecondFactorStatus::challenge_spent;
    if (!a_guess) co_return second_factor_error(status);
    // A named detail: GCC 12 destroys a temporary in a co_await expression twice.
    std::string detail(failure_detail(status));
    const Error counted =
        co_await auth_.record_second_factor_failure(user, client_address, std::move(detail));
    if (counted.code == ErrorCode::account_locked) co_return counted;
    co_return second_factor_error(status);
}

boost::asio::awaitable<Result<std::vector<std::string>>> SecondFactorService::confirm_enrolment(
    const Identity& identity, std::string code, std::string client_address) {
    const std::string& user_id = identity.user.user_id;
    std::vector<std::string> codes = SecondFactorRecords::new_recovery_codes();
    const SecondFactorPlan plan =
        records_.decide_and_write(user_id, [&](const std::optional<SecondFactor>& current) {
            return plan_totp_confirmation(current, records_.matching_step(current, code),
                                          SecondFactorRecords::hashes_of(codes));
        });
    if (plan.status != SecondFactorStatus::ok) {
        co_return co_await refuse(identity.user, plan.status, client_address);
    }
    if (plan.next.version == 0) co_return lost_every_race();
    PendingWrite audit = audit_log_.record_alongside(audit_log_.make(
        user_id, AuditEventKind::second_factor_enrolled, client_address, "Authenticator app"));
    co_await audit.wait();
    spdlog::info("user {} enrolled a TOTP second factor", user_id);
    co_return codes;
}

boost::asio::awaitable<Result<Unit>> SecondFactorService::remove(const Identity& identity,
                                                                 std::string code,
                                                                 std::string client_address) {
    const std::string& user_id = identity.user.user_id;
    const SecondFactorPlan plan =
        records_.decide_and_write(user_id, [&](const std::optional<SecondFactor>& current) {
            return plan_totp_removal(current, records_.matching_step(current, code));
        });
    if (plan.status != SecondFactorStatus::ok) {
        co_return co_await refuse(identity.user, plan.status, client_address);
    }
    if (plan.next.version == 0) co_return lost_every_race();
    PendingWrite audit = audit_log_.record_alongside(audit_log_.make(
        user_id, AuditEventKind::second_factor_removed, client_address, "Authenticator app"));
    co_await audit.wait();
    spdlog::info("user {} removed their TOTP second factor", user_id);
    co_return Unit{};
}

boost::asio::awaitable<Result<std::vector<std::string>>>
SecondFactorService::regenerate_recovery_codes(const Identity& identity, std::string code,
                                               std::string client_address) {
    const std::string& user_id = identity.user.user_id;
    std::vector<std::string> codes = SecondFactorRecords::new_recovery_codes();
    const SecondFactorPlan plan =
        records_.decide_and_write(user_id, [&](const std::optional<SecondFactor>& current) {
            return plan_recovery_code_regeneration(current, records_.matching_step(current, code),
                                                   SecondFactorRecords::hashes_of(codes));
        });
    if (plan.status != SecondFactorStatus::ok) {
        co_return co_await refuse(identity.user, plan.status, client_address);
    }
    if (plan.next.version == 0) co_return lost_every_race();
    PendingWrite audit = audit_log_.record_alongside(
        audit_log_.make(user_id, AuditEventKind::recovery_codes_regenerated, client_address));
    co_await audit.wait();
    co_return codes;
}

Result<Money> SecondFactorService::set_step_up_threshold(const Identity& identity,
                                                         std::string_view amount_text) {
    auto amount = Money::parse(amount_text);
    if (!amount) {
        Error error = amount.error();
        error.field = "step_up_threshold";
        return error;
    }
    const std::string& user_id = identity.user.user_id;
    const SecondFactorPlan plan =
        records_.decide_and_write(user_id, [&](const std::optional<SecondFactor>& current) {
            return plan_step_up_threshold(current, user_id, *amount);
        });
    if (plan.status != SecondFactorStatus::ok) return second_factor_error(plan.status);
    if (plan.next.version == 0) return lost_every_race();
    return plan.next.step_up_threshold;
}

}  // namespace bank
