#pragma once

#include <optional>
#include <vector>

#include "ledger/model.hpp"
#include "ledger/posting_plan.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// An account after a freeze or an unfreeze.
struct FreezePlan {
    WriteStatus status = WriteStatus::ok;
    Account account;
};

// Checks in order: the account exists, is active (a closed account cannot move money anyway),
// and, to lift a freeze, is frozen. A new freeze replaces an older one (another mode, another
// reason).
FreezePlan plan_set_account_freeze(const std::optional<Account>& account,
                                   const SetAccountFreeze& command);

// What a reversal reads: the posting's row, and for a transfer its other leg, with the
// accounts each row is on (as the store holds them now).
struct ReversalState {
    std::optional<Transaction> row;
    std::optional<Account> account;        // of `row`
    std::optional<Transaction> other_leg;  // a transfer's other row
    std::optional<Account> other_account;  // of `other_leg`
};

// The compensating posting and the rows it undoes, each naming the other.
struct ReversalPlan {
    PostingPlan posting;                // rows with reversal_of set; checked like any posting
    std::vector<Transaction> reversed;  // the undone rows with reversed_by set
};

// Checks in order: the row exists (and a transfer's other leg), is not a reversal itself, was
// not reversed before, then plans the opposite posting as plan_posting would (accounts active,
// funds, overflow) but without the freezes: undoing a posting is the bank's own correction, and
// freezing an account before undoing a fraudulent credit is the usual order. A transfer is
// undone by a transfer back from the account it reached, refused when that would overdraw it.
ReversalPlan plan_reversal(const ReversalState& state, const ReversePosting& command,
                           Timestamp now);

}  // namespace bank
