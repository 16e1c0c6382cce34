// The RecurringDecisionStore contract, run against each engine (SQLite always, DynamoDB when
// BANK_TEST_DYNAMODB_ENDPOINT is set): a decision is read back whole in its owner's list and
// never in someone else's; a second decision on the same recurrence replaces the first; an
// undo removes one decision once.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ledger/recurring_decision_plans.hpp"
#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

class RecurringDecisionStoreTest : public test::EngineStoreTest {
protected:
    RecurringDecisionStoreTest() : EngineStoreTest("recurring_decisions") {}

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        user_ = test::add_test_user(*store_, clock_, "recurring@example.com");
        other_ = test::add_test_user(*store_, clock_, "other@example.com");
    }

    // A decision as the service decides it: over the person's decisions as stored.
    RecurringDecisionPlan decided(const User& owner, std::string description,
                                  RecurringInterval interval, RecurringDecisionKind kind) {
        clock_.advance(std::chrono::seconds(1));
        RecurringDecision draft;
        draft.user_id = owner.user_id;
        draft.description = description;
        draft.interval = interval;
        draft.recurrence_key = recurrence_key(description, interval);
        draft.decision = kind;
        draft.decided_at = clock_.now();
        return plan_recurring_decision(draft, store_->list_recurring_decisions(owner.user_id));
    }

    User user_;
    User other_;
};

TEST_P(RecurringDecisionStoreTest, ADecisionIsReadBackWholeButNotBySomeoneElse) {
    EXPECT_TRUE(store_->list_recurring_decisions(user_.user_id).empty());
    const auto netflix = decided(user_, "Netflix  Premium", RecurringInterval::monthly,
                                 RecurringDecisionKind::dismissed);
    ASSERT_EQ(netflix.status, RecurringDecisionRefusal::ok);
    store_->put_recurring_decision(netflix.next);
    const auto gym =
        decided(user_, "Gym", RecurringInterval::weekly, RecurringDecisionKind::confirmed);
    store_->put_recurring_decision(gym.next);

    const auto listed = store_->list_recurring_decisions(user_.user_id);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].recurrence_key, "gym#weekly") << "ordered by key";
    EXPECT_EQ(listed[1].recurrence_key, "netflix premium#monthly");
    EXPECT_EQ(listed[1].user_id, user_.user_id);
    EXPECT_EQ(listed[1].description, "Netflix  Premium");
    EXPECT_EQ(listed[1].interval, RecurringInterval::monthly);
    EXPECT_EQ(listed[1].decision, RecurringDecisionKind::dismissed);
    EXPECT_EQ(listed[1].decided_at, netflix.next.decided_at);
    EXPECT_EQ(listed[0].decision, RecurringDecisionKind::confirmed);

    EXPECT_TRUE(store_->list_recurring_decisions(other_.user_id).empty());
    EXPECT_FALSE(store_->remove_recurring_decision(other_.user_id, "gym#weekly"))
        << "someone else cannot undo it";
    EXPECT_EQ(store_->list_recurring_decisions(user_.user_id).size(), 2u);
}

TEST_P(RecurringDecisionStoreTest, ASecondDecisionOnTheSameRecurrenceReplacesTheFirst) {
    store_->put_recurring_decision(
        decided(user_, "Netflix", RecurringInterval::monthly, RecurringDecisionKind::confirmed)
            .next);
    const auto again =
        decided(user_, "NETFLIX", RecurringInterval::monthly, RecurringDecisionKind::dismissed);
    EXPECT_TRUE(again.replaces);
    store_->put_recurring_decision(again.next);
    const auto listed = store_->list_recurring_decisions(user_.user_id);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].decision, RecurringDecisionKind::dismissed);
    EXPECT_EQ(listed[0].description, "NETFLIX");
    EXPECT_EQ(listed[0].decided_at, again.next.decided_at);
}

TEST_P(RecurringDecisionStoreTest, AnUndoRemovesTheDecisionOnce) {
    store_->put_recurring_decision(
        decided(user_, "Rent", RecurringInterval::monthly, RecurringDecisionKind::confirmed).next);
    store_->put_recurring_decision(
        decided(other_, "Rent", RecurringInterval::monthly, RecurringDecisionKind::confirmed).next);
    EXPECT_TRUE(store_->remove_recurring_decision(user_.user_id, "rent#monthly"));
    EXPECT_FALSE(store_->remove_recurring_decision(user_.user_id, "rent#monthly"))
        << "removed once";
    EXPECT_TRUE(store_->list_recurring_decisions(user_.user_id).empty());
    EXPECT_EQ(store_->list_recurring_decisions(other_.user_id).size(), 1u)
        << "the other person's decision stays";
}

INSTANTIATE_TEST_SUITE_P(Engines, RecurringDecisionStoreTest,
                         ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
