#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "ledger/goal_plans.hpp"
#include "ledger/goal_store.hpp"
#include "ledger/ledger_reads.hpp"
#include "service/standing_order_service.hpp"

namespace bank {

// An automatic monthly transfer towards a goal as a person typed it.
struct GoalTransferRequest {
    std::string from_account_id;
    std::string day_of_month;  // 1..28, or -1: the last day of the month
};

// A new goal as a person typed it: text straight from the form or JSON.
struct GoalRequest {
    std::string user_id;
    std::string account_id;
    std::string name;
    std::string target_amount;
    std::string target_date;  // YYYY-MM-DD
    std::optional<GoalTransferRequest> auto_transfer;
};

// What PATCH sent; a field left out stays as it is. `auto_transfer` holding nullopt turns the
// transfer off.
struct GoalEdit {
    std::string user_id;
    std::string goal_id;
    std::optional<std::string> name;
    std::optional<std::string> target_amount;
    std::optional<std::string> target_date;
    std::optional<std::optional<GoalTransferRequest>> auto_transfer;
};

// A goal with what a person reads about it: its progress today and the standing order that
// feeds it, if any (also when its owner cancelled it on /standing-orders).
struct GoalView {
    SavingsGoal goal;
    GoalProgress progress;
    std::optional<StandingOrderView> transfer;
};

// The transfer an edit or a new goal would set up or change: where the step-up rule of a
// transfer is decided (by the caller, as for a standing order), before anything is written.
struct GoalTransferTerms {
    std::string to_account_number;
    Money amount;
};

// A person's savings goals: validate the text, read what the planner needs, decide
// (ledger/goal_plans.hpp), write over the version decided on. An automatic transfer is a
// standing order made and cancelled through StandingOrderService, monthly on the day asked
// until the target date, for the monthly amount needed when it is set up. Dates are UTC days,
// as the standing orders' are.
class GoalService {
public:
    GoalService(GoalStore& goals, LedgerReads& ledger, StandingOrderService& standing_orders,
                const Clock& clock)
        : goals_(goals), ledger_(ledger), standing_orders_(standing_orders), clock_(clock) {}

    Result<GoalView> create(const GoalRequest& request);
    // Every goal of the person, oldest first.
    std::vector<GoalView> list(const std::string& user_id);
    Result<GoalView> get(const std::string& user_id, const std::string& goal_id);
    Result<GoalView> edit(const GoalEdit& edit);
    // Deletes the goal and cancels its standing order, if any.
    Result<GoalView> remove(const std::string& user_id, const std::string& goal_id);

    // The transfer `request` would set up (nullopt: none asked), or why it would be refused.
    Result<std::optional<GoalTransferTerms>> transfer_terms(const GoalRequest& request);
    // The transfer `edit` would set up or change the amount of (nullopt: none).
    Result<std::optional<GoalTransferTerms>> transfer_terms(const GoalEdit& edit);

private:
    struct Decided;
    Result<Decided> decide_new(const GoalRequest& request);
    Result<Decided> decide_edit(const GoalEdit& edit);
    GoalView view_of(SavingsGoal goal);
    Money balance_of(const std::string& account_id);
    Result<std::string> start_transfer(const SavingsGoal& goal, const GoalTransferRequest& request);
    void stop_transfer(const SavingsGoal& goal);
    std::optional<Error> follow_change(const SavingsGoal& goal);

    GoalStore& goals_;
    LedgerReads& ledger_;
    StandingOrderService& standing_orders_;
    const Clock& clock_;
};

}  // namespace bank
