#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "core/result.hpp"
#include "ledger/identity_reads.hpp"
#include "ledger/passkey_store.hpp"
#include "service/auth_service.hpp"
#include "service/challenge_signer.hpp"
#include "service/second_factor_records.hpp"

namespace bank {

// What /profile/security and GET /api/v1/me/totp show.
struct SecondFactorSummary {
    bool enrolled = false;
    bool pending = false;  // enrolment started, waiting for its first code
    std::size_t recovery_codes_left = 0;
    Money step_up_threshold = step_up_threshold_default;
};

// A started enrolment: the secret for typing in, the URI the QR code holds.
struct TotpEnrolment {
    std::string secret;  // base32
    std::string otpauth_uri;
};

struct SignInChallenge {
    std::string challenge_id;
    Timestamp expires_at{};
    bool totp = true;  // an authenticator app (and so recovery codes) may answer it
    // The person's passkeys (base64url credential ids), any of which may answer it instead.
    std::vector<std::string> passkey_credential_ids;
};

// A sign-in with the password: either done, or waiting for the second factor.
struct SignInOutcome {
    std::optional<SignedIn> signed_in;
    std::optional<SignInChallenge> challenge;
};

// TOTP enrolment, recovery codes, the step-up threshold and the second half of signing in.
// Every enrolment, removal, use and failure goes to the person's audit log; every wrong
// code counts towards the sign-in lockout (AuthService).
class SecondFactorService {
public:
    SecondFactorService(SecondFactorRecords& records, IdentityReads& identities, AuthService& auth,
                        AuditLog audit_log, const ChallengeSigner& challenges, std::string issuer,
                        PasskeyStore& passkeys)
        : records_(records),
          identities_(identities),
          auth_(auth),
          audit_log_(std::move(audit_log)),
          challenges_(challenges),
          issuer_(std::move(issuer)),
          passkeys_(passkeys) {}

    SecondFactorSummary summary(const Identity& identity);
    Result<TotpEnrolment> start_enrolment(const Identity& identity);
    // The enrolment waiting for its first code (its secret again, for the page), and its
    // QR code as SVG.
    Result<TotpEnrolment> pending_enrolment(const Identity& identity);
    Result<std::string> enrolment_qr_svg(const Identity& identity);
    // The recovery codes, shown this once.
    boost::asio::awaitable<Result<std::vector<std::string>>> confirm_enrolment(
        const Identity& identity, std::string code, std::string client_address);
    boost::asio::awaitable<Result<Unit>> remove(const Identity& identity, std::string code,
                                                std::string client_address);
    boost::asio::awaitable<Result<std::vector<std::string>>> regenerate_recovery_codes(
        const Identity& identity, std::string code, std::string client_address);
    Result<Money> set_step_up_threshold(const Identity& identity, std::string_view amount);

    // The password, then, for a person with a factor (an authenticator app or a passkey), a
    // challenge instead of a session.
    // `user_agent` is kept on the session (the person's list of sign-ins shows it).
    boost::asio::awaitable<Result<SignInOutcome>> sign_in(std::string email, std::string password,
                                                          std::string client_address,
                                                          std::string user_agent);
    // Answers a sign-in challenge with a TOTP code or, when `code` is empty, a recovery code.
    boost::asio::awaitable<Result<SignedIn>> complete_sign_in(std::string challenge_id,
                                                              std::string code,
                                                              std::string recovery_code,
                                                              std::string client_address,
                                                              std::string user_agent);

private:
    boost::asio::awaitable<Error> refuse(const User& user, SecondFactorStatus status,
                                         const std::string& client_address);
    std::string issuer_label(const User& user) const;

    SecondFactorRecords& records_;
    IdentityReads& identities_;
    AuthService& auth_;
    AuditLog audit_log_;
    const ChallengeSigner& challenges_;
    std::string issuer_;
    PasskeyStore& passkeys_;
};

// The message and status of a refused second-factor command.
Error second_factor_error(SecondFactorStatus status);

}  // namespace bank
