#pragma once

#include <optional>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/result.hpp"
#include "ledger/passkey.hpp"
#include "service/passkey_service.hpp"

namespace bank {

// WebAuthn's JSON forms (Level 3's PublicKeyCredential toJSON and the options' JSON, which
// PublicKeyCredential.parseCreationOptionsFromJSON reads): byte strings as base64url.
boost::json::object passkey_json(const Passkey& passkey);
boost::json::object registration_options_json(const PasskeyRegistrationOptions& options);
boost::json::object assertion_options_json(const PasskeyAssertionOptions& options);

// A PublicKeyCredential from navigator.credentials.create() ({id, rawId, type, response:
// {clientDataJSON, attestationObject}}), decoded; an error naming the field otherwise.
Result<WebAuthnRegistrationResponse> read_registration_credential(const boost::json::value* value);
// One from navigator.credentials.get() ({id, rawId, type, response: {clientDataJSON,
// authenticatorData, signature, userHandle}}).
Result<WebAuthnAssertionResponse> read_assertion_credential(const boost::json::value* value);
// The same from JSON text (what the pages' script puts in a form field).
Result<WebAuthnRegistrationResponse> parse_registration_credential(std::string_view json_text);
Result<WebAuthnAssertionResponse> parse_assertion_credential(std::string_view json_text);

}  // namespace bank
