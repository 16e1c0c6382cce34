#pragma once

#include <string>

#include "app/server_key_file.hpp"
#include "core/clock.hpp"
#include "ledger/store.hpp"
#include "service/auth_service.hpp"
#include "service/second_factor_service.hpp"
#include "service/step_up_service.hpp"

namespace bank {

// What `bank serve` builds for second factors and step-up: the server key (loaded or made),
// the records, the challenge signer and the two services over them. Throws
// std::runtime_error when the key cannot be had or BANK_STEP_UP names no policy.
class SecondFactorServices {
public:
    SecondFactorServices(Store& store, AuthService& auth, const Clock& clock,
                         const StoreOptions& store_options, const std::string& key_file,
                         const std::string& step_up_policy);

    SecondFactorService& second_factors() { return second_factors_; }
    StepUpService& step_up() { return step_up_; }

private:
    SecretKey key_;
    SecondFactorRecords records_;
    ChallengeSigner challenges_;
    SecondFactorService second_factors_;
    StepUpService step_up_;
};

}  // namespace bank
