#pragma once

#include <optional>
#include <vector>

#include "ledger/ledger_changes.hpp"
#include "ledger/model.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// What a posting changes, decided before anything is written: the accounts after the
// change and the transaction rows to add. A store applies it as one atomic write.
struct PostingPlan {
    WriteStatus status = WriteStatus::ok;
    std::optional<Account> payer;   // the account acted on, after the change
    std::optional<Account> payee;   // a transfer's receiving account, after the change
    Money payer_balance_before;     // the acted-on account's balance as read
    Money payee_balance_before;     // a transfer's receiving account's balance as read
    std::vector<Transaction> rows;  // the acted-on account's row first
    std::vector<Rollup> rollups;    // the rollup changes of the rows
};

// What the plan changes, for the invariant checks: exactly what a store writes of it.
LedgerChanges changes_of(const PostingPlan& plan);
// Only the payer's and payee's balances of changes_of(plan): no rows, no rollups.
LedgerChanges balance_changes_of(const PostingPlan& plan);

// Sets every row's timestamp (a store that orders rows by a logical time of its own) and
// recomputes the rollup changes, whose month follows the timestamp.
void restamp(PostingPlan& plan, Timestamp at);

// Checks a posting in a fixed order (amount, account, ownership, status, freeze, payee with
// its status and freeze, funds, overflow) and plans it. `account` and `payee` are as the store
// holds them now; `payee` is ignored unless the posting is a transfer.
PostingPlan plan_posting(const Posting& posting, const std::optional<Account>& account,
                         const std::optional<Account>& payee, Timestamp now);

// The stateless checks alone, for callers that want to refuse early.
WriteStatus check_amount(Money amount);

}  // namespace bank
