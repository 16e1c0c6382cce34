#include "service/goal_service.hpp"

#include <charconv>
#include <utility>

#include "core/goal_limits.hpp"
#include "core/random.hpp"
#include "ledger/recurrence_rule.hpp"
#include "ledger/standing_order.hpp"
#include "service/goal_errors.hpp"
#include "service/validation.hpp"

namespace bank {

// What a command decided, before anything is written: the goal as it is to be stored and
// what becomes of its standing order.
struct GoalService::Decided {
    SavingsGoal next;
    std::optional<GoalTransferRequest> start;  // a transfer to set up
    std::optional<std::string> stop;           // the order to cancel
    bool follow = false;  // a new target or date with the transfer on: the order follows
    std::string to_account_number;
    Money monthly_needed;
};

namespace {

using C = ErrorCode;

Date today_of(const Clock& clock) { return utc_date(clock.now()); }

Result<std::string> name_of(std::string_view text) {
    std::string name = trim(text);
    if (!is_clean_text(name)) {
        return make_error(C::validation_failed,
                          "The name contains characters that are not allowed.", "name");
    }
    return name;
}

Result<Money> target_of(std::string_view text) {
    auto target = Money::parse(trim(text));
    if (!target) {
        Error error = target.error();
        error.field = "target_amount";
        return error;
    }
    return *target;
}

Result<Date> date_of(std::string_view text) {
    const auto date = parse_iso_date(trim(text));
    if (!date) {
        return make_error(C::validation_failed,
                          "Write the target date as YYYY-MM-DD, such as 2027-06-30.",
                          "target_date");
    }
    return *date;
}

int day_of(std::string_view text) {
    const std::string trimmed = trim(text);
    int day = 0;
    const auto [end, error] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), day);
    return error == std::errc() && end == trimmed.data() + trimmed.size() ? day : 0;
}

bool is_running(const StandingOrderView& view) {
    return view.order.status == StandingOrderStatus::active ||
           view.order.status == StandingOrderStatus::paused;
}

std::string monthly_rule(int day_of_month, Date until) {
    RecurrenceRule rule;
    rule.frequency = Frequency::monthly;
    rule.by_month_day = {day_of_month};
    rule.until = until;
    return to_rrule_text(rule);
}

}  // namespace

Money GoalService::balance_of(const std::string& account_id) {
    const auto account = ledger_.find_account(account_id);
    return account ? account->balance : Money();
}

GoalView GoalService::view_of(SavingsGoal goal) {
    GoalView view;
    view.progress = goal_progress(goal, balance_of(goal.account_id), today_of(clock_));
    if (goal.standing_order_id) {
        auto order = standing_orders_.get(goal.user_id, *goal.standing_order_id);
        if (order) view.transfer = std::move(*order);
    }
    view.goal = std::move(goal);
    return view;
}

Result<GoalService::Decided> GoalService::decide_new(const GoalRequest& request) {
    SavingsGoal draft;
    draft.user_id = request.user_id;
    draft.account_id = trim(request.account_id);
    auto name = name_of(request.name);
    if (!name) return name.error();
    draft.name = std::move(*name);
    auto target = target_of(request.target_amount);
    if (!target) return target.error();
    draft.target = *target;
    auto date = date_of(request.target_date);
    if (!date) return date.error();
    draft.target_date = *date;
    const Timestamp now = clock_.now();
    draft.goal_id = new_time_ordered_id(now);
    const auto account = ledger_.find_account(draft.account_id);
    auto plan = plan_new_goal(std::move(draft), account, goals_.list_goals(request.user_id),
                              today_of(clock_), now);
    if (plan.status != GoalRefusal::ok) return goal_error(plan.status);
    Decided decided{std::move(plan.next),
                    request.auto_transfer,
                    std::nullopt,
                    false,
                    account->account_number,
                    Money()};
    if (!request.auto_transfer) return decided;
    const GoalProgress progress = goal_progress(decided.next, account->balance, today_of(clock_));
    const auto from = ledger_.find_account(trim(request.auto_transfer->from_account_id));
    const auto refusal = plan_goal_transfer(decided.next, progress, from, request.user_id,
                                            day_of(request.auto_transfer->day_of_month));
    if (refusal != GoalTransferRefusal::ok) return goal_transfer_error(refusal);
    decided.monthly_needed = progress.monthly_needed;
    return decided;
}

Result<GoalService::Decided> GoalService::decide_edit(const GoalEdit& edit) {
    GoalChange change;
    if (edit.name) {
        auto name = name_of(*edit.name);
        if (!name) return name.error();
        change.name = std::move(*name);
    }
    if (edit.target_amount) {
        auto target = target_of(*edit.target_amount);
        if (!target) return target.error();
        change.target = *target;
    }
    if (edit.target_date) {
        auto date = date_of(*edit.target_date);
        if (!date) return date.error();
        change.target_date = *date;
    }
    const auto current = goals_.find_goal(edit.user_id, edit.goal_id);
    auto plan = plan_goal_update(current, edit.user_id, change, today_of(clock_), clock_.now());
    if (plan.status != GoalRefusal::ok) return goal_error(plan.status);
    Decided decided{std::move(plan.next), std::nullopt, std::nullopt, false, "", Money()};
    // A transfer its owner cancelled (or that ran to its end) on /standing-orders is off.
    const std::optional<std::string> order = current->standing_order_id;
    const GoalView shown = view_of(decided.next);
    const bool running = shown.transfer && is_running(*shown.transfer);
    const auto account = ledger_.find_account(decided.next.account_id);
    decided.to_account_number = account ? account->account_number : "";
    decided.monthly_needed = shown.progress.monthly_needed;
    if (!edit.auto_transfer) {
        decided.follow = running && (decided.next.target != current->target ||
                                     decided.next.target_date != current->target_date);
        if (decided.follow && shown.progress.reached) {
            decided.follow = false;
            decided.stop = order;
            decided.next.standing_order_id.reset();
        }
        return decided;
    }
    if (!*edit.auto_transfer) {
        decided.stop = order;
        decided.next.standing_order_id.reset();
        return decided;
    }
    if (!running) decided.next.standing_order_id.reset();
    const auto from = ledger_.find_account(trim((*edit.auto_transfer)->from_account_id));
    const auto refusal = plan_goal_transfer(decided.next, shown.progress, from, edit.user_id,
                                            day_of((*edit.auto_transfer)->day_of_month));
    if (refusal != GoalTransferRefusal::ok) return goal_transfer_error(refusal);
    decided.start = *edit.auto_transfer;
    return decided;
}

Result<std::string> GoalService::start_transfer(const SavingsGoal& goal,
                                                const GoalTransferRequest& request) {
    const auto account = ledger_.find_account(goal.account_id);
    StandingOrderRequest order;
    order.user_id = goal.user_id;
    order.from_account_id = trim(request.from_account_id);
    order.to_account_number = account ? account->account_number : "";
    order.amount = goal_progress(goal, balance_of(goal.account_id), today_of(clock_))
                       .monthly_needed.to_string();
    order.description = "Savings goal: " + goal.name;
    order.category = "savings";
    order.rrule = monthly_rule(day_of(request.day_of_month), goal.target_date);
    auto view = standing_orders_.create(order);
    if (!view) return view.error();
    return view->order.standing_order_id;
}

void GoalService::stop_transfer(const SavingsGoal& goal) {
    if (!goal.standing_order_id) return;
    // An order its owner cancelled already (or that completed) stays as it is.
    (void)standing_orders_.cancel(goal.user_id, *goal.standing_order_id);
}

std::optional<Error> GoalService::follow_change(const SavingsGoal& goal) {
    auto current = standing_orders_.get(goal.user_id, *goal.standing_order_id);
    if (!current) return std::nullopt;
    auto rule = parse_recurrence_rule(current->order.rrule);
    if (!rule) return rule.error();
    rule->until = goal.target_date;
    StandingOrderEdit edit;
    edit.user_id = goal.user_id;
    edit.standing_order_id = *goal.standing_order_id;
    edit.amount = goal_progress(goal, balance_of(goal.account_id), today_of(clock_))
                      .monthly_needed.to_string();
    edit.rrule = to_rrule_text(*rule);
    auto changed = standing_orders_.edit(edit);
    if (!changed) return changed.error();
    return std::nullopt;
}

Result<GoalView> GoalService::create(const GoalRequest& request) {
    auto decided = decide_new(request);
    if (!decided) return decided.error();
    SavingsGoal& goal = decided->next;
    if (decided->start) {
        auto order = start_transfer(goal, *decided->start);
        if (!order) return order.error();
        goal.standing_order_id = std::move(*order);
    }
    if (!goals_.add_goal(goal)) {
        stop_transfer(goal);
        return make_error(C::conflict, "The goal could not be stored; try again.");
    }
    return view_of(std::move(goal));
}

std::vector<GoalView> GoalService::list(const std::string& user_id) {
    std::vector<GoalView> views;
    for (SavingsGoal& goal : goals_.list_goals(user_id)) views.push_back(view_of(std::move(goal)));
    return views;
}

Result<GoalView> GoalService::get(const std::string& user_id, const std::string& goal_id) {
    auto goal = goals_.find_goal(user_id, goal_id);
    if (!goal) return goal_error(GoalRefusal::not_found);
    return view_of(std::move(*goal));
}

Result<GoalView> GoalService::edit(const GoalEdit& edit) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        auto decided = decide_edit(edit);
        if (!decided) return decided.error();
        SavingsGoal& goal = decided->next;
        if (decided->follow) {
            if (auto error = follow_change(goal)) return *error;
        }
        if (decided->stop) {
            SavingsGoal stopped = goal;
            stopped.standing_order_id = decided->stop;
            stop_transfer(stopped);
        }
        if (decided->start) {
            auto order = start_transfer(goal, *decided->start);
            if (!order) return order.error();
            goal.standing_order_id = std::move(*order);
        }
        if (goals_.save_goal(goal)) return view_of(std::move(goal));
        // Another change came first: a transfer set up for this one is undone, then decided
        // again over what is stored now.
        if (decided->start) stop_transfer(goal);
    }
    return make_error(C::conflict, "The goal changed meanwhile; try again.");
}

Result<GoalView> GoalService::remove(const std::string& user_id, const std::string& goal_id) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto current = goals_.find_goal(user_id, goal_id);
        const auto plan = plan_goal_removal(current, user_id);
        if (plan.status != GoalRefusal::ok) return goal_error(plan.status);
        if (goals_.remove_goal(plan.next)) {
            stop_transfer(plan.next);
            return view_of(plan.next);
        }
    }
    return make_error(C::conflict, "The goal changed meanwhile; try again.");
}

Result<std::optional<GoalTransferTerms>> GoalService::transfer_terms(const GoalRequest& request) {
    auto decided = decide_new(request);
    if (!decided) return decided.error();
    if (!decided->start) return std::optional<GoalTransferTerms>();
    return std::optional<GoalTransferTerms>(
        GoalTransferTerms{decided->to_account_number, decided->monthly_needed});
}

Result<std::optional<GoalTransferTerms>> GoalService::transfer_terms(const GoalEdit& edit) {
    auto decided = decide_edit(edit);
    if (!decided) return decided.error();
    if (!decided->start && !decided->follow) return std::optional<GoalTransferTerms>();
    return std::optional<GoalTransferTerms>(
        GoalTransferTerms{decided->to_account_number, decided->monthly_needed});
}

}  // namespace bank
