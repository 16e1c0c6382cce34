#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"

namespace bank {

// A transfer above this needs a fresh second factor unless the person sets another limit
// (EU Regulation 2018/389, Art. 5: the code is bound to the payee and the amount).
inline constexpr Money step_up_threshold_default = Money::from_cents(1'000'00);

// A person's second factors and step-up setting, as one record with a version: every change
// is written only if the version is still the one it was decided on (SecondFactorStore), so
// two requests using the same code or challenge at once cannot both succeed.
struct SecondFactor {
    std::string user_id;
    // The TOTP secret sealed with the server key (SecretBox); empty when none is enrolled.
    std::string totp_secret_sealed;
    bool totp_confirmed = false;  // false: enrolment started, not yet confirmed with a code
    // The last 30-second step whose code was accepted: a code of that step or an earlier
    // one is refused, so a code is accepted once.
    std::int64_t last_used_step = 0;
    // SHA-256 of each recovery code not yet used.
    std::vector<std::string> recovery_code_hashes;
    // Every challenge issued at or before this instant is spent (see SecondFactorService).
    Timestamp challenges_spent_through{};
    Money step_up_threshold = step_up_threshold_default;
    std::int64_t version = 0;  // 0: not stored yet

    bool enrolled() const { return !totp_secret_sealed.empty() && totp_confirmed; }
};

}  // namespace bank
