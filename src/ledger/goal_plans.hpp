#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "ledger/model.hpp"
#include "ledger/savings_goal.hpp"

namespace bank {

// Why a goal command was refused; ok when it may go ahead. The planners check in the order
// listed here.
enum class GoalRefusal {
    ok,
    not_found,                    // no such goal of this person
    name_empty,                   // the name is blank
    name_too_long,                // over limits::goal_name_length_max characters
    target_not_positive,          // the target is $0.00 or less
    target_too_large,             // over limits::goal_target_cents_max
    target_date_not_after_today,  // the target date is today or past
    account_not_found,            // not one of the person's accounts
    not_savings_account,          // a checking account
    account_closed,               // the account is closed
    too_many_goals,               // limits::goals_per_person reached
};

std::string_view to_string(GoalRefusal refusal);

struct GoalPlan {
    GoalRefusal status = GoalRefusal::ok;
    SavingsGoal next;  // as it is to be stored (removal: as it was read)
};

// A new goal (`draft` with its id, owner, account id, trimmed name, target and date filled
// in) on `account` (as read by its id; nullopt when there is none) among the person's
// `existing` goals, `today` being the person's date.
GoalPlan plan_new_goal(SavingsGoal draft, const std::optional<Account>& account,
                       const std::vector<SavingsGoal>& existing, Date today, Timestamp now);

// What PATCH may change; the account names the goal and stays. `standing_order_id` set to
// nullopt inside turns the automatic transfer off.
struct GoalChange {
    std::optional<std::string> name;
    std::optional<Money> target;
    std::optional<Date> target_date;
    std::optional<std::optional<std::string>> standing_order_id;
};

// Changes `current` (as read) for `user_id`: not_found unless it is theirs, then each field
// that differs from the goal checked as a new goal's would be (a date only when it changes: a
// goal whose date has passed may still be renamed, also by a form that sends every field).
GoalPlan plan_goal_update(const std::optional<SavingsGoal>& current, std::string_view user_id,
                          const GoalChange& change, Date today, Timestamp now);

// Removes `current` for `user_id`: not_found unless it is theirs.
GoalPlan plan_goal_removal(const std::optional<SavingsGoal>& current, std::string_view user_id);

// What a goal shows on `today` with its account at `balance`.
struct GoalProgress {
    Money saved;           // the balance, at least $0.00 and at most the target
    Money left;            // target - saved
    int percent = 0;       // saved * 100 / target, rounded down (100 only when reached)
    int months_left = 1;   // whole calendar months until the target date, at least 1
    Money monthly_needed;  // left / months_left rounded up to the cent
    bool reached = false;  // the balance is at the target or above
    // Reached, or saved at least the share of the target that the days since the goal was
    // made make of its days in all (a straight line from $0.00 to the target).
    bool on_track = false;
};

GoalProgress goal_progress(const SavingsGoal& goal, Money balance, Date today);

// Whole calendar months from `today` to `target`: a month counts once its day is reached, a
// month's last day standing for any later day (Jan 31 to Feb 28 is one month). Past or
// within the month: 0.
int calendar_months_between(Date today, Date target);

// Why an automatic monthly transfer towards a goal was refused; ok when it may be set up.
enum class GoalTransferRefusal {
    ok,
    day_invalid,             // not 1..limits::goal_transfer_day_max nor -1
    from_account_not_found,  // not one of the person's accounts
    from_goal_account,       // the goal's own account
    from_account_closed,     // a closed account
    goal_reached,            // nothing left to save
    already_on,              // the goal has a transfer already
};

std::string_view to_string(GoalTransferRefusal refusal);

// Checks, in the order above, a transfer from `from` (as read by its id) on `day_of_month`
// towards `goal` (already owned by `user_id`) whose progress today is `progress`.
GoalTransferRefusal plan_goal_transfer(const SavingsGoal& goal, const GoalProgress& progress,
                                       const std::optional<Account>& from, std::string_view user_id,
                                       int day_of_month);

}  // namespace bank
