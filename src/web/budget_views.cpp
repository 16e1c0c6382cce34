#include "web/budget_views.hpp"

#include <algorithm>
#include <limits>

namespace bank {

namespace {

using kainjow::mustache::data;
__extension__ using Wide = __int128;

// The share of what is available that was spent, in whole percent (rounded down; more than
// 100 when overspent; 100 when nothing was available and something was spent).
std::int64_t used_percent(Money spent, Money available) {
    if (!available.is_positive()) return spent.is_positive() ? 100 : 0;
    return static_cast<std::int64_t>(Wide(spent.cents()) * 100 / available.cents());
}

Money magnitude(Money money) {
    if (!money.is_negative()) return money;
    const std::int64_t cents = money.cents();
    return Money::from_cents(cents == std::numeric_limits<std::int64_t>::min()
                                 ? std::numeric_limits<std::int64_t>::max()
                                 : -cents);
}

std::string days_left_text(const BudgetPace& pace) {
    if (pace.days_left == 0) return "month over";
    if (pace.days_left == pace.days_in_month && pace.days_gone == 0) return "month to come";
    return std::to_string(pace.days_left) + (pace.days_left == 1 ? " day left" : " days left");
}

std::string rollover_text(const Budget& budget) {
    switch (budget.rollover) {
        case BudgetRollover::none:
            return "no rollover";
        case BudgetRollover::surplus:
            return "unspent money carried forward";
        case BudgetRollover::both:
            return "unspent money and overspending carried forward";
    }
    return "";
}

}  // namespace

ViewData budget_progress_rows(const BudgetReport& report) {
    data rows{data::type::list};
    for (const BudgetProgress& progress : report.budgets) {
        const BudgetMonthFigures& figures = progress.figures;
        const std::int64_t percent = used_percent(figures.spent, figures.available);
        data row;
        row.set("budget_id", progress.budget.budget_id);
        row.set("category", progress.budget.category);
        row.set("amount", progress.budget.amount.display());
        row.set("every_month", progress.budget.month.empty());
        row.set("rollover", rollover_text(progress.budget));
        row.set("has_carried", !figures.carried_in.is_zero());
        row.set("carried_in", figures.carried_in.display());
        row.set("available", figures.available.display());
        row.set("spent", figures.spent.display());
        // "$230.43 over" reads better than "-$230.43 over".
        row.set("left", magnitude(figures.left).display());
        row.set("overspent", figures.left.is_negative());
        row.set("percent", std::to_string(percent));
        row.set("bar_value", std::to_string(std::min<std::int64_t>(percent, 100)));
        row.set("days_left", days_left_text(progress.pace));
        row.set("on_pace", progress.pace.on_pace);
        rows.push_back(row);
    }
    return rows;
}

}  // namespace bank
