#pragma once

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
