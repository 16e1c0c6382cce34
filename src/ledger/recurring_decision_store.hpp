#pragma once

#include <string_view>
#include <vector>

#include "ledger/recurring_decision.hpp"
#include "ledger/store_unavailable.hpp"

namespace bank {

// People's decisions on recurring payments (confirmed, dismissed). Like BudgetStore, no money
// moves, so nothing waits in the writer's queue: each change is one write decided by
// ledger/recurring_decision_plans.hpp. May be called from any thread at once; a backend that
// cannot answer throws StoreUnavailable.
class RecurringDecisionStore {
public:
    virtual ~RecurringDecisionStore() = default;

    // A person's decisions ordered by recurrence key (strongly consistent; at most
    // limits::recurring_decisions_per_user_max of them are ever stored).
    virtual std::vector<RecurringDecision> list_recurring_decisions(std::string_view user_id) = 0;
    // Stores the decision, replacing the person's one of the same recurrence key if any.
    virtual void put_recurring_decision(const RecurringDecision& decision) = 0;
    // Deletes the person's decision of this key; false when there was none.
    virtual bool remove_recurring_decision(std::string_view user_id,
                                           std::string_view recurrence_key) = 0;
};

}  // namespace bank
