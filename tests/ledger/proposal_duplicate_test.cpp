// pending_duplicate: a second pending proposal for the same target is refused; one decided,
// expired, of another kind or for another target is not in the way.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/limits.hpp"
#include "ledger/proposal_plans.hpp"

namespace bank {
namespace {

const Timestamp now = from_micros(1'795'594'184'123'456);

Proposal proposal(std::string id, ProposalKind kind, std::string account_id,
                  std::string transaction_id = "") {
    Proposal stored;
    stored.proposal_id = std::move(id);
    stored.kind = kind;
    stored.account_id = std::move(account_id);
    stored.transaction_id = std::move(transaction_id);
    stored.proposed_at = now - std::chrono::hours(1);
    return stored;
}

struct DuplicateCase {
    std::string name;
    Proposal request;
    Proposal stored;
    bool duplicate;
};

class PendingDuplicate : public testing::TestWithParam<DuplicateCase> {};

TEST_P(PendingDuplicate, FindsOnlyAPendingProposalForTheSameTarget) {
    const DuplicateCase& c = GetParam();
    const std::vector<Proposal> stored{c.stored};
    const auto found = pending_duplicate(c.request, stored, now);
    EXPECT_EQ(found.has_value(), c.duplicate);
    if (found) EXPECT_EQ(found->proposal_id, "old");
}

Proposal decided(Proposal stored, ProposalStatus status) {
    stored.status = status;
    return stored;
}

Proposal proposed_days_ago(Proposal stored, int days) {
    stored.proposed_at = now - std::chrono::hours(24 * days);
    return stored;
}

const Proposal freeze_a1 = proposal("new", ProposalKind::freeze, "a1");
const Proposal reverse_t1 = proposal("new", ProposalKind::reversal, "a1", "t1");

INSTANTIATE_TEST_SUITE_P(
    Cases, PendingDuplicate,
    testing::Values(
        DuplicateCase{"SameAccountFreeze", freeze_a1, proposal("old", ProposalKind::freeze, "a1"),
                      true},
        DuplicateCase{"AnotherAccount", freeze_a1, proposal("old", ProposalKind::freeze, "a2"),
                      false},
        DuplicateCase{"AnUnfreezeIsAnotherOperation", freeze_a1,
                      proposal("old", ProposalKind::unfreeze, "a1"), false},
        DuplicateCase{
            "ApprovedBefore", freeze_a1,
            decided(proposal("old", ProposalKind::freeze, "a1"), ProposalStatus::approved), false},
        DuplicateCase{
            "RejectedBefore", freeze_a1,
            decided(proposal("old", ProposalKind::freeze, "a1"), ProposalStatus::rejected), false},
        DuplicateCase{"Expired", freeze_a1,
                      proposed_days_ago(proposal("old", ProposalKind::freeze, "a1"), 2), false},
        DuplicateCase{"SameTransactionReversal", reverse_t1,
                      proposal("old", ProposalKind::reversal, "a1", "t1"), true},
        DuplicateCase{"AnotherPostingOfTheSameAccount", reverse_t1,
                      proposal("old", ProposalKind::reversal, "a1", "t2"), false}),
    [](const testing::TestParamInfo<DuplicateCase>& info) { return info.param.name; });

}  // namespace
}  // namespace bank
