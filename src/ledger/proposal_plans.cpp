#include "ledger/proposal_plans.hpp"

#include "core/limits.hpp"

namespace bank {

std::string_view to_string(ProposalKind kind) {
    switch (kind) {
        case ProposalKind::freeze:
            return "freeze";
        case ProposalKind::unfreeze:
            return "unfreeze";
        case ProposalKind::reversal:
            return "reversal";
    }
    return "freeze";
}

std::optional<ProposalKind> parse_proposal_kind(std::string_view text) {
    if (text == "freeze") return ProposalKind::freeze;
    if (text == "unfreeze") return ProposalKind::unfreeze;
    if (text == "reversal") return ProposalKind::reversal;
    return std::nullopt;
}

std::string_view to_string(ProposalStatus status) {
    switch (status) {
        case ProposalStatus::pending:
            return "pending";
        case ProposalStatus::approved:
            return "approved";
        case ProposalStatus::rejected:
            return "rejected";
    }
    return "pending";
}

std::optional<ProposalStatus> parse_proposal_status(std::string_view text) {
    if (text == "pending") return ProposalStatus::pending;
    if (text == "approved") return ProposalStatus::approved;
    if (text == "rejected") return ProposalStatus::rejected;
    return std::nullopt;
}

std::string_view to_string(ProposalStep step) {
    switch (step) {
        case ProposalStep::ok:
            return "ok";
        case ProposalStep::not_found:
            return "not_found";
        case ProposalStep::reason_invalid:
            return "reason_invalid";
        case ProposalStep::target_invalid:
            return "target_invalid";
        case ProposalStep::own_proposal:
            return "own_proposal";
        case ProposalStep::expired:
            return "expired";
        case ProposalStep::decided:
            return "decided";
    }
    return "ok";
}

Timestamp expiry_of(const Proposal& proposal) {
    return proposal.proposed_at + limits::proposal_lifetime;
}

bool is_expired(const Proposal& proposal, Timestamp now) {
    return proposal.status == ProposalStatus::pending && now >= expiry_of(proposal);
}

namespace {

ProposalPlan refuse(ProposalStep step) {
    ProposalPlan plan;
    plan.step = step;
    return plan;
}

bool fits(const Proposal& request, const Account& account, const std::optional<Transaction>& row) {
    if (account.status != AccountStatus::active && request.kind != ProposalKind::reversal) {
        return false;
    }
    switch (request.kind) {
        case ProposalKind::freeze:
            return true;
        case ProposalKind::unfreeze:
            return account.freeze.has_value();
        case ProposalKind::reversal:
            return row && row->account_id == account.account_id && row->reversal_of.empty() &&
                   row->reversed_by.empty();
    }
    return false;
}

}  // namespace

ProposalPlan plan_new_proposal(Proposal request, const std::optional<Account>& account,
                               const std::optional<Transaction>& row) {
    if (request.reason.empty() || request.reason.size() > limits::proposal_reason_length_max) {
        return refuse(ProposalStep::reason_invalid);
    }
    if (!account || (request.kind == ProposalKind::reversal && !row)) {
        return refuse(ProposalStep::not_found);
    }
    if (!fits(request, *account, row)) return refuse(ProposalStep::target_invalid);
    ProposalPlan plan;
    plan.proposal = std::move(request);
    plan.proposal.status = ProposalStatus::pending;
    plan.proposal.owner_user_id = account->user_id;
    plan.proposal.decided_by.clear();
    plan.proposal.decided_at = Timestamp{};
    return plan;
}

ProposalPlan plan_proposal_decision(const std::optional<Proposal>& stored,
                                    std::string_view admin_user_id, bool approve, Timestamp now) {
    if (!stored) return refuse(ProposalStep::not_found);
    if (stored->status != ProposalStatus::pending) return refuse(ProposalStep::decided);
    if (is_expired(*stored, now)) return refuse(ProposalStep::expired);
    if (stored->proposed_by == admin_user_id) return refuse(ProposalStep::own_proposal);
    ProposalPlan plan;
    plan.proposal = *stored;
    plan.proposal.status = approve ? ProposalStatus::approved : ProposalStatus::rejected;
    plan.proposal.decided_by = std::string(admin_user_id);
    plan.proposal.decided_at = now;
    return plan;
}

std::optional<Proposal> pending_duplicate(const Proposal& request, std::span<const Proposal> stored,
                                          Timestamp now) {
    for (const Proposal& other : stored) {
        if (other.proposal_id == request.proposal_id || other.kind != request.kind) continue;
        if (other.status != ProposalStatus::pending || is_expired(other, now)) continue;
        const bool same_target = request.kind == ProposalKind::reversal
                                     ? other.transaction_id == request.transaction_id
                                     : other.account_id == request.account_id;
        if (same_target) return other;
    }
    return std::nullopt;
}

}  // namespace bank
