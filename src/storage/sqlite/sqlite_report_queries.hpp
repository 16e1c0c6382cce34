#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "ledger/model.hpp"
#include "ledger/report_queries.hpp"

namespace bank {

class SqliteConnection;

// The analytics reads of SqliteStore. Each seeks the (account_id, timestamp) index of
// schema 3, so it reads the postings of the period and no others, except the
// largest and unusual postings, which walk the outgoing postings by category and amount
// (schema 6) when the period's counts say that reads fewer entries.
class SqliteReportQueries {
public:
    explicit SqliteReportQueries(SqliteConnection& connection) : connection_(connection) {}

    std::vector<Rollup> period_rollups(const PeriodQuery& query);
    std::vector<PayeeRollup> period_payee_rollups(const PeriodQuery& query);
    std::vector<Transaction> largest_outflows(const PeriodQuery& query, const PeriodCounts& counts,
                                              std::size_t limit);
    std::vector<Transaction> outflows_above(const PeriodQuery& query, const PeriodCounts& counts,
                                            const std::vector<CategoryThreshold>& thresholds,
                                            std::size_t limit);
    std::vector<Money> balances_at(std::string_view user_id, std::string_view account_id,
                                   const std::vector<Timestamp>& at);

private:
    // The ids of the user's accounts, or the one named if it is theirs.
    std::vector<std::string> account_ids(std::string_view user_id, std::string_view account_id);

    SqliteConnection& connection_;
};

}  // namespace bank
