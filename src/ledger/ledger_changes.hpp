#pragma once

#include <string>
#include <vector>

#include "core/money.hpp"
#include "ledger/model.hpp"

namespace bank {

// One account's balance as a command found it and as the command leaves it.
struct BalanceChange {
    std::string account_id;
    Money before;
    Money after;
};

// What one command changes in the ledger, as the invariant checks see it: the balances it
// moves, the rows it adds and the rollup changes it makes. A rollup change is a `Rollup`
// whose total and count are added to the stored one, so both may be negative (a
// recategorisation takes a row out of one category's rollup and adds it to another's).
struct LedgerChanges {
    std::vector<BalanceChange> balances;
    std::vector<Transaction> rows;
    std::vector<Rollup> rollups;
};

// The rollup change that a posted row makes: its amount and a count of one, added to the
// (account, month, category, type) rollup.
Rollup rollup_change_of(const Transaction& row);

}  // namespace bank
