#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bank {

// Why a WebAuthn response was refused; checked in the order listed.
enum class WebAuthnStatus {
    ok,
    malformed,                // not decodable: CBOR, JSON, lengths
    wrong_type,               // clientData.type is not the ceremony's
    wrong_challenge,          // clientData.challenge is not the one issued
    wrong_origin,             // clientData.origin is not the bank's (or is cross-origin)
    wrong_rp_id,              // rpIdHash is not SHA-256 of the bank's RP ID
    user_not_present,         // the UP flag is clear
    user_not_verified,        // UV was required and its flag is clear
    unsupported_attestation,  // a format other than "none", or no attested credential
    unsupported_algorithm,    // a key other than ES256 or RS256
    bad_signature,            // the assertion's signature does not verify with the stored key
};

std::string_view to_string(WebAuthnStatus status);

// What the browser sent back from navigator.credentials.create(), decoded from base64url.
struct WebAuthnRegistrationResponse {
    std::string client_data_json;
    std::string attestation_object;
};

// What the browser sent back from navigator.credentials.get(), decoded from base64url.
struct WebAuthnAssertionResponse {
    std::string credential_id;
    std::string client_data_json;
    std::string authenticator_data;
    std::string signature;
    std::string user_handle;  // empty when the authenticator gave none
};

// A credential that passed the registration checks, ready to be stored.
struct WebAuthnCredential {
    std::string credential_id;
    std::string public_key_cose;
    std::uint32_t sign_count = 0;
    bool user_verified = false;
};

// An assertion that passed every check but the counter, which the planner decides with the
// stored count (plan_passkey_use).
struct WebAuthnAssertion {
    std::uint32_t sign_count = 0;
    bool user_verified = false;
};

template <typename T>
struct WebAuthnOutcome {
    WebAuthnStatus status = WebAuthnStatus::ok;
    T value{};
};

// The relying party's checks of WebAuthn Level 2 sections 7.1 (registration) and 7.2
// (authentication) for one RP ID and origin (BANK_PUBLIC_URL). Attestation is not checked
// beyond its format: the bank asks for "none" (a passkey stands for the person, whichever
// device keeps it), so only the "none" format is accepted.
class WebAuthnVerifier {
public:
    WebAuthnVerifier(std::string rp_id, std::string origin)
        : rp_id_(std::move(rp_id)), origin_(std::move(origin)) {}

    // The RP ID (the host) and origin of a public URL such as "https://bank.example:8443/";
    // nullopt unless it is http(s) with a host name.
    static std::optional<WebAuthnVerifier> for_public_url(std::string_view url);

    const std::string& rp_id() const { return rp_id_; }
    const std::string& origin() const { return origin_; }

    // `challenge`: the bytes the server issued (their base64url is in clientDataJSON).
    WebAuthnOutcome<WebAuthnCredential> verify_registration(
        const WebAuthnRegistrationResponse& response, std::string_view challenge,
        bool user_verification_required) const;
    WebAuthnOutcome<WebAuthnAssertion> verify_assertion(const WebAuthnAssertionResponse& response,
                                                        std::string_view challenge,
                                                        std::string_view public_key_cose,
                                                        bool user_verification_required) const;

private:
    WebAuthnStatus check_client_data(std::string_view client_data_json, std::string_view type,
                                     std::string_view challenge) const;

    std::string rp_id_;
    std::string origin_;
};

}  // namespace bank
