#include "service/passkey_json.hpp"

#include <boost/json/parse.hpp>

#include "core/passkey_limits.hpp"
#include "service/webauthn_base64url.hpp"
#include "service/webauthn_public_key.hpp"

namespace bank {

namespace json = boost::json;

namespace {

constexpr std::int64_t ceremony_timeout_ms =
    std::chrono::milliseconds(limits::passkey_challenge_lifetime).count();

json::array credential_list(const std::vector<std::string>& ids) {
    json::array list;
    for (const auto& id : ids) list.push_back(json::object{{"type", "public-key"}, {"id", id}});
    return list;
}

Error credential_error(const std::string& what) {
    return make_error(ErrorCode::validation_failed,
                      "The passkey's answer is not complete: " + what + ".", "response");
}

// The member `name` of `object` as bytes from base64url; empty `optional` allowed only
// when `required` is false (then an empty string).
Result<std::string> bytes_member(const json::object& object, std::string_view name, bool required) {
    const auto* member = object.if_contains(name);
    if (member == nullptr || member->is_null()) {
        if (!required) return std::string();
        return credential_error(std::string(name) + " is missing");
    }
    const auto* text = member->if_string();
    if (text == nullptr || text->size() > limits::webauthn_response_field_length_max) {
        return credential_error(std::string(name) + " must be base64url text");
    }
    auto bytes = base64url_decode(*text);
    if (!bytes) return credential_error(std::string(name) + " must be base64url text");
    return std::move(*bytes);
}

// The credential's id and its `response` object, checked to be a public-key credential.
Result<std::pair<std::string, const json::object*>> credential_parts(const json::value* value) {
    const auto* credential = value != nullptr ? value->if_object() : nullptr;
    if (credential == nullptr) return credential_error("send the PublicKeyCredential as JSON");
    const auto* type = credential->if_contains("type");
    if (type == nullptr || !type->is_string() || type->as_string() != "public-key") {
        return credential_error("type must be public-key");
    }
    auto id = bytes_member(*credential, "rawId", false);
    if (!id) return id.error();
    if (id->empty()) {
        id = bytes_member(*credential, "id", true);
        if (!id) return id.error();
    }
    const auto* response = credential->if_contains("response");
    if (response == nullptr || !response->is_object())
        return credential_error("response is missing");
    return std::make_pair(std::move(*id), &response->as_object());
}

}  // namespace

json::object passkey_json(const Passkey& passkey) {
    json::object body{{"id", passkey.credential_id},
                      {"name", passkey.name},
                      {"created_at", format_rfc3339(passkey.created_at)},
                      {"last_used_at", nullptr}};
    if (passkey.last_used_at != Timestamp{}) {
        body["last_used_at"] = format_rfc3339(passkey.last_used_at);
    }
    return body;
}

json::object registration_options_json(const PasskeyRegistrationOptions& options) {
    return json::object{
        {"rp", json::object{{"id", options.rp_id}, {"name", "Bank"}}},
        {"user", json::object{{"id", options.user_handle},
                              {"name", options.user_name},
                              {"displayName", options.display_name}}},
        {"challenge", options.challenge},
        {"pubKeyCredParams",
         json::array{json::object{{"type", "public-key"}, {"alg", cose_algorithm_es256}},
                     json::object{{"type", "public-key"}, {"alg", cose_algorithm_rs256}}}},
        {"timeout", ceremony_timeout_ms},
        {"attestation", "none"},
        {"excludeCredentials", credential_list(options.exclude_credential_ids)},
        // A discoverable passkey where the authenticator can keep one, so it also signs in
        // without the password.
        {"authenticatorSelection", json::object{{"residentKey", "preferred"},
                                                {"requireResidentKey", false},
                                                {"userVerification", "preferred"}}}};
}

json::object assertion_options_json(const PasskeyAssertionOptions& options) {
    return json::object{
        {"challenge", options.challenge},
        {"rpId", options.rp_id},
        {"timeout", ceremony_timeout_ms},
        {"allowCredentials", credential_list(options.allow_credential_ids)},
        {"userVerification", options.user_verification_required ? "required" : "preferred"}};
}

Result<WebAuthnRegistrationResponse> read_registration_credential(const json::value* value) {
    auto parts = credential_parts(value);
    if (!parts) return parts.error();
    const json::object& response = *parts->second;
    auto client_data = bytes_member(response, "clientDataJSON", true);
    if (!client_data) return client_data.error();
    auto attestation = bytes_member(response, "attestationObject", true);
    if (!attestation) return attestation.error();
    return WebAuthnRegistrationResponse{std::move(*client_data), std::move(*attestation)};
}

Result<WebAuthnAssertionResponse> read_assertion_credential(const json::value* value) {
    auto parts = credential_parts(value);
    if (!parts) return parts.error();
    const json::object& response = *parts->second;
    WebAuthnAssertionResponse assertion;
    assertion.credential_id = std::move(parts->first);
    for (auto [name, target, required] :
         {std::tuple{"clientDataJSON", &assertion.client_data_json, true},
          std::tuple{"authenticatorData", &assertion.authenticator_data, true},
          std::tuple{"signature", &assertion.signature, true},
          std::tuple{"userHandle", &assertion.user_handle, false}}) {
        auto bytes = bytes_member(response, name, required);
        if (!bytes) return bytes.error();
        *target = std::move(*bytes);
    }
    return assertion;
}

namespace {

std::optional<json::value> parse_credential_text(std::string_view json_text) {
    if (json_text.size() > 4 * limits::webauthn_response_field_length_max) return std::nullopt;
    boost::system::error_code error;
    json::value value = json::parse(json_text, error);
    if (error) return std::nullopt;
    return value;
}

}  // namespace

Result<WebAuthnRegistrationResponse> parse_registration_credential(std::string_view json_text) {
    const auto value = parse_credential_text(json_text);
    return read_registration_credential(value ? &*value : nullptr);
}

Result<WebAuthnAssertionResponse> parse_assertion_credential(std::string_view json_text) {
    const auto value = parse_credential_text(json_text);
    return read_assertion_credential(value ? &*value : nullptr);
}

}  // namespace bank
