#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "ledger/plan_guard.hpp"
#include "ledger/write_command.hpp"

namespace bank {

class SqliteConnection;

// Applies the category commands on the writer's connection, inside the savepoint the
// writer opened: recategorising a transaction (its rollups follow in the same savepoint)
// and the user's category rules. Each reads what its planner (ledger/category_plans.hpp)
// decides on; a refusal is returned before anything changes.
class SqliteCategoryCommands {
public:
    SqliteCategoryCommands(SqliteConnection& connection, const PlanGuard& guard)
        : connection_(connection), guard_(guard) {}

    WriteResult apply(const Recategorize& command);
    WriteResult apply(const CreateCategoryRule& command);
    WriteResult apply(const DeleteCategoryRule& command);

private:
    std::size_t count_rules(std::string_view user_id);

    std::optional<CategoryRule> select_rule(std::string_view user_id, std::string_view rule_id);

    SqliteConnection& connection_;
    const PlanGuard& guard_;
};

}  // namespace bank
