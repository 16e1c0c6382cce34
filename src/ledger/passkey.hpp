#pragma once

#include <cstdint>
#include <string>

#include "core/clock.hpp"

namespace bank {

// One of a person's passkeys (a WebAuthn credential). The byte strings WebAuthn deals in
// are kept as base64url text, as the browser sends them.
struct Passkey {
    std::string credential_id;  // unique over the whole bank (the authenticator chose it)
    std::string user_id;
    // The WebAuthn user.id the passkey was made for: random, the same for all of one
    // person's passkeys, never the email (an authenticator shows it to whoever holds it).
    std::string user_handle;
    std::string public_key_cose;  // the COSE_Key, as attested at registration
    std::string name;             // the person's own name for it ("Work laptop")
    std::int64_t sign_count = 0;  // the authenticator's counter last seen (0: it keeps none)
    Timestamp created_at{};
    Timestamp last_used_at{};  // the epoch: never used
    // Every sign-in challenge issued at or before this instant is spent for this passkey,
    // so an assertion is accepted once even from an authenticator without a counter.
    Timestamp challenges_spent_through{};
    std::int64_t version = 0;  // 0: not stored yet
};

}  // namespace bank
