#pragma once

#include <string>

#include "app/server_key_file.hpp"
#include "core/clock.hpp"
#include "ledger/store.hpp"
#include "service/auth_service.hpp"
#include "service/passkey_service.hpp"
#include "service/second_factor_service.hpp"
#include "service/step_up_service.hpp"

namespace bank {

// What `bank serve` builds for second factors and step-up: the server key (loaded or made),
// the records, the challenge signers and the services over them (passkeys included, whose
// RP ID and origin come from BANK_PUBLIC_URL). Throws std::runtime_error when the key cannot
// be had, BANK_STEP_UP names no policy or BANK_PUBLIC_URL is set but unusable.
class SecondFactorServices {
public:
    SecondFactorServices(Store& store, AuthService& auth, const Clock& clock,
                         const StoreOptions& store_options, const std::string& key_file,
                         const std::string& step_up_policy, const std::string& public_url);

    SecondFactorService& second_factors() { return second_factors_; }
    StepUpService& step_up() { return step_up_; }
    PasskeyService& passkeys() { return passkeys_; }
    // The server key, for the other secrets sealed at rest (webhook secrets).
    const SecretKey& key() const { return key_; }

private:
    SecretKey key_;
    SecondFactorRecords records_;
    ChallengeSigner challenges_;
    SecondFactorService second_factors_;
    PasskeyChallenges passkey_challenges_;
    PasskeyService passkeys_;
    StepUpService step_up_;  // after passkeys_: a passkey may approve a step-up
};

}  // namespace bank
