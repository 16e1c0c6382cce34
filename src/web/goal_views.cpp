#include "web/goal_views.hpp"

#include <string>

#include "ledger/standing_order.hpp"

namespace bank {

namespace {

using kainjow::mustache::data;

std::string account_name(const std::vector<Account>& accounts, const std::string& account_id) {
    for (const Account& account : accounts) {
        if (account.account_id == account_id) {
            return std::string(display_name(account.account_type)) + " " + account.account_number;
        }
    }
    return "a closed account";
}

std::string months_text(int months) {
    return std::to_string(months) + (months == 1 ? " month" : " months");
}

void add_transfer(data& row, const GoalView& view, const std::vector<Account>& accounts) {
    const bool running =
        view.transfer && (view.transfer->order.status == StandingOrderStatus::active ||
                          view.transfer->order.status == StandingOrderStatus::paused);
    row.set("transfer_on", running);
    if (!running) return;
    const StandingOrder& order = view.transfer->order;
    row.set("transfer_amount", order.amount.display());
    row.set("transfer_from", account_name(accounts, order.from_account_id));
    row.set("transfer_schedule", view.transfer->schedule);
    row.set("transfer_paused", order.status == StandingOrderStatus::paused);
    row.set("standing_order_id", order.standing_order_id);
}

}  // namespace

ViewData goal_rows(const std::vector<GoalView>& goals, const std::vector<Account>& accounts) {
    data rows{data::type::list};
    for (const GoalView& view : goals) {
        const SavingsGoal& goal = view.goal;
        const GoalProgress& progress = view.progress;
        data row;
        row.set("goal_id", goal.goal_id);
        row.set("name", goal.name);
        row.set("account", account_name(accounts, goal.account_id));
        row.set("target", goal.target.display());
        row.set("target_value", goal.target.to_string());
        row.set("target_date", iso_date(goal.target_date));
        row.set("saved", progress.saved.display());
        row.set("left", progress.left.display());
        row.set("percent", std::to_string(progress.percent));
        row.set("months_left", months_text(progress.months_left));
        row.set("monthly_needed", progress.monthly_needed.display());
        row.set("reached", progress.reached);
        row.set("on_track", progress.on_track);
        add_transfer(row, view, accounts);
        rows.push_back(row);
    }
    return rows;
}

}  // namespace bank
