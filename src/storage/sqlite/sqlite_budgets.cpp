#include "storage/sqlite/sqlite_budgets.hpp"

#include <stdexcept>
#include <string>

namespace bank {

namespace {

constexpr const char* columns =
    "budget_id, user_id, category, month, start_month, amount_cents, rollover, created_at, "
    "updated_at, version";

Budget read_budget(const SqliteQuery& query) {
    Budget budget;
    budget.budget_id = query.text(0);
    budget.user_id = query.text(1);
    budget.category = query.text(2);
    budget.month = query.text(3);
    budget.start_month = query.text(4);
    budget.amount = Money::from_cents(query.integer(5));
    const auto rollover = parse_budget_rollover(query.text(6));
    if (!rollover) throw std::runtime_error("sqlite: unknown rollover '" + query.text(6) + "'");
    budget.rollover = *rollover;
    budget.created_at = from_micros(query.integer(7));
    budget.updated_at = from_micros(query.integer(8));
    budget.version = query.integer(9);
    return budget;
}

}  // namespace

std::vector<Budget> SqliteBudgets::list(std::string_view user_id) {
    auto query =
        connection_.query(std::string("SELECT ") + columns +
                          " FROM budgets WHERE user_id = ? ORDER BY created_at, budget_id");
    query.bind(user_id);
    std::vector<Budget> budgets;
    while (query.step()) budgets.push_back(read_budget(query));
    return budgets;
}

std::optional<Budget> SqliteBudgets::find(std::string_view user_id, std::string_view budget_id) {
    auto query = connection_.query(std::string("SELECT ") + columns +
                                   " FROM budgets WHERE budget_id = ? AND user_id = ?");
    query.bind(budget_id).bind(user_id);
    if (!query.step()) return std::nullopt;
    return read_budget(query);
}

bool SqliteBudgets::add(const Budget& budget) {
    connection_
        .query(std::string("INSERT INTO budgets (") + columns +
               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .bind(budget.budget_id)
        .bind(budget.user_id)
        .bind(budget.category)
        .bind(budget.month)
        .bind(budget.start_month)
        .bind(budget.amount.cents())
        .bind(to_string(budget.rollover))
        .bind(to_micros(budget.created_at))
        .bind(to_micros(budget.updated_at))
        .bind(budget.version)
        .run();
    return connection_.changes() == 1;
}

bool SqliteBudgets::save(const Budget& next) {
    connection_
        .query(
            "UPDATE budgets SET amount_cents = ?, rollover = ?, updated_at = ?, version = ? "
            "WHERE budget_id = ? AND user_id = ? AND version = ?")
        .bind(next.amount.cents())
        .bind(to_string(next.rollover))
        .bind(to_micros(next.updated_at))
        .bind(next.version)
        .bind(next.budget_id)
        .bind(next.user_id)
        .bind(next.version - 1)
        .run();
    return connection_.changes() == 1;
}

bool SqliteBudgets::remove(const Budget& current) {
    connection_.query("DELETE FROM budgets WHERE budget_id = ? AND user_id = ? AND version = ?")
        .bind(current.budget_id)
        .bind(current.user_id)
        .bind(current.version)
        .run();
    return connection_.changes() == 1;
}

}  // namespace bank
