#include "service/passkey_service.hpp"

#include <spdlog/spdlog.h>

#include "core/passkey_limits.hpp"
#include "core/second_factor_limits.hpp"
#include "service/webauthn_base64url.hpp"
#include "service/webauthn_client_data.hpp"

namespace bank {

namespace {

std::string_view webauthn_reason(WebAuthnStatus status) {
    switch (status) {
        case WebAuthnStatus::wrong_origin:
        case WebAuthnStatus::wrong_rp_id:
            return "it was made for another site.";
        case WebAuthnStatus::wrong_type:
        case WebAuthnStatus::wrong_challenge:
            return "it answers another or an expired request; please try again.";
        case WebAuthnStatus::user_not_present:
        case WebAuthnStatus::user_not_verified:
            return "the authenticator did not confirm that you were there.";
        case WebAuthnStatus::unsupported_attestation:
        case WebAuthnStatus::unsupported_algorithm:
            return "this kind of authenticator is not supported.";
        case WebAuthnStatus::bad_signature:
            return "its signature is not right.";
        case WebAuthnStatus::malformed:
        case WebAuthnStatus::ok:
            break;
    }
    return "it could not be read.";
}

Error webauthn_refusal(WebAuthnStatus status) {
    return make_error(ErrorCode::validation_failed,
                      "The passkey was not accepted: " + std::string(webauthn_reason(status)),
                      "response");
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

// The registration challenge inside clientDataJSON, if this bank signed it for this person.
std::optional<std::pair<std::string, PasskeyChallenges::Registration>> registration_challenge(
    const PasskeyChallenges& challenges, std::string_view client_data_json,
    std::string_view user_id) {
    const auto client_data = WebAuthnClientData::parse(client_data_json);
    if (!client_data) return std::nullopt;
    auto challenge = base64url_decode(client_data->challenge);
    if (!challenge) return std::nullopt;
    auto registration = challenges.read_registration(*challenge, user_id);
    if (!registration) return std::nullopt;
    return std::make_pair(std::move(*challenge), std::move(*registration));
}

}  // namespace

Error passkeys_unavailable() {
    return make_error(ErrorCode::not_found,
                      "Passkeys are not available: the bank's public address (BANK_PUBLIC_URL) "
                      "is not configured.");
}

Error passkey_error(PasskeyStatus status) {
    switch (status) {
        case PasskeyStatus::not_found:
            return make_error(ErrorCode::not_found, "No such passkey.");
        case PasskeyStatus::name_invalid:
            return make_error(ErrorCode::validation_failed,
                              "Give the passkey a name of 1 to " +
                                  std::to_string(limits::passkey_name_length_max) + " characters.",
                              "name");
        case PasskeyStatus::limit_reached:
            return make_error(ErrorCode::conflict,
                              "You have " + std::to_string(limits::passkeys_per_user_max) +
                                  " passkeys, the most allowed; remove one first.");
        case PasskeyStatus::credential_taken:
            return make_error(ErrorCode::conflict, "That passkey is registered already.");
        case PasskeyStatus::challenge_expired:
            return make_error(ErrorCode::unauthenticated,
                              "That request has expired; please start again.");
        case PasskeyStatus::challenge_spent:
            return make_error(ErrorCode::unauthenticated,
                              "That request was used already; please start again.");
        case PasskeyStatus::counter_not_increasing:
            return make_error(ErrorCode::unauthenticated,
                              "That passkey's counter went back, as a copied passkey's would; "
                              "it was refused.");
        case PasskeyStatus::ok:
            break;
    }
    return make_error(ErrorCode::unavailable, "Please try again.");
}

std::vector<Passkey> PasskeyService::list(const Identity& identity) {
    return passkeys_.list_passkeys(identity.user.user_id);
}

Result<PasskeyRegistrationOptions> PasskeyService::registration_options(const Identity& identity) {
    if (!verifier_) return passkeys_unavailable();
    const User& user = identity.user;
    const std::vector<Passkey> owned = passkeys_.list_passkeys(user.user_id);
    if (owned.size() >= limits::passkeys_per_user_max) {
        return passkey_error(PasskeyStatus::limit_reached);
    }
    PasskeyRegistrationOptions options;
    options.rp_id = verifier_->rp_id();
    // One handle per person: a new passkey on an authenticator that holds one of theirs
    // replaces it there rather than adding a second entry for the same account.
    options.user_handle =
        owned.empty() ? PasskeyChallenges::new_user_handle() : owned.front().user_handle;
    options.user_name = user.email;
    options.display_name = user.full_name.empty() ? user.email : user.full_name;
    options.challenge = base64url_encode(
        challenges_.issue_registration(user.user_id, options.user_handle, clock_.now()));
    for (const Passkey& passkey : owned)
        options.exclude_credential_ids.push_back(passkey.credential_id);
    return options;
}

boost::asio::awaitable<Result<Passkey>> PasskeyService::register_passkey(
    const Identity& identity, std::string name, WebAuthnRegistrationResponse response,
    std::string client_address) {
    if (!verifier_) co_return passkeys_unavailable();
    const std::string& user_id = identity.user.user_id;
    const auto challenge = registration_challenge(challenges_, response.client_data_json, user_id);
    if (!challenge) co_return webauthn_refusal(WebAuthnStatus::wrong_challenge);
    const auto verified = verifier_->verify_registration(response, challenge->first, false);
    if (verified.status != WebAuthnStatus::ok) co_return webauthn_refusal(verified.status);

    Passkey candidate;
    candidate.credential_id = base64url_encode(verified.value.credential_id);
    candidate.user_id = user_id;
    candidate.user_handle = challenge->second.user_handle;
    candidate.public_key_cose = base64url_encode(verified.value.public_key_cose);
    candidate.name = trimmed(name);
    candidate.sign_count = verified.value.sign_count;
    const Timestamp issued_at = challenge->second.issued_at;
    // Read before `candidate` is moved into the planner (arguments have no order).
    const bool credential_taken = passkeys_.find_passkey(candidate.credential_id).has_value();
    const PasskeyPlan plan = plan_passkey_registration(
        passkeys_.list_passkeys(user_id), credential_taken, std::move(candidate),
        ChallengeUse{issued_at, issued_at + limits::passkey_challenge_lifetime, clock_.now()});
    if (plan.status != PasskeyStatus::ok) co_return passkey_error(plan.status);
    if (!passkeys_.add_passkey(plan.next)) co_return passkey_error(PasskeyStatus::credential_taken);
    PendingWrite audit = audit_log_.record_alongside(
        audit_log_.make(user_id, AuditEventKind::passkey_added, client_address,
                        "Passkey \"" + plan.next.name + "\""));
    co_await audit.wait();
    spdlog::info("user {} added a passkey", user_id);
    co_return plan.next;
}

boost::asio::awaitable<Result<Passkey>> PasskeyService::rename(const Identity& identity,
                                                               std::string credential_id,
                                                               std::string name) {
    for (int attempt = 0; attempt < limits::second_factor_write_attempts_max; ++attempt) {
        const PasskeyPlan plan = plan_passkey_rename(passkeys_.find_passkey(credential_id),
                                                     identity.user.user_id, trimmed(name));
        if (plan.status != PasskeyStatus::ok) co_return passkey_error(plan.status);
        if (passkeys_.save_passkey(plan.next)) co_return plan.next;
    }
    co_return make_error(ErrorCode::conflict, "The passkey changed at the same moment; try again.");
}

boost::asio::awaitable<Result<Unit>> PasskeyService::remove(const Identity& identity,
                                                            std::string credential_id,
                                                            std::string client_address) {
    const std::string& user_id = identity.user.user_id;
    for (int attempt = 0; attempt < limits::second_factor_write_attempts_max; ++attempt) {
        const PasskeyPlan plan =
            plan_passkey_removal(passkeys_.find_passkey(credential_id), user_id);
        if (plan.status != PasskeyStatus::ok) co_return passkey_error(plan.status);
        if (!passkeys_.remove_passkey(plan.next)) continue;
        PendingWrite audit = audit_log_.record_alongside(
            audit_log_.make(user_id, AuditEventKind::passkey_removed, client_address,
                            "Passkey \"" + plan.next.name + "\""));
        co_await audit.wait();
        spdlog::info("user {} removed a passkey", user_id);
        co_return Unit{};
    }
    co_return make_error(ErrorCode::conflict, "The passkey changed at the same moment; try again.");
}

}  // namespace bank
