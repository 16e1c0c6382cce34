#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/budget.hpp"
#include "ledger/store_unavailable.hpp"

namespace bank {

// People's budgets. Like PasskeyStore, no money moves, so nothing waits in the writer's
// queue: each change is one conditional write of a budget decided by ledger/budget_plans.hpp.
// May be called from any thread at once; a backend that cannot answer throws
// StoreUnavailable.
class BudgetStore {
public:
    virtual ~BudgetStore() = default;

    // A person's budgets, oldest first (strongly consistent; at most
    // limits::budgets_per_user_max of them are ever stored).
    virtual std::vector<Budget> list_budgets(std::string_view user_id) = 0;
    // The person's budget with this id; nullopt when they have none such.
    virtual std::optional<Budget> find_budget(std::string_view user_id,
                                              std::string_view budget_id) = 0;
    // Stores a new budget (version 1); false, writing nothing, when the person has a budget
    // of the same category and month already (or the id is taken).
    virtual bool add_budget(const Budget& budget) = 0;
    // Writes `next` only over the stored version `next.version - 1`; false otherwise.
    virtual bool save_budget(const Budget& next) = 0;
    // Deletes the budget only if it is still at `current.version`; false otherwise.
    virtual bool remove_budget(const Budget& current) = 0;
};

}  // namespace bank
