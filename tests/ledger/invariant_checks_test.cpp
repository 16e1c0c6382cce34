#include "ledger/invariant_checks.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "ledger/category_plans.hpp"
#include "ledger/posting_plan.hpp"

namespace bank {
namespace {

const Timestamp now = from_micros(1'795'594'184'123'456);

Account make_account(std::string id, std::string user_id, std::int64_t balance_cents) {
    Account account;
    account.account_id = std::move(id);
    account.account_number = account.account_id + "-number";
    account.user_id = std::move(user_id);
    account.balance = Money::from_cents(balance_cents);
    return account;
}

const Account alice = make_account("a1", "alice", 10000);
const Account bob = make_account("b1", "bob", 5000);

PostingPlan transfer_plan(std::int64_t amount_cents) {
    Posting posting;
    posting.kind = PostingKind::transfer;
    posting.user_id = "alice";
    posting.account_id = "a1";
    posting.to_account_number = bob.account_number;
    posting.amount = Money::from_cents(amount_cents);
    posting.description = "rent";
    return plan_posting(posting, alice, bob, now);
}

PostingPlan deposit_plan(std::int64_t amount_cents) {
    Posting posting;
    posting.kind = PostingKind::deposit;
    posting.user_id = "alice";
    posting.account_id = "a1";
    posting.amount = Money::from_cents(amount_cents);
    return plan_posting(posting, alice, std::nullopt, now);
}

TEST(InvariantChecks, HoldForEveryPlanThePlannersMake) {
    for (const PostingPlan& plan : {transfer_plan(2500), deposit_plan(100)}) {
        ASSERT_EQ(plan.status, WriteStatus::ok);
        const auto violation = check_invariants(changes_of(plan));
        EXPECT_FALSE(violation.has_value()) << violation->checker << ": " << violation->detail;
    }
    Transaction row = transfer_plan(2500).rows.front();
    Recategorize recategorize{"alice", row.transaction_id, "housing"};
    const RecategorizePlan moved = plan_recategorize(row, "alice", recategorize);
    ASSERT_TRUE(moved.changed);
    EXPECT_FALSE(check_invariants(changes_of(moved)).has_value());
}

struct Corruption {
    std::string name;
    std::function<PostingPlan()> make;  // a valid plan, then corrupted
    std::function<void(LedgerChanges&)> corrupt;
    std::string_view checker;  // the first checker that must refuse it
};

void PrintTo(const Corruption& corruption, std::ostream* out) { *out << corruption.name; }

class InvariantChecksRefuse : public testing::TestWithParam<Corruption> {};

TEST_P(InvariantChecksRefuse, ACorruptedPlan) {
    const Corruption& corruption = GetParam();
    PostingPlan plan = corruption.make();
    ASSERT_EQ(plan.status, WriteStatus::ok);
    LedgerChanges changes = changes_of(plan);
    corruption.corrupt(changes);
    const auto violation = check_invariants(changes);
    ASSERT_TRUE(violation.has_value()) << corruption.name << " was not refused";
    EXPECT_EQ(violation->checker, corruption.checker) << violation->detail;
    EXPECT_FALSE(violation->detail.empty());
}

const auto transfer = [] { return transfer_plan(2500); };
const auto deposit = [] { return deposit_plan(100); };
const Money minus_one = Money::from_cents(-1);

INSTANTIATE_TEST_SUITE_P(
    InCheckOrder, InvariantChecksRefuse,
    testing::Values(
        Corruption{"zero_amount_row", deposit, [](LedgerChanges& c) { c.rows[0].amount = Money(); },
                   "amounts_positive"},
        Corruption{"overdrawn_payer", transfer,
                   [](LedgerChanges& c) { c.balances[0].after = minus_one; },
                   "no_negative_balance"},
        Corruption{"balance_moves_more_than_rows", deposit,
                   [](LedgerChanges& c) { c.balances[0].after = Money::from_cents(10200); },
                   "balance_follows_rows"},
        Corruption{"row_on_an_account_that_does_not_change", transfer,
                   [](LedgerChanges& c) { c.balances.pop_back(); }, "balance_follows_rows"},
        Corruption{"row_states_another_balance", deposit,
                   [](LedgerChanges& c) { c.rows[0].balance_after = Money::from_cents(1); },
                   "balance_follows_rows"},
        Corruption{"transfer_makes_money", transfer,
                   [](LedgerChanges& c) {
                       c.rows[1].amount = Money::from_cents(3000);
                       c.rows[1].balance_after = Money::from_cents(8000);
                       c.balances[1].after = Money::from_cents(8000);
                   },
                   "money_conserved"},
        Corruption{"transfer_legs_on_two_transfers", transfer,
                   [](LedgerChanges& c) { c.rows[1].transfer_id = "another"; },
                   "transfer_legs_paired"},
        Corruption{"deposit_naming_a_transfer", deposit,
                   [](LedgerChanges& c) { c.rows[0].transfer_id = "t1"; }, "transfer_legs_paired"},
        Corruption{"rollup_missing", transfer, [](LedgerChanges& c) { c.rollups.pop_back(); },
                   "rollups_follow_rows"},
        Corruption{"rollup_of_another_amount", deposit,
                   [](LedgerChanges& c) { c.rollups[0].total = Money::from_cents(99); },
                   "rollups_follow_rows"},
        Corruption{"rollup_in_another_month", deposit,
                   [](LedgerChanges& c) { c.rollups[0].month = "1999-01"; }, "rollups_follow_rows"},
        Corruption{"rollup_counted_twice", deposit,
                   [](LedgerChanges& c) { c.rollups[0].count = 2; }, "rollups_follow_rows"}));

TEST(InvariantChecks, RefuseARecategorisationThatLosesARow) {
    Transaction row = deposit_plan(100).rows.front();
    RecategorizePlan plan = plan_recategorize(row, "alice", {"alice", row.transaction_id, "pay"});
    plan.rollups.pop_back();  // taken out of the old category, never added to the new one
    const auto violation = check_invariants(changes_of(plan));
    ASSERT_TRUE(violation.has_value());
    EXPECT_EQ(violation->checker, "rollups_follow_rows");
}

// A store that stamps rows with a logical time of its own (DynamoDB) may move them into the
// next month: the rollup changes follow, so the plan still keeps its invariants.
TEST(InvariantChecks, HoldAfterARestampIntoAnotherMonth) {
    PostingPlan plan = transfer_plan(2500);
    const Timestamp new_year = from_micros(1'798'761'600'000'000);  // 2027-01-01T00:00:00Z
    restamp(plan, new_year);
    for (const Rollup& change : plan.rollups) EXPECT_EQ(change.month, "2027-01");
    for (const Transaction& row : plan.rows) EXPECT_EQ(row.timestamp, new_year);
    EXPECT_FALSE(check_invariants(changes_of(plan)).has_value());
}

}  // namespace
}  // namespace bank
