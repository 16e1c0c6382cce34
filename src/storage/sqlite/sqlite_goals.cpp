#include "storage/sqlite/sqlite_goals.hpp"

#include <stdexcept>
#include <string>

#include "ledger/standing_order.hpp"

namespace bank {

namespace {

constexpr const char* columns =
    "goal_id, user_id, account_id, name, target_cents, target_date, standing_order_id, "
    "created_at, updated_at, version";

SavingsGoal read_goal(const SqliteQuery& query) {
    SavingsGoal goal;
    goal.goal_id = query.text(0);
    goal.user_id = query.text(1);
    goal.account_id = query.text(2);
    goal.name = query.text(3);
    goal.target = Money::from_cents(query.integer(4));
    const auto target_date = parse_iso_date(query.text(5));
    if (!target_date) throw std::runtime_error("sqlite: bad goal date '" + query.text(5) + "'");
    goal.target_date = *target_date;
    const std::string order = query.text(6);
    if (!order.empty()) goal.standing_order_id = order;
    goal.created_at = from_micros(query.integer(7));
    goal.updated_at = from_micros(query.integer(8));
    goal.version = query.integer(9);
    return goal;
}

}  // namespace

std::vector<SavingsGoal> SqliteGoals::list(std::string_view user_id) {
    auto query =
        connection_.query(std::string("SELECT ") + columns +
                          " FROM savings_goals WHERE user_id = ? ORDER BY created_at, goal_id");
    query.bind(user_id);
    std::vector<SavingsGoal> goals;
    while (query.step()) goals.push_back(read_goal(query));
    return goals;
}

std::optional<SavingsGoal> SqliteGoals::find(std::string_view user_id, std::string_view goal_id) {
    auto query = connection_.query(std::string("SELECT ") + columns +
                                   " FROM savings_goals WHERE goal_id = ? AND user_id = ?");
    query.bind(goal_id).bind(user_id);
    if (!query.step()) return std::nullopt;
    return read_goal(query);
}

bool SqliteGoals::add(const SavingsGoal& goal) {
    connection_
        .query(std::string("INSERT INTO savings_goals (") + columns +
               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .bind(goal.goal_id)
        .bind(goal.user_id)
        .bind(goal.account_id)
        .bind(goal.name)
        .bind(goal.target.cents())
        .bind(iso_date(goal.target_date))
        .bind(goal.standing_order_id.value_or(""))
        .bind(to_micros(goal.created_at))
        .bind(to_micros(goal.updated_at))
        .bind(goal.version)
        .run();
    return connection_.changes() == 1;
}

bool SqliteGoals::save(const SavingsGoal& next) {
    connection_
        .query(
            "UPDATE savings_goals SET name = ?, target_cents = ?, target_date = ?, "
            "standing_order_id = ?, updated_at = ?, version = ? "
            "WHERE goal_id = ? AND user_id = ? AND version = ?")
        .bind(next.name)
        .bind(next.target.cents())
        .bind(iso_date(next.target_date))
        .bind(next.standing_order_id.value_or(""))
        .bind(to_micros(next.updated_at))
        .bind(next.version)
        .bind(next.goal_id)
        .bind(next.user_id)
        .bind(next.version - 1)
        .run();
    return connection_.changes() == 1;
}

bool SqliteGoals::remove(const SavingsGoal& current) {
    connection_.query("DELETE FROM savings_goals WHERE goal_id = ? AND user_id = ? AND version = ?")
        .bind(current.goal_id)
        .bind(current.user_id)
        .bind(current.version)
        .run();
    return connection_.changes() == 1;
}

}  // namespace bank
