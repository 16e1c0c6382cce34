#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/savings_goal.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// The savings_goals table (schema 17) on one connection: a goal read and written whole,
// changed only over the version it was decided on.
class SqliteGoals {
public:
    explicit SqliteGoals(SqliteConnection& connection) : connection_(connection) {}

    std::vector<SavingsGoal> list(std::string_view user_id);
    std::optional<SavingsGoal> find(std::string_view user_id, std::string_view goal_id);
    // False when the id is taken.
    bool add(const SavingsGoal& goal);
    bool save(const SavingsGoal& next);
    bool remove(const SavingsGoal& current);

private:
    SqliteConnection& connection_;
};

}  // namespace bank
