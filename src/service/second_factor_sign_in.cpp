// The second half of signing in (SecondFactorService::sign_in and complete_sign_in).
#include <spdlog/spdlog.h>

#include "core/second_factor_limits.hpp"
#include "service/second_factor_service.hpp"

namespace bank {

namespace {

Error challenge_unknown() {
    return make_error(ErrorCode::unauthenticated,
                      "That sign-in has expired or is not valid; please sign in again.");
}

}  // namespace

boost::asio::awaitable<Result<SignInOutcome>> SecondFactorService::sign_in(
    std::string email, std::string password, std::string client_address, std::string user_agent) {
    Result<User> user =
        co_await auth_.check_credentials(std::move(email), std::move(password), client_address);
    if (!user) co_return user.error();
    const auto record = records_.find(user->user_id);
    const bool totp = record && record->enrolled();
    std::vector<std::string> passkey_ids;
    for (const Passkey& passkey : passkeys_.list_passkeys(user->user_id)) {
        passkey_ids.push_back(passkey.credential_id);
    }
    SignInOutcome outcome;
    if (!totp && passkey_ids.empty()) {
        auto signed_in =
            co_await auth_.finish_sign_in(std::move(*user), client_address, std::move(user_agent));
        if (!signed_in) co_return signed_in.error();
        outcome.signed_in = std::move(*signed_in);
        co_return outcome;
    }
    // The password alone no longer signs in, and does not clear the failures counted so
    // far: a guesser of codes who knows the password gets five tries, not five per sign-in.
    const Timestamp now = records_.clock().now();
    outcome.challenge =
        SignInChallenge{challenges_.issue_sign_in(user->user_id, now),
                        now + limits::sign_in_challenge_lifetime, totp, std::move(passkey_ids)};
    co_return outcome;
}

boost::asio::awaitable<Result<SignedIn>> SecondFactorService::complete_sign_in(
    std::string challenge_id, std::string code, std::string recovery_code,
    std::string client_address, std::string user_agent) {
    const auto challenge = challenges_.read_sign_in(challenge_id);
    if (!challenge) co_return challenge_unknown();
    const std::optional<User> user = identities_.find_user(challenge->user_id);
    if (!user) co_return challenge_unknown();
    if (user->locked_until > records_.clock().now()) co_return auth_.sign_in_locked(*user);
    const bool by_recovery_code = code.empty() && !recovery_code.empty();
    const SecondFactorPlan plan =
        records_.decide_and_write(user->user_id, [&](const std::optional<SecondFactor>& current) {
            const ChallengeUse use{challenge->issued_at,
                                   challenge->issued_at + limits::sign_in_challenge_lifetime,
                                   records_.clock().now()};
            if (by_recovery_code) {
                return plan_recovery_code_use(
                    current, SecondFactorRecords::recovery_code_hash(recovery_code), use);
            }
            return plan_totp_use(current, records_.matching_step(current, code), use);
        });
    if (plan.status != SecondFactorStatus::ok) {
        co_return co_await refuse(*user, plan.status, client_address);
    }
    if (plan.next.version == 0) co_return challenge_unknown();
    const std::string detail =
        by_recovery_code ? "Signed in with a recovery code (" +
                               std::to_string(plan.next.recovery_code_hashes.size()) + " left)"
                         : "Signed in with the authenticator app";
    audit_log_.record(
        audit_log_.make(user->user_id, AuditEventKind::second_factor_used, client_address, detail));
    co_return co_await auth_.finish_sign_in(*user, client_address, std::move(user_agent));
}

}  // namespace bank
