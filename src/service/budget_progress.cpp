// BudgetService::progress: which budgets are in force in a month, the chain of months each
// carries over, and the spending of those months from the rollups.
#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "core/budget_limits.hpp"
#include "core/time_zone.hpp"
#include "ledger/category.hpp"
#include "service/budget_service.hpp"
#include "service/local_month_rollups.hpp"
#include "service/own_transfers.hpp"

namespace bank {
namespace {

// The budgets of one category: the every-month one (if any) and the one-month ones by month.
struct CategoryBudgets {
    std::optional<Budget> every;
    std::map<int, Budget> by_month;
};

// Spending by (local month, category).
using Spending = std::map<std::pair<int, std::string>, Money>;

// The months one category's figures are carried over, oldest first, the asked one last: from
// the every-month budget's first month (at most the limit before `asked`), or the asked month
// alone.
struct Chain {
    std::string category;
    const Budget* shown = nullptr;  // the budget in force in the asked month
    int first = 0;
    std::vector<BudgetMonthInput> months;
};

std::optional<Chain> chain_of(const std::string& category, const CategoryBudgets& budgets,
                              int asked) {
    Chain chain;
    chain.category = category;
    const auto own = budgets.by_month.find(asked);
    const Budget* every = nullptr;
    if (budgets.every && *parse_budget_month(budgets.every->start_month) <= asked) {
        every = &*budgets.every;
    }
    chain.shown = own != budgets.by_month.end() ? &own->second : every;
    if (chain.shown == nullptr) return std::nullopt;
    chain.first = asked;
    if (every != nullptr) {
        chain.first = std::max(*parse_budget_month(every->start_month),
                               asked - limits::budget_rollover_months_max);
    }
    return chain;
}

Money spent_in(const Spending& spending, int month, const std::string& category) {
    const auto found = spending.find({month, category});
    return found == spending.end() ? Money() : found->second;
}

void fill_months(Chain& chain, const CategoryBudgets& budgets, int asked,
                 const Spending& spending) {
    for (int month = chain.first; month <= asked; ++month) {
        const auto own = budgets.by_month.find(month);
        const Budget& in_force = own != budgets.by_month.end() ? own->second : *budgets.every;
        chain.months.push_back(BudgetMonthInput{
            in_force.amount, spent_in(spending, month, chain.category), in_force.rollover});
    }
}

bool is_spending(TransactionType type) {
    return type == TransactionType::withdrawal || type == TransactionType::transfer_out;
}

// Withdrawals and outgoing transfers of the budgeted categories in the local months
// [first, last], less the transfers between the person's own accounts.
Spending read_spending(AnalyticsReads& reads, LedgerReads& ledger, const std::string& user_id,
                       const std::set<std::string>& budgeted, int first, int last, int today,
                       Timestamp now, const TimeZone& zone) {
    const Timestamp from = local_month_start(now, zone, first - today);
    const Timestamp last_start = local_month_start(now, zone, last - today);
    Spending spending;
    bool transfers_out = false;
    for (const Rollup& row : local_month_rollups(reads, user_id, "", from, last_start, zone)) {
        if (!is_spending(row.transaction_type) || !budgeted.contains(row.category)) continue;
        const auto month = parse_budget_month(row.month);
        if (!month) continue;
        Money& total = spending[{*month, row.category}];
        total = Money::from_cents(total.cents() + row.total.cents());
        transfers_out = transfers_out || row.transaction_type == TransactionType::transfer_out;
    }
    // Only when the rollups count an outgoing transfer can one of them be a move between the
    // person's own accounts: otherwise nothing is read beyond the rollups.
    if (!transfers_out) return spending;
    const Timestamp to = local_month_start(now, zone, last - today + 1);
    for (const Transaction& moved : own_transfers(ledger, user_id, from, to)) {
        const auto month = parse_budget_month(format_month(moved.timestamp, zone));
        const auto found = spending.find({month.value_or(0), moved.category});
        if (found == spending.end()) continue;
        found->second = Money::from_cents(found->second.cents() - moved.amount.cents());
    }
    return spending;
}

}  // namespace

Result<BudgetReport> BudgetService::progress(const User& user, const std::string& month) {
    const TimeZone zone = TimeZone::named_or_utc(user.time_zone);
    const Timestamp now = clock_.now();
    const std::string today_date = format_date(now, zone);
    const int today = *parse_budget_month(today_date.substr(0, 7));
    const int today_day = std::stoi(today_date.substr(8, 2));
    const auto asked = month.empty() ? std::optional<int>(today) : parse_budget_month(month);
    if (!asked) {
        return make_error(ErrorCode::validation_failed,
                          "The month must be written YYYY-MM, such as 2026-05.", "month");
    }
    std::map<std::string, CategoryBudgets> by_category;
    for (Budget& budget : budgets_.list_budgets(user.user_id)) {
        CategoryBudgets& slot = by_category[budget.category];
        if (budget.month.empty()) {
            slot.every = std::move(budget);
        } else {
            const int key = *parse_budget_month(budget.month);
            slot.by_month.emplace(key, std::move(budget));
        }
    }
    std::vector<Chain> chains;
    std::set<std::string> budgeted;
    int first = *asked;
    for (const auto category : categories) {
        const auto found = by_category.find(std::string(category));
        if (found == by_category.end()) continue;
        auto chain = chain_of(found->first, found->second, *asked);
        if (!chain) continue;
        first = std::min(first, chain->first);
        budgeted.insert(chain->category);
        chains.push_back(std::move(*chain));
    }
    BudgetReport report;
    report.month = budget_month_text(*asked);
    report.is_current = *asked == today;
    if (chains.empty()) return report;
    const Spending spending =
        read_spending(reads_, ledger_, user.user_id, budgeted, first, *asked, today, now, zone);
    for (Chain& chain : chains) {
        fill_months(chain, by_category[chain.category], *asked, spending);
        const BudgetMonthFigures figures = plan_budget_months(chain.months).back();
        report.budgets.push_back(BudgetProgress{
            *chain.shown, figures,
            plan_budget_pace(figures.available, figures.spent, *asked, today, today_day)});
    }
    return report;
}

}  // namespace bank
