#include "app/second_factor_services.hpp"

#include <stdexcept>

#include <spdlog/spdlog.h>

namespace bank {

namespace {

StepUpPolicy policy_from(const std::string& text) {
    const auto policy = parse_step_up_policy(text);
    if (!policy) {
        throw std::runtime_error("BANK_STEP_UP must be enrolled, required or off, not '" + text +
                                 "'");
    }
    return *policy;
}

}  // namespace

SecondFactorServices::SecondFactorServices(Store& store, AuthService& auth, const Clock& clock,
                                           const StoreOptions& store_options,
                                           const std::string& key_file,
                                           const std::string& step_up_policy)
    : key_(load_server_key(key_file, store_options)),
      records_(store, key_, clock),
      challenges_(key_),
      second_factors_(records_, store, auth, AuditLog(store, store, clock), challenges_, "Bank"),
      step_up_(records_, store, auth, AuditLog(store, store, clock), challenges_,
               policy_from(step_up_policy)) {
    spdlog::info("step-up for risky transfers: {}", to_string(step_up_.policy()));
}

}  // namespace bank
