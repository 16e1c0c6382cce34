#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace bank {

// RFC 6238 time-based one-time passwords (SHA-1, 6 digits, 30-second steps) through
// liboath: the codes are computed by that library, never by our own HMAC.
class Totp {
public:
    // A new random secret (limits::totp_secret_bytes raw bytes).
    static std::string new_secret();
    // The secret in RFC 4648 base32 without padding, as authenticator apps take it.
    static std::string base32(std::string_view secret);
    // otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
    static std::string otpauth_uri(std::string_view issuer, std::string_view account,
                                   std::string_view secret);
    // The step (Unix time / 30) whose code `code` is, searching one step either side of
    // `now`; nullopt when the code is not six digits or matches none of them.
    static std::optional<std::int64_t> matching_step(std::string_view secret, std::string_view code,
                                                     Timestamp now);
};

}  // namespace bank
