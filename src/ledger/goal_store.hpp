#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/savings_goal.hpp"
#include "ledger/store_unavailable.hpp"

namespace bank {

// People's savings goals. Like BudgetStore, no money moves, so nothing waits in the writer's
// queue: each change is one conditional write of a goal decided by ledger/goal_plans.hpp.
// May be called from any thread at once; a backend that cannot answer throws
// StoreUnavailable.
class GoalStore {
public:
    virtual ~GoalStore() = default;

    // A person's goals, oldest first (strongly consistent; at most limits::goals_per_person
    // of them are ever stored).
    virtual std::vector<SavingsGoal> list_goals(std::string_view user_id) = 0;
    // The person's goal with this id; nullopt when they have none such.
    virtual std::optional<SavingsGoal> find_goal(std::string_view user_id,
                                                 std::string_view goal_id) = 0;
    // Stores a new goal (version 1); false, writing nothing, when its id is taken.
    virtual bool add_goal(const SavingsGoal& goal) = 0;
    // Writes `next` only over the stored version `next.version - 1`; false otherwise.
    virtual bool save_goal(const SavingsGoal& next) = 0;
    // Deletes the goal only if it is still at `current.version`; false otherwise.
    virtual bool remove_goal(const SavingsGoal& current) = 0;
};

}  // namespace bank
