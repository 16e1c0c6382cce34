#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "core/result.hpp"
#include "ledger/identity_reads.hpp"
#include "ledger/passkey_plans.hpp"
#include "ledger/passkey_store.hpp"
#include "service/audit_log.hpp"
#include "service/auth_service.hpp"
#include "service/challenge_signer.hpp"
#include "service/passkey_challenges.hpp"
#include "service/webauthn_verifier.hpp"

namespace bank {

// What navigator.credentials.create() is given (the API and the page turn it into
// PublicKeyCredentialCreationOptions). Byte strings are base64url.
struct PasskeyRegistrationOptions {
    std::string rp_id;
    std::string user_handle;
    std::string user_name;  // the email, shown by the authenticator to tell accounts apart
    std::string display_name;
    std::string challenge;
    std::vector<std::string> exclude_credential_ids;
};

// What navigator.credentials.get() is given (PublicKeyCredentialRequestOptions).
struct PasskeyAssertionOptions {
    std::string rp_id;
    std::string challenge;
    std::vector<std::string> allow_credential_ids;  // empty: any discoverable passkey
    bool user_verification_required = false;
};

// Passkeys (WebAuthn Level 2): a person registers, names, lists and removes them, and signs
// in with one as the second factor after the password, or alone (passwordless: the passkey
// proves possession and, with user verification, a PIN or biometric). Every registration,
// removal and use goes to the person's audit log; a refused assertion for a known person
// counts towards the same lockout as a wrong password. Without BANK_PUBLIC_URL (no RP ID
// and origin to check against) every command answers that passkeys are not available.
class PasskeyService {
public:
    PasskeyService(PasskeyStore& passkeys, IdentityReads& identities, AuthService& auth,
                   AuditLog audit_log, const ChallengeSigner& sign_in_challenges,
                   const PasskeyChallenges& challenges, std::optional<WebAuthnVerifier> verifier,
                   const Clock& clock)
        : passkeys_(passkeys),
          identities_(identities),
          auth_(auth),
          audit_log_(std::move(audit_log)),
          sign_in_challenges_(sign_in_challenges),
          challenges_(challenges),
          verifier_(std::move(verifier)),
          clock_(clock) {}

    bool available() const { return verifier_.has_value(); }
    std::vector<Passkey> list(const Identity& identity);

    Result<PasskeyRegistrationOptions> registration_options(const Identity& identity);
    boost::asio::awaitable<Result<Passkey>> register_passkey(const Identity& identity,
                                                             std::string name,
                                                             WebAuthnRegistrationResponse response,
                                                             std::string client_address);
    boost::asio::awaitable<Result<Passkey>> rename(const Identity& identity,
                                                   std::string credential_id, std::string name);
    boost::asio::awaitable<Result<Unit>> remove(const Identity& identity, std::string credential_id,
                                                std::string client_address);

    // For the sign-in challenge of a person with passkeys (after the password): its options;
    // nullopt when passkeys are not available.
    std::optional<PasskeyAssertionOptions> second_factor_options(
        std::string_view challenge_id, const std::vector<std::string>& credential_ids) const;
    // Answers a sign-in challenge (SecondFactorService::sign_in) with a passkey.
    boost::asio::awaitable<Result<SignedIn>> complete_second_factor(
        std::string challenge_id, WebAuthnAssertionResponse response, std::string client_address,
        std::string user_agent);

    // The passkeys that may approve a step-up of this person (none while passkeys are off).
    std::vector<std::string> step_up_credential_ids(std::string_view user_id);
    // Assertion options for a step-up challenge; nullopt when passkeys are off.
    std::optional<PasskeyAssertionOptions> step_up_options(
        std::string_view challenge_id, const std::vector<std::string>& credential_ids) const {
        return second_factor_options(challenge_id, credential_ids);
    }
    // Answers a step-up challenge (StepUpService) with one of the person's passkeys: the
    // assertion must have signed `challenge_id`, which commits to the payee and amount, and
    // the use is written like a sign-in's (single use, counter). Answers the passkey's name.
    boost::asio::awaitable<Result<std::string>> approve_step_up(const User& user,
                                                                std::string challenge_id,
                                                                Timestamp issued_at,
                                                                WebAuthnAssertionResponse response,
                                                                std::string client_address);

    Result<PasskeyAssertionOptions> passwordless_options();
    boost::asio::awaitable<Result<SignedIn>> sign_in(WebAuthnAssertionResponse response,
                                                     std::string client_address,
                                                     std::string user_agent);

private:
    struct CheckedUse {
        std::optional<User> user;
        std::optional<Error> error;
        std::string passkey_name;
    };
    // Verifies an assertion for `passkey` against `challenge` and writes its use.
    boost::asio::awaitable<CheckedUse> use_passkey(const Passkey& passkey,
                                                   const WebAuthnAssertionResponse& response,
                                                   std::string_view challenge, Timestamp issued_at,
                                                   bool passwordless,
                                                   const std::string& client_address);
    boost::asio::awaitable<Error> refuse_use(const User& user, std::string detail,
                                             const std::string& client_address);

    PasskeyStore& passkeys_;
    IdentityReads& identities_;
    AuthService& auth_;
    AuditLog audit_log_;
    const ChallengeSigner& sign_in_challenges_;
    const PasskeyChallenges& challenges_;
    std::optional<WebAuthnVerifier> verifier_;
    const Clock& clock_;
};

// The challenge an assertion signed (from its clientDataJSON), or nullopt.
std::optional<std::string> challenge_of_assertion(const WebAuthnAssertionResponse& response);

// The message and status of a refused passkey command.
Error passkey_error(PasskeyStatus status);
Error passkeys_unavailable();

}  // namespace bank
