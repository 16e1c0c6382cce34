// SqliteStore's GoalStore role, kept out of sqlite_store.cpp.
#include "storage/sqlite/sqlite_goals.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

namespace {

// As the budgets: a side writer (a pooled connection of its own) takes SQLite's write lock for this
// one conditional statement, outside the ledger writer's queue (no money moves).
template <typename Change>
bool write_goal(SqliteConnectionPool& side_writers, Change change) {
    return side_writers.with_connection([&](SqliteConnection& connection) {
        SqliteGoals goals(connection);
        return change(goals);
    });
}

}  // namespace

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
    return write_goal(side_writers_, [&](SqliteGoals& goals) { return goals.add(goal); });
}

bool SqliteStore::save_goal(const SavingsGoal& next) {
    return write_goal(side_writers_, [&](SqliteGoals& goals) { return goals.save(next); });
}

bool SqliteStore::remove_goal(const SavingsGoal& current) {
    return write_goal(side_writers_, [&](SqliteGoals& goals) { return goals.remove(current); });
}

}  // namespace bank
