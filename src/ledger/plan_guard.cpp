#include "ledger/plan_guard.hpp"

#include <spdlog/spdlog.h>

#include "ledger/invariant_checks.hpp"

namespace bank {

WriteStatus PlanGuard::admit(PostingPlan& plan, std::string_view command_ids) const {
    if (plan.status != WriteStatus::ok) return plan.status;
    if (posting_fault_) posting_fault_(plan);
    return admit(changes_of(plan), command_ids);
}

WriteStatus PlanGuard::admit(const LedgerChanges& changes, std::string_view command_ids) const {
    const auto violation = check_invariants(changes);
    if (!violation) return WriteStatus::ok;
    spdlog::error("ledger invariant {} broken by the plan of {}: {}; the command was refused",
                  violation->checker, command_ids, violation->detail);
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
