#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bank {

// The fields of clientDataJSON the server checks (WebAuthn Level 2, section 5.8.1).
struct WebAuthnClientData {
    std::string type;       // "webauthn.create" or "webauthn.get"
    std::string challenge;  // base64url, as the browser wrote it
    std::string origin;
    bool cross_origin = false;

    // nullopt when the text is not a JSON object with string type, challenge and origin.
    static std::optional<WebAuthnClientData> parse(std::string_view json);
};

}  // namespace bank
