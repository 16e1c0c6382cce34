#pragma once

#include <cstddef>
#include <optional>

#include "ledger/model.hpp"
#include "ledger/posting_plan.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// What opening an account depends on, as the store read it.
struct OpenAccountState {
    bool user_exists = false;
    std::size_t active_accounts = 0;  // the person's accounts that are not closed
};

// A new account (its id and a fresh number drawn; a store that finds the number taken draws
// another with AccountNumber::generate) and, for a positive opening balance, the plan of its
// first deposit, made against the account's zero balance.
struct OpenAccountPlan {
    WriteStatus status = WriteStatus::ok;
    Account account;              // as it will be stored, with the opening balance
    PostingPlan opening_deposit;  // no rows when there is no opening balance
};

// In a fixed order: the person exists, the opening amount (zero, or a valid amount), the
// limit on accounts.
OpenAccountPlan plan_open_account(const OpenAccountState& state, const OpenAccount& command,
                                  Timestamp now);

struct CloseAccountPlan {
    WriteStatus status = WriteStatus::ok;
    Account account;  // after the change
};

// In a fixed order: the account exists and is the person's, it is still open, its balance
// is zero. `account` is as the store holds it now.
CloseAccountPlan plan_close_account(const std::optional<Account>& account,
                                    const CloseAccount& command);

}  // namespace bank
