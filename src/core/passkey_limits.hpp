#pragma once

#include <chrono>
#include <cstddef>

// The named limits of passkeys (kept beside core/limits.hpp).
namespace bank::limits {

inline constexpr std::size_t passkeys_per_user_max = 10;
inline constexpr std::size_t passkey_name_length_max = 64;
// How long the browser has to answer a registration or a passwordless sign-in challenge
// (WebAuthn's recommended timeout range is 5 to 10 minutes).
inline constexpr std::chrono::minutes passkey_challenge_lifetime{5};
inline constexpr std::size_t passkey_challenge_bytes = 16;  // the nonce in a signed challenge
inline constexpr std::size_t passkey_user_handle_bytes = 32;
// What the JSON of one WebAuthn response may hold, base64url included (a key of RSA-4096
// with its attestation stays well under it).
inline constexpr std::size_t webauthn_response_field_length_max = 16 * 1024;

}  // namespace bank::limits
