// SqliteStore's BudgetStore role, kept out of sqlite_store.cpp.
#include "storage/sqlite/sqlite_budgets.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

// As the passkeys: each write borrows a side writer (side_writers_.with), which takes SQLite's
// write lock for this one conditional statement, outside the ledger writer's queue (no money
// moves).

std::vector<Budget> SqliteStore::list_budgets(std::string_view user_id) {
    return readers_.with_connection(
        [&](SqliteConnection& connection) { return SqliteBudgets(connection).list(user_id); });
}

std::optional<Budget> SqliteStore::find_budget(std::string_view user_id,
                                               std::string_view budget_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteBudgets(connection).find(user_id, budget_id);
    });
}

bool SqliteStore::add_budget(const Budget& budget) {
    return side_writers_.with<SqliteBudgets>(
        [&](SqliteBudgets& budgets) { return budgets.add(budget); });
}

bool SqliteStore::save_budget(const Budget& next) {
    return side_writers_.with<SqliteBudgets>(
        [&](SqliteBudgets& budgets) { return budgets.save(next); });
}

bool SqliteStore::remove_budget(const Budget& current) {
    return side_writers_.with<SqliteBudgets>(
        [&](SqliteBudgets& budgets) { return budgets.remove(current); });
}

}  // namespace bank
