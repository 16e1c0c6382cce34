#include "ledger/plan_guard.hpp"

#include <spdlog/spdlog.h>

namespace bank {

WriteStatus PlanGuard::admit(PostingPlan& plan, std::string_view command_ids) const {
    if (plan.status != WriteStatus::ok) return plan.status;
    const auto violation = check(plan);
    return violation ? refuse(*violation, command_ids) : WriteStatus::ok;
}

WriteStatus PlanGuard::admit(PostingPlan& plan, const Posting& command) const {
    if (plan.status != WriteStatus::ok) return plan.status;
    const auto violation = check(plan);
    return violation ? refuse(*violation, command_ids(command)) : WriteStatus::ok;
}

WriteStatus PlanGuard::admit(const LedgerChanges& changes, std::string_view command_ids) const {
    const auto violation = check_invariants(changes);
    return violation ? refuse(*violation, command_ids) : WriteStatus::ok;
}

std::optional<InvariantViolation> PlanGuard::check(PostingPlan& plan) const {
    if (posting_fault_) posting_fault_(plan);
    LedgerChanges changes = balance_changes_of(plan);
    // What changes_of(plan) holds, moved in and back out instead of copied.
    changes.rows = std::move(plan.rows);
    changes.rollups = std::move(plan.rollups);
    auto violation = check_invariants(changes);
    plan.rows = std::move(changes.rows);
    plan.rollups = std::move(changes.rollups);
    return violation;
}

WriteStatus PlanGuard::refuse(const InvariantViolation& violation, std::string_view command_ids) {
    spdlog::error("ledger invariant {} broken by the plan of {}: {}; the command was refused",
                  violation.checker, command_ids, violation.detail);
    return WriteStatus::invariant_violated;
}

std::string command_ids(const Posting& command) {
    return "the posting of user " + command.user_id + " on account " + command.account_id +
           (command.to_account_number.empty() ? "" : " to " + command.to_account_number);
}

std::string command_ids(const OpenAccount& command) {
    return "the account opening of user " + command.user_id;
}

std::string command_ids(const Recategorize& command) {
    return "the recategorisation of transaction " + command.transaction_id + " of user " +
           command.user_id;
}

}  // namespace bank
