#include "ledger/category_plans.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/limits.hpp"

namespace bank {
namespace {

const Timestamp march = from_micros(1'772'323'200'000'000);  // 2026-03-01T00:00:00Z

Transaction groceries_row() {
    Transaction row;
    row.transaction_id = "t1";
    row.account_id = "a1";
    row.transaction_type = TransactionType::withdrawal;
    row.amount = Money::from_cents(4200);
    row.category = "groceries";
    row.timestamp = march;
    return row;
}

struct RecategorizeCase {
    std::string name;
    std::optional<Transaction> row;
    std::string owner_id;
    std::string category;
    WriteStatus status;
    bool changed;
    bool kept_transfer = false;
};

void PrintTo(const RecategorizeCase& recategorize, std::ostream* out) { *out << recategorize.name; }

class PlanRecategorize : public testing::TestWithParam<RecategorizeCase> {};

TEST_P(PlanRecategorize, Decides) {
    const RecategorizeCase& c = GetParam();
    const RecategorizePlan plan = plan_recategorize(c.row, c.owner_id, {"alice", "t1", c.category});
    EXPECT_EQ(plan.status, c.status) << to_string(plan.status);
    EXPECT_EQ(plan.changed, c.changed);
    if (c.status != WriteStatus::ok) return;
    EXPECT_EQ(plan.row.category, c.category);
    EXPECT_EQ(plan.rollups.size(), c.changed ? 2U : 0U);
    EXPECT_EQ(plan.recategorizes_kept_transfer, c.kept_transfer);
}

Transaction transfer_leg(TransactionType type) {
    Transaction row = groceries_row();
    row.transaction_type = type;
    return row;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanRecategorize,
    testing::Values(
        RecategorizeCase{"unknown_row", std::nullopt, "", "rent",
                         WriteStatus::transaction_not_found, false},
        // A row on another person's account looks exactly like an unknown one.
        RecategorizeCase{"another_persons_row", groceries_row(), "bob", "rent",
                         WriteStatus::transaction_not_found, false},
        RecategorizeCase{"row_of_an_unknown_account", groceries_row(), "", "rent",
                         WriteStatus::transaction_not_found, false},
        RecategorizeCase{"same_category", groceries_row(), "alice", "groceries", WriteStatus::ok,
                         false},
        RecategorizeCase{"new_category", groceries_row(), "alice", "rent", WriteStatus::ok, true},
        RecategorizeCase{"cleared_category", groceries_row(), "alice", "", WriteStatus::ok, true},
        // Only outgoing legs are kept among a day's largest transfers.
        RecategorizeCase{"outgoing_transfer_leg", transfer_leg(TransactionType::transfer_out),
                         "alice", "rent", WriteStatus::ok, true, true},
        RecategorizeCase{"outgoing_leg_same_category", transfer_leg(TransactionType::transfer_out),
                         "alice", "groceries", WriteStatus::ok, false, false},
        RecategorizeCase{"incoming_transfer_leg", transfer_leg(TransactionType::transfer_in),
                         "alice", "rent", WriteStatus::ok, true, false}));

TEST(PlanRecategorizeMoves, TheRowBetweenTheTwoCategoriesRollups) {
    const RecategorizePlan plan =
        plan_recategorize(groceries_row(), "alice", {"alice", "t1", "rent"});
    ASSERT_EQ(plan.rollups.size(), 2U);
    const Rollup& out = plan.rollups[0];
    const Rollup& in = plan.rollups[1];
    EXPECT_EQ(out.category, "groceries");
    EXPECT_EQ(out.total.cents(), -4200);
    EXPECT_EQ(out.count, -1);
    EXPECT_EQ(in.category, "rent");
    EXPECT_EQ(in.total.cents(), 4200);
    EXPECT_EQ(in.count, 1);
    for (const Rollup& change : plan.rollups) {
        EXPECT_EQ(change.month, "2026-03");
        EXPECT_EQ(change.account_id, "a1");
        EXPECT_EQ(change.transaction_type, TransactionType::withdrawal);
    }
}

struct RuleCase {
    std::string name;
    bool user_exists;
    std::size_t rule_count;
    WriteStatus status;
};

void PrintTo(const RuleCase& rule, std::ostream* out) { *out << rule.name; }

class PlanCreateCategoryRule : public testing::TestWithParam<RuleCase> {};

TEST_P(PlanCreateCategoryRule, Decides) {
    const RuleCase& c = GetParam();
    CreateCategoryRule command;
    command.rule.user_id = "alice";
    command.rules_max = limits::category_rules_per_user_max;
    EXPECT_EQ(plan_create_category_rule(c.user_exists, c.rule_count, command), c.status);
}

constexpr std::size_t rules_max = limits::category_rules_per_user_max;

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanCreateCategoryRule,
    testing::Values(RuleCase{"no_such_person", false, 0, WriteStatus::user_not_found},
                    RuleCase{"no_such_person_at_limit", false, rules_max,
                             WriteStatus::user_not_found},
                    RuleCase{"at_the_limit", true, rules_max, WriteStatus::too_many_rules},
                    RuleCase{"one_below_the_limit", true, rules_max - 1, WriteStatus::ok},
                    RuleCase{"first_rule", true, 0, WriteStatus::ok}));

TEST(PlanDeleteCategoryRule, RefusesARuleThatIsNotThePersons) {
    EXPECT_EQ(plan_delete_category_rule(std::nullopt), WriteStatus::rule_not_found);
    EXPECT_EQ(plan_delete_category_rule(CategoryRule{"r1", "alice", "shop", "groceries", {}}),
              WriteStatus::ok);
}

}  // namespace
}  // namespace bank
