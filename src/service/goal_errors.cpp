#include "service/goal_errors.hpp"

#include <string>

#include "core/goal_limits.hpp"

namespace bank {

namespace {

using C = ErrorCode;

Error target_error() {
    return make_error(C::validation_failed,
                      "The target must be more than $0.00 and at most " +
                          Money::from_cents(limits::goal_target_cents_max).display() + ".",
                      "target_amount");
}

}  // namespace

Error goal_error(GoalRefusal refusal) {
    switch (refusal) {
        case GoalRefusal::not_found:
            return make_error(C::not_found, "That goal was not found.");
        case GoalRefusal::name_empty:
            return make_error(C::validation_failed, "Name the goal.", "name");
        case GoalRefusal::name_too_long:
            return make_error(C::validation_failed,
                              "The name can have at most " +
                                  std::to_string(limits::goal_name_length_max) + " characters.",
                              "name");
        case GoalRefusal::target_not_positive:
        case GoalRefusal::target_too_large:
            return target_error();
        case GoalRefusal::target_date_not_after_today:
            return make_error(C::validation_failed, "The target date must be after today.",
                              "target_date");
        case GoalRefusal::account_not_found:
            return make_error(C::not_found, "That account was not found.", "account_id");
        case GoalRefusal::not_savings_account:
            return make_error(C::validation_failed, "Choose one of your savings accounts.",
                              "account_id");
        case GoalRefusal::account_closed:
            return make_error(C::account_closed, "That account is closed.", "account_id");
        case GoalRefusal::too_many_goals:
            return make_error(C::validation_failed,
                              "You already have the most goals one person may keep (" +
                                  std::to_string(limits::goals_per_person) +
                                  "); delete one first.");
        case GoalRefusal::ok:
            break;
    }
    return make_error(C::unavailable, "");
}

Error goal_transfer_error(GoalTransferRefusal refusal) {
    switch (refusal) {
        case GoalTransferRefusal::day_invalid:
            return make_error(C::validation_failed,
                              "The day of the month must be 1 to " +
                                  std::to_string(limits::goal_transfer_day_max) +
                                  ", or -1 for the last day.",
                              "day_of_month");
        case GoalTransferRefusal::from_account_not_found:
            return make_error(C::not_found, "That account was not found.", "from_account_id");
        case GoalTransferRefusal::from_goal_account:
            return make_error(C::validation_failed,
                              "The transfer must come from another of your accounts than the "
                              "goal's.",
                              "from_account_id");
        case GoalTransferRefusal::from_account_closed:
            return make_error(C::account_closed, "That account is closed.", "from_account_id");
        case GoalTransferRefusal::goal_reached:
            return make_error(C::conflict, "The goal is reached; there is nothing left to save.");
        case GoalTransferRefusal::already_on:
            return make_error(C::conflict, "The goal has an automatic transfer already.");
        case GoalTransferRefusal::ok:
            break;
    }
    return make_error(C::unavailable, "");
}

}  // namespace bank
