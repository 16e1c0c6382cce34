#include "ledger/goal_plans.hpp"

#include <algorithm>

#include "core/goal_limits.hpp"
#include "ledger/standing_order.hpp"

namespace bank {

namespace {

__extension__ using Wide = __int128;
using std::chrono::sys_days;

bool is_owners(const std::optional<SavingsGoal>& goal, std::string_view user_id) {
    return goal && goal->user_id == user_id;
}

// Characters as a person counts them: UTF-8 code points (bytes that do not continue one).
std::size_t characters_in(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char byte) { return (byte & 0xC0) != 0x80; }));
}

GoalRefusal check_name(std::string_view name) {
    if (name.empty()) return GoalRefusal::name_empty;
    if (characters_in(name) > limits::goal_name_length_max) return GoalRefusal::name_too_long;
    return GoalRefusal::ok;
}

GoalRefusal check_target(Money target) {
    if (!target.is_positive()) return GoalRefusal::target_not_positive;
    if (target.cents() > limits::goal_target_cents_max) return GoalRefusal::target_too_large;
    return GoalRefusal::ok;
}

GoalRefusal check_date(Date target_date, Date today) {
    return sys_days(target_date) > sys_days(today) ? GoalRefusal::ok
                                                   : GoalRefusal::target_date_not_after_today;
}

GoalRefusal check_account(const std::optional<Account>& account, std::string_view user_id) {
    if (!account || account->user_id != user_id) return GoalRefusal::account_not_found;
    if (account->account_type != AccountType::savings) return GoalRefusal::not_savings_account;
    if (account->status != AccountStatus::active) return GoalRefusal::account_closed;
    return GoalRefusal::ok;
}

GoalRefusal check_change(const GoalChange& change, Date today) {
    if (change.name) {
        if (auto refusal = check_name(*change.name); refusal != GoalRefusal::ok) return refusal;
    }
    if (change.target) {
        if (auto refusal = check_target(*change.target); refusal != GoalRefusal::ok) {
            return refusal;
        }
    }
    if (change.target_date) return check_date(*change.target_date, today);
    return GoalRefusal::ok;
}

bool is_last_day_of_month(Date date) {
    return date.day() ==
           std::chrono::year_month_day_last(date.year(), std::chrono::month_day_last(date.month()))
               .day();
}

}  // namespace

std::string_view to_string(GoalRefusal refusal) {
    switch (refusal) {
        case GoalRefusal::ok:
            return "ok";
        case GoalRefusal::not_found:
            return "not_found";
        case GoalRefusal::name_empty:
            return "name_empty";
        case GoalRefusal::name_too_long:
            return "name_too_long";
        case GoalRefusal::target_not_positive:
            return "target_not_positive";
        case GoalRefusal::target_too_large:
            return "target_too_large";
        case GoalRefusal::target_date_not_after_today:
            return "target_date_not_after_today";
        case GoalRefusal::account_not_found:
            return "account_not_found";
        case GoalRefusal::not_savings_account:
            return "not_savings_account";
        case GoalRefusal::account_closed:
            return "account_closed";
        case GoalRefusal::too_many_goals:
            return "too_many_goals";
    }
    return "ok";
}

GoalPlan plan_new_goal(SavingsGoal draft, const std::optional<Account>& account,
                       const std::vector<SavingsGoal>& existing, Date today, Timestamp now) {
    for (const GoalRefusal refusal :
         {check_name(draft.name), check_target(draft.target), check_date(draft.target_date, today),
          check_account(account, draft.user_id)}) {
        if (refusal != GoalRefusal::ok) return {refusal, {}};
    }
    if (existing.size() >= limits::goals_per_person) return {GoalRefusal::too_many_goals, {}};
    draft.created_at = now;
    draft.updated_at = now;
    draft.version = 1;
    return {GoalRefusal::ok, std::move(draft)};
}

GoalPlan plan_goal_update(const std::optional<SavingsGoal>& current, std::string_view user_id,
                          const GoalChange& change, Date today, Timestamp now) {
    if (!is_owners(current, user_id)) return {GoalRefusal::not_found, {}};
    // A form sends every field: only those that differ from the goal are changes.
    GoalChange changed = change;
    if (changed.name == current->name) changed.name.reset();
    if (changed.target == current->target) changed.target.reset();
    if (changed.target_date == current->target_date) changed.target_date.reset();
    if (auto refusal = check_change(changed, today); refusal != GoalRefusal::ok) {
        return {refusal, {}};
    }
    SavingsGoal next = *current;
    if (change.name) next.name = *change.name;
    if (change.target) next.target = *change.target;
    if (change.target_date) next.target_date = *change.target_date;
    if (change.standing_order_id) next.standing_order_id = *change.standing_order_id;
    next.updated_at = now;
    next.version = current->version + 1;
    return {GoalRefusal::ok, std::move(next)};
}

GoalPlan plan_goal_removal(const std::optional<SavingsGoal>& current, std::string_view user_id) {
    if (!is_owners(current, user_id)) return {GoalRefusal::not_found, {}};
    return {GoalRefusal::ok, *current};
}

int calendar_months_between(Date today, Date target) {
    if (sys_days(target) <= sys_days(today)) return 0;
    const int months = (static_cast<int>(target.year()) - static_cast<int>(today.year())) * 12 +
                       static_cast<int>(static_cast<unsigned>(target.month())) -
                       static_cast<int>(static_cast<unsigned>(today.month()));
    // The month of the target counts once its day reaches today's day of the month, or its
    // last day when it has no such day (a 31st against February).
    const bool short_of_day = target.day() < today.day() && !is_last_day_of_month(target);
    return std::max(0, short_of_day ? months - 1 : months);
}

GoalProgress goal_progress(const SavingsGoal& goal, Money balance, Date today) {
    GoalProgress progress;
    const std::int64_t target = goal.target.cents();
    const std::int64_t saved = std::clamp<std::int64_t>(balance.cents(), 0, target);
    progress.saved = Money::from_cents(saved);
    progress.left = Money::from_cents(target - saved);
    progress.reached = balance.cents() >= target;
    progress.percent = target > 0 ? static_cast<int>(Wide(saved) * 100 / target) : 0;
    progress.months_left = std::max(1, calendar_months_between(today, goal.target_date));
    const std::int64_t left = target - saved;
    progress.monthly_needed =
        Money::from_cents((left + progress.months_left - 1) / progress.months_left);
    // saved / target >= elapsed / total, without a division; a goal made on its own date or
    // later (never planned so) counts the whole time as gone.
    const auto made = sys_days(utc_date(goal.created_at));
    const auto total = (sys_days(goal.target_date) - made).count();
    const auto elapsed = std::clamp<std::int64_t>((sys_days(today) - made).count(), 0,
                                                  std::max<std::int64_t>(total, 0));
    progress.on_track =
        progress.reached || (total > 0 && Wide(saved) * total >= Wide(target) * elapsed);
    return progress;
}

std::string_view to_string(GoalTransferRefusal refusal) {
    switch (refusal) {
        case GoalTransferRefusal::ok:
            return "ok";
        case GoalTransferRefusal::day_invalid:
            return "day_invalid";
        case GoalTransferRefusal::from_account_not_found:
            return "from_account_not_found";
        case GoalTransferRefusal::from_goal_account:
            return "from_goal_account";
        case GoalTransferRefusal::from_account_closed:
            return "from_account_closed";
        case GoalTransferRefusal::goal_reached:
            return "goal_reached";
        case GoalTransferRefusal::already_on:
            return "already_on";
    }
    return "ok";
}

GoalTransferRefusal plan_goal_transfer(const SavingsGoal& goal, const GoalProgress& progress,
                                       const std::optional<Account>& from, std::string_view user_id,
                                       int day_of_month) {
    if (day_of_month != -1 && (day_of_month < 1 || day_of_month > limits::goal_transfer_day_max)) {
        return GoalTransferRefusal::day_invalid;
    }
    if (!from || from->user_id != user_id) return GoalTransferRefusal::from_account_not_found;
    if (from->account_id == goal.account_id) return GoalTransferRefusal::from_goal_account;
    if (from->status != AccountStatus::active) return GoalTransferRefusal::from_account_closed;
    if (progress.reached || !progress.monthly_needed.is_positive()) {
        return GoalTransferRefusal::goal_reached;
    }
    if (goal.standing_order_id) return GoalTransferRefusal::already_on;
    return GoalTransferRefusal::ok;
}

}  // namespace bank
