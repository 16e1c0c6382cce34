#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "ledger/budget.hpp"

namespace bank {

// Why a budget command was refused; ok when it may go ahead.
enum class BudgetRefusal {
    ok,
    not_found,         // no such budget of this person
    duplicate,         // the person has a budget for this category and month already
    too_many_budgets,  // limits::budgets_per_user_max reached
};

std::string_view to_string(BudgetRefusal refusal);

struct BudgetPlan {
    BudgetRefusal status = BudgetRefusal::ok;
    Budget next;  // as it is to be stored (removal: as it was read)
};

// What PATCH may change; the category and the month name the budget and stay.
struct BudgetChange {
    std::optional<Money> amount;
    std::optional<BudgetRollover> rollover;
};

// A new budget (`draft` checked by the service: category known, amount positive, month and
// rollover valid, id, owner and start month filled in) among the person's `existing` ones.
// Checks in order: the person's count under the limit, no budget of the same category and
// month (every month counting as a month of its own).
BudgetPlan plan_budget_creation(Budget draft, const std::vector<Budget>& existing, Timestamp now);

// Changes `current` (as read) for `user_id`: not_found unless it is theirs.
BudgetPlan plan_budget_change(const std::optional<Budget>& current, std::string_view user_id,
                              const BudgetChange& change, Timestamp now);

// Removes `current` for `user_id`: not_found unless it is theirs.
BudgetPlan plan_budget_removal(const std::optional<Budget>& current, std::string_view user_id);

// One month of a budget's chain, oldest first: the amount in force that month (a one-month
// budget's, or the every-month one's), what was spent, and what that month's budget carries
// into the next.
struct BudgetMonthInput {
    Money amount;
    Money spent;
    BudgetRollover rollover = BudgetRollover::none;
};

struct BudgetMonthFigures {
    Money carried_in;  // from the month before (negative: an overspend carried)
    Money available;   // amount + carried_in
    Money spent;
    Money left;         // available - spent (negative: overspent)
    Money carried_out;  // into the next month, by this month's rollover
};

// The rollover arithmetic over consecutive months: the first month carries nothing in; each
// month carries out nothing (none), its unspent part (surplus: max(left, 0)) or all of what
// is left, over or under (both). Sums are kept to the cent; one beyond the range of Money
// (unreachable with real postings) stops at its largest or smallest value.
std::vector<BudgetMonthFigures> plan_budget_months(const std::vector<BudgetMonthInput>& months);

// How far a month is gone, as the person's calendar says (months as parse_budget_month
// counts them; today's day of the month from 1).
struct BudgetPace {
    int days_in_month = 0;
    int days_gone = 0;  // today counts as gone: its spending is in
    int days_left = 0;  // from today on, today included; 0 for a month that is over
    bool on_pace = false;
};

// On pace: spent no more than the share of `available` the days gone make (a month that is
// over: no more than available; a month to come: nothing spent while nothing is available).
BudgetPace plan_budget_pace(Money available, Money spent, int asked_month, int today_month,
                            int today_day);

}  // namespace bank
