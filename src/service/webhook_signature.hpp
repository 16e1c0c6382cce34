#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bank {

// The signing of the Standard Webhooks specification (standardwebhooks.com): the content
// `${webhook-id}.${webhook-timestamp}.${body}`, HMAC-SHA256 with the key the secret's base64
// after `whsec_` decodes to, sent as `webhook-signature: v1,<base64 of the MAC>`. OpenSSL's
// HMAC and base64; nothing hand-rolled but the framing the specification gives.
class WebhookSignature {
public:
    // A new secret: `whsec_` and the base64 of 24 random bytes (192 bits, within the
    // specification's 24 to 64 bytes).
    static std::string new_secret();
    // The header value for this message; nullopt when `secret` is not `whsec_<base64>`.
    static std::optional<std::string> sign(std::string_view secret, std::string_view message_id,
                                           long long timestamp_seconds, std::string_view body);
    static std::string base64(std::string_view bytes);
    // nullopt for text that is not padded base64.
    static std::optional<std::string> from_base64(std::string_view text);
};

}  // namespace bank
