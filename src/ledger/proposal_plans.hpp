#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "ledger/proposal.hpp"

namespace bank {

// Why a step of a proposal was refused; ok when it may go ahead.
enum class ProposalStep {
    ok,
    not_found,
    reason_invalid,  // a proposal without a reason, or one longer than the limit
    target_invalid,  // the account or posting cannot take this operation (closed, not frozen...)
    own_proposal,    // the proposer may not approve or reject their own proposal
    expired,         // older than limits::proposal_lifetime
    decided,         // approved or rejected before
};

std::string_view to_string(ProposalStep step);

struct ProposalPlan {
    ProposalStep step = ProposalStep::ok;
    Proposal proposal;  // as it is to be stored
};

// When a pending proposal stops being decidable.
Timestamp expiry_of(const Proposal& proposal);
// Pending and past its expiry at `now`.
bool is_expired(const Proposal& proposal, Timestamp now);

// A new proposal (`request` with id, kind, target, reason, proposer and instant filled in)
// whose target is `account` (a reversal: the posting's account, with `row` the posting).
// Checks in order: the reason (present, at most proposal_reason_length_max), the account
// exists (and the posting), the operation fits it (freeze: active; unfreeze: frozen;
// reversal: a posting that is not a reversal and was not reversed). The ledger checks all
// of it again when the operation is carried out.
ProposalPlan plan_new_proposal(Proposal request, const std::optional<Account>& account,
                               const std::optional<Transaction>& row);

// The pending proposal, still decidable at `now`, of the same kind and target as `request`
// (the account of a freeze or an unfreeze, the posting of a reversal) among `stored`, if
// there is one: a second proposal for it is refused (409), so that one operation is not
// proposed, and then approved, twice.
std::optional<Proposal> pending_duplicate(const Proposal& request, std::span<const Proposal> stored,
                                          Timestamp now);

// Approving or rejecting: `admin_user_id` decides `stored` at `now`. Checks in order: the
// proposal exists, is pending, is not expired, and the deciding administrator is not the
// proposer. The plan's proposal is the decided one.
ProposalPlan plan_proposal_decision(const std::optional<Proposal>& stored,
                                    std::string_view admin_user_id, bool approve, Timestamp now);

}  // namespace bank
