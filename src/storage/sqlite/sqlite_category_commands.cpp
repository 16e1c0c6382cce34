#include "storage/sqlite/sqlite_category_commands.hpp"

#include <optional>
#include <utility>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_rollups.hpp"
#include "storage/sqlite/sqlite_rows.hpp"

namespace bank {

namespace {

WriteResult with_status(WriteStatus status) {
    WriteResult result;
    result.status = status;
    return result;
}

}  // namespace

WriteResult SqliteCategoryCommands::apply(const Recategorize& command) {
    std::optional<Transaction> row =
        select_transaction_of_user(connection_, command.user_id, command.transaction_id);
    if (!row) return with_status(WriteStatus::transaction_not_found);
    if (row->category != command.category) {
        remove_from_rollup(connection_, *row);
        connection_.query("UPDATE transactions SET category = ? WHERE transaction_id = ?")
            .bind(command.category)
            .bind(row->transaction_id)
            .run();
        row->category = command.category;
        add_to_rollup(connection_, *row);
    }
    WriteResult result;
    result.transactions.push_back(std::move(*row));
    return result;
}

WriteResult SqliteCategoryCommands::apply(const CreateCategoryRule& command) {
    const CategoryRule& rule = command.rule;
    if (!select_user(connection_, rule.user_id)) return with_status(WriteStatus::user_not_found);
    if (count_rules(rule.user_id) >= command.rules_max) {
        return with_status(WriteStatus::too_many_rules);
    }
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
    connection_.query("DELETE FROM category_rules WHERE rule_id = ? AND user_id = ?")
        .bind(command.rule_id)
        .bind(command.user_id)
        .run();
    if (connection_.changes() == 0) return with_status(WriteStatus::rule_not_found);
    return {};
}

std::size_t SqliteCategoryCommands::count_rules(std::string_view user_id) {
    auto query = connection_.query("SELECT count(*) FROM category_rules WHERE user_id = ?");
    query.bind(user_id);
    query.step();
    return static_cast<std::size_t>(query.integer(0));
}

}  // namespace bank
