#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/passkey.hpp"
#include "ledger/second_factor_plans.hpp"

namespace bank {

// Why a passkey command was refused; checked in the order listed.
enum class PasskeyStatus {
    ok,
    not_found,               // no such passkey of this person
    name_invalid,            // empty, too long or with control characters
    limit_reached,           // the person has passkeys_per_user_max already
    credential_taken,        // the credential id is registered already (to anyone)
    challenge_expired,       // the challenge's lifetime has passed
    challenge_spent,         // the challenge (or a later one) was used already
    counter_not_increasing,  // a signature counter that did not go up: a cloned authenticator
};

std::string_view to_string(PasskeyStatus status);

// The passkey to write (version one more than decided on), or a refusal.
struct PasskeyPlan {
    PasskeyStatus status = PasskeyStatus::ok;
    Passkey next;
};

// Whether a passkey name is acceptable: 1 to passkey_name_length_max characters (UTF-8
// bytes), none of them a control character.
bool passkey_name_valid(std::string_view name);

// A verified registration: `candidate` (version 0, created_at = the challenge's `now`)
// joins the person's `owned` passkeys. A registration spends every registration challenge
// issued before it: one issued at or before the newest owned passkey's creation is spent.
PasskeyPlan plan_passkey_registration(const std::vector<Passkey>& owned, bool credential_taken,
                                      Passkey candidate, const ChallengeUse& challenge);
PasskeyPlan plan_passkey_rename(const std::optional<Passkey>& current, std::string_view user_id,
                                std::string name);
// The plan's `next` is the passkey to delete (at its current version).
PasskeyPlan plan_passkey_removal(const std::optional<Passkey>& current, std::string_view user_id);
// A verified assertion with the authenticator's `sign_count`: spends the challenge and
// records the counter and the time (WebAuthn Level 2, section 7.2, step 21).
PasskeyPlan plan_passkey_use(const std::optional<Passkey>& current, std::uint32_t sign_count,
                             const ChallengeUse& challenge);

}  // namespace bank
