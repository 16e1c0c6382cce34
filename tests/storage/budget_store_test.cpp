// The BudgetStore contract, run against each engine (SQLite always, DynamoDB when
// BANK_TEST_DYNAMODB_ENDPOINT is set): a budget is read back whole, in its owner's list and
// by id, never by someone else; one budget per person, category and month, however many
// requests race for it; a change or removal holds only over the version it was decided on.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "core/random.hpp"
#include "ledger/budget_plans.hpp"
#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

class BudgetStoreTest : public test::EngineStoreTest {
protected:
    BudgetStoreTest() : EngineStoreTest("budgets") {}

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        user_ = test::add_test_user(*store_, clock_, "budget@example.com");
        other_ = test::add_test_user(*store_, clock_, "other@example.com");
    }

    // A new budget as the service decides it: over the person's budgets as stored.
    BudgetPlan created(const User& owner, std::string category, std::string month = "",
                       std::int64_t cents = 400'00) {
        clock_.advance(std::chrono::seconds(1));
        Budget draft;
        draft.budget_id = new_time_ordered_id(clock_.now());
        draft.user_id = owner.user_id;
        draft.category = std::move(category);
        draft.month = std::move(month);
        draft.start_month = "2026-06";
        draft.amount = Money::from_cents(cents);
        draft.rollover = BudgetRollover::surplus;
        return plan_budget_creation(draft, store_->list_budgets(owner.user_id), clock_.now());
    }

    User user_;
    User other_;
};

TEST_P(BudgetStoreTest, ABudgetIsReadBackWholeInTheListAndByIdButNotBySomeoneElse) {
    EXPECT_TRUE(store_->list_budgets(user_.user_id).empty());
    const BudgetPlan every = created(user_, "groceries");
    ASSERT_EQ(every.status, BudgetRefusal::ok);
    ASSERT_TRUE(store_->add_budget(every.next));
    const BudgetPlan july = created(user_, "groceries", "2026-07", 900'00);
    ASSERT_TRUE(store_->add_budget(july.next));

    const auto listed = store_->list_budgets(user_.user_id);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].budget_id, every.next.budget_id) << "oldest first";
    EXPECT_EQ(listed[1].budget_id, july.next.budget_id);
    const auto found = store_->find_budget(user_.user_id, july.next.budget_id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->user_id, user_.user_id);
    EXPECT_EQ(found->category, "groceries");
    EXPECT_EQ(found->month, "2026-07");
    EXPECT_EQ(found->start_month, "2026-06");
    EXPECT_EQ(found->amount, Money::from_cents(900'00));
    EXPECT_EQ(found->rollover, BudgetRollover::surplus);
    EXPECT_EQ(found->created_at, july.next.created_at);
    EXPECT_EQ(found->updated_at, july.next.updated_at);
    EXPECT_EQ(found->version, 1);
    EXPECT_EQ(store_->find_budget(user_.user_id, every.next.budget_id)->month, "");

    EXPECT_EQ(store_->find_budget(other_.user_id, july.next.budget_id), std::nullopt);
    EXPECT_TRUE(store_->list_budgets(other_.user_id).empty());
    EXPECT_EQ(store_->find_budget(user_.user_id, "no-such-budget"), std::nullopt);
}

TEST_P(BudgetStoreTest, ASecondBudgetOfTheSameCategoryAndMonthIsNotStored) {
    ASSERT_TRUE(store_->add_budget(created(user_, "dining").next));
    ASSERT_TRUE(store_->add_budget(created(user_, "dining", "2026-08").next));
    // Decided over a stale read (as two requests at once would be): the store still refuses.
    Budget again = created(other_, "dining").next;
    again.user_id = user_.user_id;
    EXPECT_FALSE(store_->add_budget(again));
    Budget again_in_august = created(other_, "dining", "2026-08").next;
    again_in_august.user_id = user_.user_id;
    EXPECT_FALSE(store_->add_budget(again_in_august));
    EXPECT_EQ(store_->list_budgets(user_.user_id).size(), 2u);
    // Another person's slots are their own.
    EXPECT_TRUE(store_->add_budget(created(other_, "dining").next));
}

// Eight threads set the same category's budget at once: one is stored.
TEST_P(BudgetStoreTest, ManyRequestsForOneSlotAtOnceStoreOne) {
    std::vector<Budget> drafts;
    for (int i = 0; i < 8; ++i) drafts.push_back(created(user_, "travel").next);
    std::atomic<int> stored = 0;
    std::vector<std::thread> threads;
    for (const Budget& draft : drafts) {
        threads.emplace_back([&, draft] {
            if (store_->add_budget(draft)) ++stored;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(stored.load(), 1);
    EXPECT_EQ(store_->list_budgets(user_.user_id).size(), 1u);
}

TEST_P(BudgetStoreTest, AChangeAndARemovalHoldOnlyOverTheVersionDecidedOn) {
    const Budget stored = created(user_, "health").next;
    ASSERT_TRUE(store_->add_budget(stored));
    BudgetChange change;
    change.amount = Money::from_cents(120'00);
    change.rollover = BudgetRollover::both;
    const BudgetPlan first = plan_budget_change(stored, user_.user_id, change, clock_.now());
    change.amount = Money::from_cents(130'00);
    const BudgetPlan stale = plan_budget_change(stored, user_.user_id, change, clock_.now());
    EXPECT_TRUE(store_->save_budget(first.next));
    EXPECT_FALSE(store_->save_budget(stale.next)) << "decided over version 1, now 2";
    const auto read = store_->find_budget(user_.user_id, stored.budget_id);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->amount, Money::from_cents(120'00));
    EXPECT_EQ(read->rollover, BudgetRollover::both);
    EXPECT_EQ(read->category, "health");
    EXPECT_EQ(read->version, 2);

    EXPECT_FALSE(store_->remove_budget(stored)) << "version 1 is gone";
    EXPECT_TRUE(store_->remove_budget(*read));
    EXPECT_EQ(store_->find_budget(user_.user_id, stored.budget_id), std::nullopt);
    EXPECT_FALSE(store_->remove_budget(*read)) << "removed once";
    // Its slot is free again.
    EXPECT_TRUE(store_->add_budget(created(user_, "health").next));
}

INSTANTIATE_TEST_SUITE_P(Engines, BudgetStoreTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
