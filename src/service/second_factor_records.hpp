#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/secret_box.hpp"
#include "ledger/second_factor_plans.hpp"
#include "ledger/second_factor_store.hpp"

namespace bank {

// Reads, decides and writes a person's second-factor record: the planner decides on the
// record as read, and the write holds only if nobody wrote in between; otherwise the record
// is read and the planner asked again (limits::second_factor_write_attempts_max times).
// Also opens the sealed TOTP secret to find the step a typed code belongs to.
class SecondFactorRecords {
public:
    SecondFactorRecords(SecondFactorStore& store, const SecretKey& key, const Clock& clock)
        : store_(store), box_(key), clock_(clock) {}

    using Planner = std::function<SecondFactorPlan(const std::optional<SecondFactor>&)>;

    std::optional<SecondFactor> find(std::string_view user_id) {
        return store_.find_second_factor(user_id);
    }
    // The plan that was written, or the refusal. When every attempt lost its race to another
    // write of the same person, the status is ok and `next.version` is 0: nothing was
    // written, and the caller says so.
    SecondFactorPlan decide_and_write(std::string_view user_id, const Planner& planner);

    std::string seal(std::string_view secret, std::string_view user_id) const {
        return box_.seal(secret, user_id);
    }
    // The step of `code` under the record's secret at now, or nullopt (no secret, a secret
    // that does not open, or no match).
    MatchedStep matching_step(const std::optional<SecondFactor>& record,
                              std::string_view code) const;
    std::optional<std::string> open_secret(const SecondFactor& record) const;

    // Ten new recovery codes as shown ("abcd-ef01-2345-6789") and their hashes as stored.
    static std::vector<std::string> new_recovery_codes();
    static std::string recovery_code_hash(std::string_view typed);
    static std::vector<std::string> hashes_of(const std::vector<std::string>& codes);

    const Clock& clock() const { return clock_; }

private:
    SecondFactorStore& store_;
    SecretBox box_;
    const Clock& clock_;
};

}  // namespace bank
