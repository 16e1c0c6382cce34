#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "ledger/ledger_reads.hpp"
#include "ledger/report_queries.hpp"

// The period reads of AnalyticsReads derived from LedgerReads::list_transactions, paged over
// the period: correct on any engine and bounded by the period, for an engine without an
// index of its own for them (DynamoDB). Each does what the AnalyticsReads method of the
// same name promises.
namespace bank {

std::vector<Rollup> period_rollups_from_history(LedgerReads& ledger, const PeriodQuery& query);
std::vector<PayeeRollup> period_payee_rollups_from_history(LedgerReads& ledger,
                                                           const PeriodQuery& query);
std::vector<Transaction> largest_outflows_from_history(LedgerReads& ledger,
                                                       const PeriodQuery& query, std::size_t limit);
std::vector<Transaction> outflows_above_from_history(
    LedgerReads& ledger, const PeriodQuery& query, const std::vector<CategoryThreshold>& thresholds,
    std::size_t limit);
std::vector<Money> balances_at_from_history(LedgerReads& ledger, std::string_view user_id,
                                            std::string_view account_id,
                                            const std::vector<Timestamp>& at);

}  // namespace bank
