#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/model.hpp"
#include "service/analytics_figures.hpp"

namespace bank {

// Transfers between two of a person's own accounts move money; at the person's level they are
// neither money in nor spending, and they do not lower the savings rate. (At one account's
// level they stay: money did leave or reach that account.) The rollups do not say where a
// transfer went, so the outgoing legs are read from the history, bounded by the days asked.

// The outgoing legs, in [from, to), of transfers from one of the user's accounts to another.
std::vector<Transaction> own_transfers(LedgerReads& ledger, const std::string& user_id,
                                       Timestamp from, Timestamp to);

// own_transfers over [from, to) for the scope's user: taken from the scope's earlier read when
// that covered those days (the /analytics page reads the widest days first), else read and
// kept in the scope for the figures that follow.
std::vector<Transaction> own_transfers_of(LedgerReads& ledger, const AnalyticsScope& scope,
                                          Timestamp from, Timestamp to);

// Takes `moved` out of outgoing totals by description (top payees), dropping a description
// that nothing else paid.
void leave_out_own_payees(std::map<std::string, DescriptionTotal>& totals,
                          const std::vector<Transaction>& moved);

// Takes `moved` out of outgoing totals and counts by category (the averages behind unusual
// spending), dropping a category that nothing else was spent on.
void leave_out_own_spending(std::map<std::string, std::pair<Money, std::int64_t>>& spent,
                            const std::vector<Transaction>& moved);

// The first `limit` of `rows` that are not in `moved`, in their order. A store asked for
// `limit` plus the number of `moved` rows it could return gives at least `limit` others
// whenever there are that many.
std::vector<Transaction> without_own_transfers(std::vector<Transaction> rows,
                                               const std::vector<Transaction>& moved,
                                               std::size_t limit);

// The days `changes` of a SpendingSummary compare: [previous_from, previous_to) and
// [current_from, current_to).
struct ChangeWindow {
    Timestamp previous_from;
    Timestamp previous_to;
    Timestamp current_from;
    Timestamp current_to;
};

// Takes `moved` (own_transfers over at least the period and the months of `summary`) out of
// money in, spending, the categories, the months and the changes, and recomputes what follows
// from them (net, average daily spending, savings rate, shares, changes in basis points).
void leave_out_own_transfers(SpendingSummary& summary, const std::vector<Transaction>& moved,
                             const Period& period, const ChangeWindow& window);

}  // namespace bank
