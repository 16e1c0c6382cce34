#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "ledger/store.hpp"

namespace bank {

struct MonthSummary {
    std::string month;  // "2026-11"
    Money deposits;
    Money withdrawals;
    Money transfers_in;
    Money transfers_out;
    Money net;  // in minus out
};

struct AnalyticsSummary {
    std::vector<Account> accounts;
    Money total_balance;
    Money total_deposits;
    Money total_withdrawals;
    Money total_transfers_in;
    Money total_transfers_out;
    std::int64_t transaction_count = 0;
    std::vector<MonthSummary> months;  // oldest first
};

// Account summaries and totals by type and month.
class AnalyticsService {
public:
    explicit AnalyticsService(Store& store) : store_(store) {}

    // Over every account of the user, or one of them (empty `account_id`).
    Result<AnalyticsSummary> summary(const std::string& user_id,
                                     const std::string& account_id) const;

private:
    Store& store_;
};

}  // namespace bank
