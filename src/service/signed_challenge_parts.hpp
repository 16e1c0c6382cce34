#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/secret_key.hpp"

namespace bank {

// The pieces the server's signed, single-use challenges share (ChallengeSigner for sign-in and
// step-up, PasskeyChallenges for WebAuthn): a challenge is dot-separated parts, one of them
// the instant it was issued in microseconds, and a MAC that binds them under the server key.

// "a.b.c" -> {"a", "b", "c"} (an empty text is one empty part).
std::vector<std::string_view> split_dots(std::string_view text);

// A positive count of microseconds since the epoch written in decimal, or nullopt.
std::optional<Timestamp> parse_issued_micros(std::string_view text);

// The first 128 bits (32 hex digits) of the HMAC-SHA256 of purpose|bound|issued|nonce.
std::string challenge_mac(const SecretKey& key, std::string_view purpose, std::string_view bound,
                          std::string_view issued, std::string_view nonce);

}  // namespace bank
