#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "ledger/interest_rate_store.hpp"
#include "service/auth_service.hpp"

namespace bank {

// The rates of an account type as a person or an administrator reads them.
struct InterestRateHistory {
    AccountType account_type = AccountType::savings;
    std::optional<InterestRate> in_force;  // the period of today (UTC); none before the first
    std::vector<InterestRate> periods;     // newest effective_from first
};

// Administrators set the annual interest rate of savings accounts from a date on; each rate is
// a new period of the history (plan_new_interest_rate decides). The history is what
// InterestPoster posts from and `bank verify` recomputes with.
class InterestService {
public:
    InterestService(InterestRateStore& rates, const Clock& clock) : rates_(rates), clock_(clock) {}

    // The fields as sent: account_type ("savings"), annual_rate (a percentage such as
    // "4.35"), effective_from ("2026-12-01"). Refusals name the field; a date that has a
    // period already is a conflict.
    Result<InterestRate> set_rate(const Identity& admin, const std::string& account_type,
                                  const std::string& annual_rate,
                                  const std::string& effective_from);
    // Every type's history, for administrators.
    Result<std::vector<InterestRateHistory>> list_rates(const Identity& admin);
    // The savings rates, for a person's /accounts page.
    InterestRateHistory savings_rates();

private:
    InterestRateHistory history_of(AccountType type);

    InterestRateStore& rates_;
    const Clock& clock_;
};

}  // namespace bank
