#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/budget.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// The budgets table (schema 15) on one connection: a budget read and written whole, changed
// only over the version it was decided on. A unique index on (user_id, category, month)
// makes a second budget of the same category and month fail to insert, whoever decided it.
class SqliteBudgets {
public:
    explicit SqliteBudgets(SqliteConnection& connection) : connection_(connection) {}

    std::vector<Budget> list(std::string_view user_id);
    std::optional<Budget> find(std::string_view user_id, std::string_view budget_id);
    // False when the person's category and month (or the id) is taken.
    bool add(const Budget& budget);
    bool save(const Budget& next);
    bool remove(const Budget& current);

private:
    SqliteConnection& connection_;
};

}  // namespace bank
