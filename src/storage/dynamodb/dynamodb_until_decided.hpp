#pragma once

#include <utility>

#include "ledger/write_command.hpp"
#include "storage/dynamodb/retry_budget.hpp"

namespace bank {

// Runs one try of a command until it decides: a try reads what its planner needs, plans,
// and writes the plan as one TransactWriteItems whose conditions guard what it read; it
// answers nullopt when another writer changed that meanwhile (a cancelled transaction), and
// then it reads and plans again, within the retry budget.
template <typename Try>
WriteResult until_decided(RetryBudget& budget, Try&& attempt) {
    for (;;) {
        if (auto result = attempt()) return std::move(*result);
        if (!budget.retry()) return with_status(WriteStatus::unavailable);
    }
}

}  // namespace bank
