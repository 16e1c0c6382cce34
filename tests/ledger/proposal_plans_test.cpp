#include "ledger/proposal_plans.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/limits.hpp"

namespace bank {
namespace {

const Timestamp proposed_at = from_micros(1'795'594'184'123'456);

Account account_of(bool frozen = false, AccountStatus status = AccountStatus::active) {
    Account account;
    account.account_id = "a1";
    account.user_id = "owner";
    account.status = status;
    if (frozen) account.freeze = AccountFreeze{FreezeMode::all, "fraud"};
    return account;
}

Proposal request_of(ProposalKind kind, std::string reason = "fraud report") {
    Proposal request;
    request.proposal_id = "p1";
    request.kind = kind;
    request.account_id = "a1";
    request.transaction_id = kind == ProposalKind::reversal ? "t1" : "";
    request.reason = std::move(reason);
    request.proposed_by = "maker";
    request.proposed_at = proposed_at;
    return request;
}

Transaction row_of(bool reversed = false) {
    Transaction row;
    row.transaction_id = "t1";
    row.account_id = "a1";
    if (reversed) row.reversed_by = "r1";
    return row;
}

struct NewCase {
    std::string name;
    Proposal request;
    std::optional<Account> account;
    std::optional<Transaction> row;
    ProposalStep step;
};

void PrintTo(const NewCase& c, std::ostream* out) { *out << c.name; }

class PlanNewProposal : public testing::TestWithParam<NewCase> {};

TEST_P(PlanNewProposal, ChecksTheReasonThenTheTarget) {
    const NewCase& c = GetParam();
    const ProposalPlan plan = plan_new_proposal(c.request, c.account, c.row);
    EXPECT_EQ(plan.step, c.step);
    if (plan.step != ProposalStep::ok) return;
    EXPECT_EQ(plan.proposal.status, ProposalStatus::pending);
    EXPECT_EQ(plan.proposal.owner_user_id, "owner");
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanNewProposal,
    testing::Values(
        NewCase{"freeze", request_of(ProposalKind::freeze), account_of(), {}, ProposalStep::ok},
        NewCase{"no_reason",
                request_of(ProposalKind::freeze, ""),
                account_of(),
                {},
                ProposalStep::reason_invalid},
        NewCase{"reason_too_long",
                request_of(ProposalKind::freeze,
                           std::string(limits::proposal_reason_length_max + 1, 'x')),
                account_of(),
                {},
                ProposalStep::reason_invalid},
        NewCase{"unknown_account",
                request_of(ProposalKind::freeze),
                std::nullopt,
                {},
                ProposalStep::not_found},
        NewCase{"freeze_closed",
                request_of(ProposalKind::freeze),
                account_of(false, AccountStatus::closed),
                {},
                ProposalStep::target_invalid},
        NewCase{
            "unfreeze", request_of(ProposalKind::unfreeze), account_of(true), {}, ProposalStep::ok},
        NewCase{"unfreeze_not_frozen",
                request_of(ProposalKind::unfreeze),
                account_of(),
                {},
                ProposalStep::target_invalid},
        NewCase{"reversal", request_of(ProposalKind::reversal), account_of(), row_of(),
                ProposalStep::ok},
        NewCase{"reversal_unknown_posting", request_of(ProposalKind::reversal), account_of(),
                std::nullopt, ProposalStep::not_found},
        NewCase{"reversal_already_reversed", request_of(ProposalKind::reversal), account_of(),
                row_of(true), ProposalStep::target_invalid}),
    [](const auto& info) { return info.param.name; });

Proposal stored(ProposalStatus status = ProposalStatus::pending) {
    Proposal proposal = request_of(ProposalKind::freeze);
    proposal.status = status;
    proposal.owner_user_id = "owner";
    return proposal;
}

struct DecisionCase {
    std::string name;
    std::optional<Proposal> proposal;
    std::string admin;
    Timestamp now;
    ProposalStep step;
};

void PrintTo(const DecisionCase& c, std::ostream* out) { *out << c.name; }

class PlanProposalDecision : public testing::TestWithParam<DecisionCase> {};

TEST_P(PlanProposalDecision, NeedsAnotherAdministratorInTime) {
    const DecisionCase& c = GetParam();
    for (const bool approve : {true, false}) {
        const ProposalPlan plan = plan_proposal_decision(c.proposal, c.admin, approve, c.now);
        EXPECT_EQ(plan.step, c.step);
        if (plan.step != ProposalStep::ok) continue;
        EXPECT_EQ(plan.proposal.status,
                  approve ? ProposalStatus::approved : ProposalStatus::rejected);
        EXPECT_EQ(plan.proposal.decided_by, c.admin);
        EXPECT_EQ(plan.proposal.decided_at, c.now);
    }
}

const Timestamp just_in_time = proposed_at + limits::proposal_lifetime - std::chrono::seconds(1);
const Timestamp expired_at = proposed_at + limits::proposal_lifetime;

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanProposalDecision,
    testing::Values(
        DecisionCase{"checker", stored(), "checker", proposed_at, ProposalStep::ok},
        DecisionCase{"unknown", std::nullopt, "checker", proposed_at, ProposalStep::not_found},
        DecisionCase{"maker_itself", stored(), "maker", proposed_at, ProposalStep::own_proposal},
        DecisionCase{"approved_before", stored(ProposalStatus::approved), "checker", proposed_at,
                     ProposalStep::decided},
        DecisionCase{"rejected_before", stored(ProposalStatus::rejected), "checker", proposed_at,
                     ProposalStep::decided},
        DecisionCase{"last_second", stored(), "checker", just_in_time, ProposalStep::ok},
        DecisionCase{"expired", stored(), "checker", expired_at, ProposalStep::expired},
        // Expiry comes before the proposer check: the answer is the same for everyone.
        DecisionCase{"expired_maker", stored(), "maker", expired_at, ProposalStep::expired}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace bank
