#include "ledger/budget_plans.hpp"

#include <limits>

#include "core/budget_limits.hpp"

namespace bank {

namespace {

__extension__ using Wide = __int128;

// Sums in a wider type, so an addition never overflows before the result is clamped.
Money clamped(Wide cents) {
    constexpr auto largest = std::numeric_limits<std::int64_t>::max();
    constexpr auto smallest = std::numeric_limits<std::int64_t>::min();
    if (cents > largest) return Money::from_cents(largest);
    if (cents < smallest) return Money::from_cents(smallest);
    return Money::from_cents(static_cast<std::int64_t>(cents));
}

bool is_owners(const std::optional<Budget>& budget, std::string_view user_id) {
    return budget && budget->user_id == user_id;
}

}  // namespace

std::string_view to_string(BudgetRefusal refusal) {
    switch (refusal) {
        case BudgetRefusal::ok:
            return "ok";
        case BudgetRefusal::not_found:
            return "not_found";
        case BudgetRefusal::duplicate:
            return "duplicate";
        case BudgetRefusal::too_many_budgets:
            return "too_many_budgets";
    }
    return "ok";
}

BudgetPlan plan_budget_creation(Budget draft, const std::vector<Budget>& existing, Timestamp now) {
    if (existing.size() >= limits::budgets_per_user_max) {
        return {BudgetRefusal::too_many_budgets, {}};
    }
    for (const Budget& budget : existing) {
        if (budget.category == draft.category && budget.month == draft.month) {
            return {BudgetRefusal::duplicate, {}};
        }
    }
    draft.created_at = now;
    draft.updated_at = now;
    draft.version = 1;
    return {BudgetRefusal::ok, std::move(draft)};
}

BudgetPlan plan_budget_change(const std::optional<Budget>& current, std::string_view user_id,
                              const BudgetChange& change, Timestamp now) {
    if (!is_owners(current, user_id)) return {BudgetRefusal::not_found, {}};
    Budget next = *current;
    if (change.amount) next.amount = *change.amount;
    if (change.rollover) next.rollover = *change.rollover;
    next.updated_at = now;
    next.version = current->version + 1;
    return {BudgetRefusal::ok, std::move(next)};
}

BudgetPlan plan_budget_removal(const std::optional<Budget>& current, std::string_view user_id) {
    if (!is_owners(current, user_id)) return {BudgetRefusal::not_found, {}};
    return {BudgetRefusal::ok, *current};
}

std::vector<BudgetMonthFigures> plan_budget_months(const std::vector<BudgetMonthInput>& months) {
    std::vector<BudgetMonthFigures> figures;
    figures.reserve(months.size());
    Money carried;
    for (const BudgetMonthInput& month : months) {
        BudgetMonthFigures figure;
        figure.carried_in = carried;
        figure.available = clamped(Wide(month.amount.cents()) + carried.cents());
        figure.spent = month.spent;
        figure.left = clamped(Wide(figure.available.cents()) - month.spent.cents());
        switch (month.rollover) {
            case BudgetRollover::none:
                figure.carried_out = Money();
                break;
            case BudgetRollover::surplus:
                figure.carried_out = figure.left.is_positive() ? figure.left : Money();
                break;
            case BudgetRollover::both:
                figure.carried_out = figure.left;
                break;
        }
        carried = figure.carried_out;
        figures.push_back(figure);
    }
    return figures;
}

BudgetPace plan_budget_pace(Money available, Money spent, int asked_month, int today_month,
                            int today_day) {
    BudgetPace pace;
    pace.days_in_month = days_in_budget_month(asked_month);
    if (asked_month < today_month) {
        pace.days_gone = pace.days_in_month;
    } else if (asked_month == today_month) {
        pace.days_gone = today_day;
        pace.days_left = pace.days_in_month - today_day + 1;
    } else {
        pace.days_left = pace.days_in_month;
    }
    // spent / available <= days_gone / days_in_month, without a division.
    pace.on_pace =
        Wide(spent.cents()) * pace.days_in_month <= Wide(available.cents()) * pace.days_gone;
    return pace;
}

}  // namespace bank
