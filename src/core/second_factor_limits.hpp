#pragma once

#include <chrono>
#include <cstddef>

// The named limits of second factors and step-up (kept beside core/limits.hpp).
namespace bank::limits {

inline constexpr std::chrono::seconds totp_step{30};  // RFC 6238's default time step
inline constexpr int totp_digits = 6;
inline constexpr int totp_drift_steps = 1;            // one step either way
inline constexpr std::size_t totp_secret_bytes = 20;  // 160 bits, as RFC 4226 recommends
inline constexpr std::size_t recovery_codes_per_user = 10;
inline constexpr std::size_t recovery_code_bytes = 8;  // 16 hex digits, 64 bits each
inline constexpr std::chrono::minutes sign_in_challenge_lifetime{5};
inline constexpr std::chrono::minutes step_up_challenge_lifetime{5};
// How many of a person's outgoing transfers are read to tell whether they paid a payee
// before; a payee not found among them counts as new (a step-up is asked, never skipped).
inline constexpr std::size_t step_up_payee_history_rows_max = 1'000;
// How often a conditional write of a second-factor record is decided again after losing a
// race to another write of the same person.
inline constexpr int second_factor_write_attempts_max = 3;

}  // namespace bank::limits
