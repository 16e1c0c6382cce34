// SqliteStore's BudgetStore role, kept out of sqlite_store.cpp.
#include "storage/sqlite/sqlite_budgets.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

namespace {

// As the passkeys: a side writer (a pooled connection of its own) takes SQLite's write lock for
// this one conditional statement, outside the ledger writer's queue (no money moves).
template <typename Change>
bool write_budget(SqliteConnectionPool& side_writers, Change change) {
    return side_writers.with_connection([&](SqliteConnection& connection) {
        SqliteBudgets budgets(connection);
        return change(budgets);
    });
}

}  // namespace

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
    return write_budget(side_writers_, [&](SqliteBudgets& budgets) { return budgets.add(budget); });
}

bool SqliteStore::save_budget(const Budget& next) {
    return write_budget(side_writers_, [&](SqliteBudgets& budgets) { return budgets.save(next); });
}

bool SqliteStore::remove_budget(const Budget& current) {
    return write_budget(side_writers_,
                        [&](SqliteBudgets& budgets) { return budgets.remove(current); });
}

}  // namespace bank
