#include "storage/sqlite/sqlite_category_commands.hpp"

#include <optional>
#include <utility>

#include "ledger/category_plans.hpp"
#include "storage/sqlite/sqlite_bank_figures.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_rollups.hpp"
#include "storage/sqlite/sqlite_rows.hpp"

namespace bank {

WriteResult SqliteCategoryCommands::apply(const Recategorize& command) {
    const std::optional<Transaction> row = select_transaction(connection_, command.transaction_id);
    std::string owner_id;
    if (row) {
        if (auto account = select_account(connection_, row->account_id)) {
            owner_id = std::move(account->user_id);
        }
    }
    RecategorizePlan plan = plan_recategorize(row, owner_id, command);
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    const auto status = guard_.admit(changes_of(plan), command_ids(command));
    if (status != WriteStatus::ok) return with_status(status);
    if (plan.changed) {
        connection_.query("UPDATE transactions SET category = ? WHERE transaction_id = ?")
            .bind(plan.row.category)
            .bind(plan.row.transaction_id)
            .run();
        for (const Rollup& change : plan.rollups) apply_rollup_change(connection_, change);
        if (plan.recategorizes_kept_transfer) {
            SqliteBankFigures(connection_).recategorize_kept_transfer(plan.row);
        }
    }
    WriteResult result;
    result.transactions.push_back(std::move(plan.row));
    return result;
}

WriteResult SqliteCategoryCommands::apply(const CreateCategoryRule& command) {
    const CategoryRule& rule = command.rule;
    const auto status = plan_create_category_rule(
        select_user(connection_, rule.user_id).has_value(), count_rules(rule.user_id), command);
    if (status != WriteStatus::ok) return with_status(status);
    connection_
        .query(
            "INSERT INTO category_rules (rule_id, user_id, pattern, category, created_at) "
            "VALUES (?, ?, ?, ?, ?)")
        .bind(rule.rule_id)
        .bind(rule.user_id)
        .bind(rule.pattern)
        .bind(rule.category)
        .bind(to_micros(rule.created_at))
        .run();
    return {};
}

WriteResult SqliteCategoryCommands::apply(const DeleteCategoryRule& command) {
    const auto status = plan_delete_category_rule(select_rule(command.user_id, command.rule_id));
    if (status != WriteStatus::ok) return with_status(status);
    connection_.query("DELETE FROM category_rules WHERE rule_id = ? AND user_id = ?")
        .bind(command.rule_id)
        .bind(command.user_id)
        .run();
    return {};
}

std::optional<CategoryRule> SqliteCategoryCommands::select_rule(std::string_view user_id,
                                                                std::string_view rule_id) {
    auto query = connection_.query(
        "SELECT rule_id, user_id, pattern, category, created_at FROM category_rules "
        "WHERE rule_id = ? AND user_id = ?");
    query.bind(rule_id).bind(user_id);
    if (!query.step()) return std::nullopt;
    return read_category_rule(query);
}

std::size_t SqliteCategoryCommands::count_rules(std::string_view user_id) {
    auto query = connection_.query("SELECT count(*) FROM category_rules WHERE user_id = ?");
    query.bind(user_id);
    query.step();
    return static_cast<std::size_t>(query.integer(0));
}

}  // namespace bank
