#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/model.hpp"
#include "ledger/report_queries.hpp"
#include "ledger/store_unavailable.hpp"

namespace bank {

struct MonthlyTotal {
    std::string month;  // "2026-11"
    TransactionType transaction_type = TransactionType::deposit;
    Money total;
    std::int64_t count = 0;
};

// The reads behind a person's analytics: the rollups, and the reads bounded by a period that
// rollups cannot answer. An engine without an index for the latter answers them with the
// free functions of ledger/analytics_from_history.hpp, which page list_transactions over the
// period. May be called from any thread at once; a read the backend cannot answer throws
// StoreUnavailable.
class AnalyticsReads {
public:
    virtual ~AnalyticsReads() = default;

    // Sums and counts per month and type over the user's accounts (or one of them).
    virtual std::vector<MonthlyTotal> monthly_totals(std::string_view user_id,
                                                     std::string_view account_id) = 0;
    // The user's rollups (or one account's), for months in [from_month, to_month]
    // ("YYYY-MM"; empty means unbounded).
    virtual std::vector<Rollup> list_rollups(std::string_view user_id, std::string_view account_id,
                                             std::string_view from_month,
                                             std::string_view to_month) = 0;
    // The user's payee rollups (or one account's), for months in [from_month, to_month]
    // ("YYYY-MM"; empty means unbounded).
    virtual std::vector<PayeeRollup> list_payee_rollups(std::string_view user_id,
                                                        std::string_view account_id,
                                                        std::string_view from_month,
                                                        std::string_view to_month) = 0;
    // Like rollups, but of the postings in [from, to): for the partial months at the edges
    // of a custom period.
    virtual std::vector<Rollup> period_rollups(const PeriodQuery& query) = 0;
    // Like payee rollups, but of the postings in [from, to): for the partial months at the
    // edges of a custom period.
    virtual std::vector<PayeeRollup> period_payee_rollups(const PeriodQuery& query) = 0;
    // The largest outgoing postings, largest first (ties: newest first), at most `limit`.
    // `counts` is what the rollups say about the period (see PeriodCounts): an engine may
    // use it to choose how to read, and skip the categories it gives no outflows.
    virtual std::vector<Transaction> largest_outflows(const PeriodQuery& query,
                                                      const PeriodCounts& counts,
                                                      std::size_t limit) = 0;
    // Outgoing postings above their category's threshold, newest first, at most `limit`.
    // `counts` as for largest_outflows.
    virtual std::vector<Transaction> outflows_above(
        const PeriodQuery& query, const PeriodCounts& counts,
        const std::vector<CategoryThreshold>& thresholds, std::size_t limit) = 0;
    // The total balance of the user's accounts (or one of them) at each instant: the
    // balance_after of each account's last posting before it. `at` is in ascending order.
    virtual std::vector<Money> balances_at(std::string_view user_id, std::string_view account_id,
                                           const std::vector<Timestamp>& at) = 0;
};

}  // namespace bank
