#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/invariant_checks.hpp"
#include "ledger/ledger_changes.hpp"
#include "ledger/posting_plan.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// Where every engine hands a plan before writing it: the invariant checks run over the
// plan's changes, and a plan that breaks one is refused (`invariant_violated`), logged as
// an error with the command's ids, and nothing of it is written. One guard per store.
class PlanGuard {
public:
    // Corrupts every posting plan before it is checked: the test seam that proves a broken
    // plan is refused on each engine (as rippled's tests break a view to see its invariant
    // checks fire). Set before the store takes writes; never set outside tests.
    using PostingFault = std::function<void(PostingPlan&)>;
    void inject_posting_fault(PostingFault fault) { posting_fault_ = std::move(fault); }

    // ok, or invariant_violated. `command_ids` names the command in the log (user, account,
    // transaction ids; never a secret).
    WriteStatus admit(PostingPlan& plan, std::string_view command_ids) const;
    WriteStatus admit(const LedgerChanges& changes, std::string_view command_ids) const;
    // The same for a posting, whose ids are put into words only when it is refused: a bulk
    // payment admits a plan per item, and naming every one cost more than checking it.
    WriteStatus admit(PostingPlan& plan, const Posting& command) const;

private:
    // The plan's changes, checked without copying its rows: they are lent to the checks and
    // given back. nullopt when the plan keeps every invariant.
    std::optional<InvariantViolation> check(PostingPlan& plan) const;
    static WriteStatus refuse(const InvariantViolation& violation, std::string_view command_ids);

    PostingFault posting_fault_;
};

// Names a command in the log of a broken invariant: its user, account and transaction ids.
std::string command_ids(const Posting& command);
std::string command_ids(const OpenAccount& command);
std::string command_ids(const Recategorize& command);

}  // namespace bank
