// A passkey approving a step-up (PasskeyService for StepUpService): the assertion's challenge
// is the step-up challenge id, which commits to the payee and amount
// (ChallengeSigner::issue_step_up), so the signature approves exactly that transfer.
#include "core/passkey_limits.hpp"
#include "core/second_factor_limits.hpp"
#include "service/passkey_service.hpp"
#include "service/webauthn_base64url.hpp"

namespace bank {

// use_passkey checks a challenge's age against the passkey lifetime; a step-up challenge must
// expire at the same moment whichever factor answers it.
static_assert(limits::passkey_challenge_lifetime == limits::step_up_challenge_lifetime);

namespace {

Error not_approved() {
    return make_error(ErrorCode::unauthenticated,
                      "That passkey did not approve this transfer; approve it again.");
}

}  // namespace

std::vector<std::string> PasskeyService::step_up_credential_ids(std::string_view user_id) {
    std::vector<std::string> ids;
    if (!verifier_) return ids;
    for (const Passkey& passkey : passkeys_.list_passkeys(user_id)) {
        ids.push_back(passkey.credential_id);
    }
    return ids;
}

boost::asio::awaitable<Result<std::string>> PasskeyService::approve_step_up(
    const User& user, std::string challenge_id, Timestamp issued_at,
    WebAuthnAssertionResponse response, std::string client_address) {
    if (!verifier_) co_return passkeys_unavailable();
    const auto passkey = passkeys_.find_passkey(base64url_encode(response.credential_id));
    // Another person's passkey approves nothing here (the challenge is bound to the person).
    if (!passkey || passkey->user_id != user.user_id) co_return not_approved();
    CheckedUse checked =
        co_await use_passkey(*passkey, response, challenge_id, issued_at, false, client_address);
    if (checked.error) {
        if (checked.error->code == ErrorCode::unauthenticated) co_return not_approved();
        co_return *checked.error;
    }
    co_return checked.passkey_name;
}

}  // namespace bank
