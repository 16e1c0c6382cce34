// Signing in with a passkey (PasskeyService): as the second factor after the password, and
// passwordless with a discoverable passkey.
#include <spdlog/spdlog.h>

#include "core/passkey_limits.hpp"
#include "core/second_factor_limits.hpp"
#include "service/passkey_service.hpp"
#include "service/webauthn_base64url.hpp"
#include "service/webauthn_client_data.hpp"

namespace bank {

namespace {

Error not_signed_in() {
    return make_error(ErrorCode::unauthenticated,
                      "That passkey could not sign you in; please try again.");
}

Error challenge_unknown() {
    return make_error(ErrorCode::unauthenticated,
                      "That sign-in has expired or is not valid; please sign in again.");
}

}  // namespace

std::optional<std::string> challenge_of_assertion(const WebAuthnAssertionResponse& response) {
    const auto client_data = WebAuthnClientData::parse(response.client_data_json);
    if (!client_data) return std::nullopt;
    return base64url_decode(client_data->challenge);
}

std::optional<PasskeyAssertionOptions> PasskeyService::second_factor_options(
    std::string_view challenge_id, const std::vector<std::string>& credential_ids) const {
    if (!verifier_) return std::nullopt;
    return PasskeyAssertionOptions{verifier_->rp_id(), base64url_encode(challenge_id),
                                   credential_ids, false};
}

Result<PasskeyAssertionOptions> PasskeyService::passwordless_options() {
    if (!verifier_) return passkeys_unavailable();
    return PasskeyAssertionOptions{
        verifier_->rp_id(), base64url_encode(challenges_.issue_sign_in(clock_.now())), {}, true};
}

boost::asio::awaitable<Error> PasskeyService::refuse_use(const User& user, std::string detail,
                                                         const std::string& client_address) {
    const Error counted =
        co_await auth_.record_second_factor_failure(user, client_address, std::move(detail));
    if (counted.code == ErrorCode::account_locked) co_return counted;
    co_return not_signed_in();
}

boost::asio::awaitable<PasskeyService::CheckedUse> PasskeyService::use_passkey(
    const Passkey& passkey, const WebAuthnAssertionResponse& response, std::string_view challenge,
    Timestamp issued_at, bool passwordless, const std::string& client_address) {
    CheckedUse checked;
    checked.user = identities_.find_user(passkey.user_id);
    if (!checked.user) {
        checked.error = not_signed_in();
        co_return checked;
    }
    if (checked.user->locked_until > clock_.now()) {
        checked.error = auth_.sign_in_locked(*checked.user);
        co_return checked;
    }
    const auto key = base64url_decode(passkey.public_key_cose).value_or("");
    // Passwordless, the passkey is the only factor: it must have checked the person's PIN or
    // biometric (user verification) to stand for two.
    const auto verified = verifier_->verify_assertion(response, challenge, key, passwordless);
    if (verified.status != WebAuthnStatus::ok) {
        std::string detail =
            "A passkey's answer was refused (" + std::string(to_string(verified.status)) + ")";
        checked.error = co_await refuse_use(*checked.user, std::move(detail), client_address);
        co_return checked;
    }
    const ChallengeUse use{issued_at, issued_at + limits::passkey_challenge_lifetime, clock_.now()};
    for (int attempt = 0; attempt < limits::second_factor_write_attempts_max; ++attempt) {
        const PasskeyPlan plan = plan_passkey_use(passkeys_.find_passkey(passkey.credential_id),
                                                  verified.value.sign_count, use);
        if (plan.status == PasskeyStatus::challenge_spent ||
            plan.status == PasskeyStatus::counter_not_increasing) {
            std::string detail =
                "A passkey's answer was refused (" + std::string(to_string(plan.status)) + ")";
            checked.error = co_await refuse_use(*checked.user, std::move(detail), client_address);
            co_return checked;
        }
        if (plan.status != PasskeyStatus::ok) {
            checked.error = passkey_error(plan.status);
            co_return checked;
        }
        if (passkeys_.save_passkey(plan.next)) {
            checked.passkey_name = plan.next.name;
            co_return checked;
        }
    }
    checked.error = challenge_unknown();
    co_return checked;
}

boost::asio::awaitable<Result<SignedIn>> PasskeyService::complete_second_factor(
    std::string challenge_id, WebAuthnAssertionResponse response, std::string client_address,
    std::string user_agent) {
    if (!verifier_) co_return passkeys_unavailable();
    const auto challenge = sign_in_challenges_.read_sign_in(challenge_id);
    if (!challenge) co_return challenge_unknown();
    const auto passkey = passkeys_.find_passkey(base64url_encode(response.credential_id));
    // Another person's passkey answers nothing here (the challenge is bound to the person).
    if (!passkey || passkey->user_id != challenge->user_id) co_return not_signed_in();
    CheckedUse checked = co_await use_passkey(*passkey, response, challenge_id,
                                              challenge->issued_at, false, client_address);
    if (checked.error) co_return *checked.error;
    audit_log_.record(audit_log_.make(passkey->user_id, AuditEventKind::passkey_used,
                                      client_address,
                                      "Passkey \"" + checked.passkey_name + "\" (second factor)"));
    co_return co_await auth_.finish_sign_in(std::move(*checked.user), client_address,
                                            std::move(user_agent));
}

boost::asio::awaitable<Result<SignedIn>> PasskeyService::sign_in(WebAuthnAssertionResponse response,
                                                                 std::string client_address,
                                                                 std::string user_agent) {
    if (!verifier_) co_return passkeys_unavailable();
    const auto challenge = challenge_of_assertion(response);
    const auto issued_at = challenge ? challenges_.read_sign_in(*challenge) : std::nullopt;
    if (!issued_at) co_return challenge_unknown();
    const auto passkey = passkeys_.find_passkey(base64url_encode(response.credential_id));
    if (!passkey) {
        co_return make_error(ErrorCode::unauthenticated,
                             "That passkey is not registered with this bank.");
    }
    // A discoverable passkey names its person (user.id at registration): it must be the
    // passkey's own.
    if (response.user_handle.empty() ||
        base64url_encode(response.user_handle) != passkey->user_handle) {
        co_return not_signed_in();
    }
    CheckedUse checked =
        co_await use_passkey(*passkey, response, *challenge, *issued_at, true, client_address);
    if (checked.error) co_return *checked.error;
    audit_log_.record(audit_log_.make(passkey->user_id, AuditEventKind::passkey_used,
                                      client_address,
                                      "Passkey \"" + checked.passkey_name + "\" (passwordless)"));
    co_return co_await auth_.finish_sign_in(std::move(*checked.user), client_address,
                                            std::move(user_agent));
}

}  // namespace bank
