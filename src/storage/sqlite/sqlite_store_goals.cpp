// SqliteStore's GoalStore role, kept out of sqlite_store.cpp.
#include "storage/sqlite/sqlite_goals.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

// As the budgets: each write borrows a side writer (side_writers_.with), which takes SQLite's write
// lock for this one conditional statement, outside the ledger writer's queue (no money moves).

std::vector<SavingsGoal> SqliteStore::list_goals(std::string_view user_id) {
    return readers_.with_connection(
        [&](SqliteConnection& connection) { return SqliteGoals(connection).list(user_id); });
}

std::optional<SavingsGoal> SqliteStore::find_goal(std::string_view user_id,
                                                  std::string_view goal_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteGoals(connection).find(user_id, goal_id);
    });
}

bool SqliteStore::add_goal(const SavingsGoal& goal) {
    return side_writers_.with<SqliteGoals>([&](SqliteGoals& goals) { return goals.add(goal); });
}

bool SqliteStore::save_goal(const SavingsGoal& next) {
    return side_writers_.with<SqliteGoals>([&](SqliteGoals& goals) { return goals.save(next); });
}

bool SqliteStore::remove_goal(const SavingsGoal& current) {
    return side_writers_.with<SqliteGoals>(
        [&](SqliteGoals& goals) { return goals.remove(current); });
}

}  // namespace bank
