#include "service/webauthn_verifier.hpp"

#include <cbor.h>
#include <openssl/sha.h>

#include <algorithm>
#include <memory>

#include "core/random.hpp"
#include "service/webauthn_authenticator_data.hpp"
#include "service/webauthn_base64url.hpp"
#include "service/webauthn_client_data.hpp"
#include "service/webauthn_public_key.hpp"

namespace bank {

namespace {

std::string sha256(std::string_view bytes) {
    std::string digest(SHA256_DIGEST_LENGTH, '\0');
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
           reinterpret_cast<unsigned char*>(digest.data()));
    return digest;
}

// The attestation object's "fmt" and "authData" (WebAuthn Level 2, section 6.5).
struct AttestationObject {
    std::string format;
    std::string authenticator_data;
    std::size_t statement_entries = 0;
};

std::string cbor_text(const cbor_item_t* item) {
    if (!cbor_isa_string(item) || !cbor_string_is_definite(item)) return {};
    return std::string(reinterpret_cast<const char*>(cbor_string_handle(item)),
                       cbor_string_length(item));
}

std::optional<AttestationObject> read_attestation_object(std::string_view bytes) {
    cbor_load_result loaded{};
    cbor_item_t* root = cbor_load(reinterpret_cast<cbor_data>(bytes.data()), bytes.size(), &loaded);
    if (root == nullptr) return std::nullopt;
    std::unique_ptr<cbor_item_t*, void (*)(cbor_item_t**)> owner(&root, cbor_decref);
    if (loaded.read != bytes.size() || !cbor_isa_map(root)) return std::nullopt;
    AttestationObject object;
    bool has_data = false;
    const cbor_pair* pairs = cbor_map_handle(root);
    for (std::size_t i = 0; i < cbor_map_size(root); ++i) {
        const std::string key = cbor_text(pairs[i].key);
        const cbor_item_t* value = pairs[i].value;
        if (key == "fmt") object.format = cbor_text(value);
        if (key == "attStmt" && cbor_isa_map(value))
            object.statement_entries = cbor_map_size(value);
        if (key == "authData" && cbor_isa_bytestring(value) && cbor_bytestring_is_definite(value)) {
            object.authenticator_data =
                std::string(reinterpret_cast<const char*>(cbor_bytestring_handle(value)),
                            cbor_bytestring_length(value));
            has_data = true;
        }
    }
    if (!has_data) return std::nullopt;
    return object;
}

// The flag and RP ID checks both ceremonies share.
WebAuthnStatus check_authenticator(const WebAuthnAuthenticatorData& data,
                                   std::string_view rp_id_hash, bool user_verification_required) {
    if (!constant_time_equal(data.rp_id_hash, rp_id_hash)) return WebAuthnStatus::wrong_rp_id;
    if (!data.user_present()) return WebAuthnStatus::user_not_present;
    if (user_verification_required && !data.user_verified()) {
        return WebAuthnStatus::user_not_verified;
    }
    return WebAuthnStatus::ok;
}

}  // namespace

std::string_view to_string(WebAuthnStatus status) {
    switch (status) {
        case WebAuthnStatus::ok:
            return "ok";
        case WebAuthnStatus::malformed:
            return "malformed";
        case WebAuthnStatus::wrong_type:
            return "wrong_type";
        case WebAuthnStatus::wrong_challenge:
            return "wrong_challenge";
        case WebAuthnStatus::wrong_origin:
            return "wrong_origin";
        case WebAuthnStatus::wrong_rp_id:
            return "wrong_rp_id";
        case WebAuthnStatus::user_not_present:
            return "user_not_present";
        case WebAuthnStatus::user_not_verified:
            return "user_not_verified";
        case WebAuthnStatus::unsupported_attestation:
            return "unsupported_attestation";
        case WebAuthnStatus::unsupported_algorithm:
            return "unsupported_algorithm";
        case WebAuthnStatus::bad_signature:
            return "bad_signature";
    }
    return "unknown";
}

std::optional<WebAuthnVerifier> WebAuthnVerifier::for_public_url(std::string_view url) {
    std::string scheme;
    for (std::string_view candidate : {"https://", "http://"}) {
        if (url.substr(0, candidate.size()) == candidate) scheme = std::string(candidate);
    }
    if (scheme.empty()) return std::nullopt;
    const std::string_view rest = url.substr(scheme.size());
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    const std::string_view host = authority.substr(0, authority.find(':'));
    const bool name_like = !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    });
    // An IP address cannot be an RP ID (WebAuthn needs a registrable domain or localhost).
    const bool numeric = std::all_of(host.begin(), host.end(),
                                     [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    if (!name_like || numeric || authority.find('@') != std::string_view::npos) return std::nullopt;
    return WebAuthnVerifier(std::string(host), scheme + std::string(authority));
}

WebAuthnStatus WebAuthnVerifier::check_client_data(std::string_view client_data_json,
                                                   std::string_view type,
                                                   std::string_view challenge) const {
    const auto client_data = WebAuthnClientData::parse(client_data_json);
    if (!client_data) return WebAuthnStatus::malformed;
    if (client_data->type != type) return WebAuthnStatus::wrong_type;
    if (!constant_time_equal(client_data->challenge, base64url_encode(challenge))) {
        return WebAuthnStatus::wrong_challenge;
    }
    if (client_data->origin != origin_ || client_data->cross_origin) {
        return WebAuthnStatus::wrong_origin;
    }
    return WebAuthnStatus::ok;
}

WebAuthnOutcome<WebAuthnCredential> WebAuthnVerifier::verify_registration(
    const WebAuthnRegistrationResponse& response, std::string_view challenge,
    bool user_verification_required) const {
    const WebAuthnStatus client_status =
        check_client_data(response.client_data_json, "webauthn.create", challenge);
    if (client_status != WebAuthnStatus::ok) return {client_status};
    const auto object = read_attestation_object(response.attestation_object);
    if (!object) return {WebAuthnStatus::malformed};
    const auto data = WebAuthnAuthenticatorData::parse(object->authenticator_data);
    if (!data) return {WebAuthnStatus::malformed};
    const WebAuthnStatus flags_status =
        check_authenticator(*data, sha256(rp_id_), user_verification_required);
    if (flags_status != WebAuthnStatus::ok) return {flags_status};
    if (object->format != "none" || object->statement_entries != 0 ||
        !data->has_attested_credential()) {
        return {WebAuthnStatus::unsupported_attestation};
    }
    if (!WebAuthnPublicKey::from_cose(data->credential_public_key)) {
        return {WebAuthnStatus::unsupported_algorithm};
    }
    return {WebAuthnStatus::ok, WebAuthnCredential{data->credential_id, data->credential_public_key,
                                                   data->sign_count, data->user_verified()}};
}

WebAuthnOutcome<WebAuthnAssertion> WebAuthnVerifier::verify_assertion(
    const WebAuthnAssertionResponse& response, std::string_view challenge,
    std::string_view public_key_cose, bool user_verification_required) const {
    const WebAuthnStatus client_status =
        check_client_data(response.client_data_json, "webauthn.get", challenge);
    if (client_status != WebAuthnStatus::ok) return {client_status};
    const auto data = WebAuthnAuthenticatorData::parse(response.authenticator_data);
    if (!data) return {WebAuthnStatus::malformed};
    const WebAuthnStatus flags_status =
        check_authenticator(*data, sha256(rp_id_), user_verification_required);
    if (flags_status != WebAuthnStatus::ok) return {flags_status};
    const auto key = WebAuthnPublicKey::from_cose(public_key_cose);
    if (!key) return {WebAuthnStatus::unsupported_algorithm};
    const std::string signed_bytes =
        response.authenticator_data + sha256(response.client_data_json);
    if (!key->verify(signed_bytes, response.signature)) return {WebAuthnStatus::bad_signature};
    return {WebAuthnStatus::ok, WebAuthnAssertion{data->sign_count, data->user_verified()}};
}

}  // namespace bank
