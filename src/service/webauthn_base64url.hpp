#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bank {

// Base64url without padding (RFC 4648 section 5), as WebAuthn carries every byte string in
// JSON: challenges, credential ids, user handles and the client's responses.
std::string base64url_encode(std::string_view bytes);
// nullopt on any character outside the alphabet, on padding and on an impossible length.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace bank
