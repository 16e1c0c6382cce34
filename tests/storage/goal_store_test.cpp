// The GoalStore contract, run against each engine (SQLite always, DynamoDB when
// BANK_TEST_DYNAMODB_ENDPOINT is set): a goal is read back whole, in its owner's list and by
// id, never by someone else; an id is stored once; a change or removal holds only over the
// version it was decided on.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "core/random.hpp"
#include "ledger/goal_plans.hpp"
#include "ledger/standing_order.hpp"
#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

class GoalStoreTest : public test::EngineStoreTest {
protected:
    GoalStoreTest() : EngineStoreTest("goals") {}

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        user_ = test::add_test_user(*store_, clock_, "goal@example.com");
        other_ = test::add_test_user(*store_, clock_, "other@example.com");
        savings_ = test::open_test_account(*store_, user_, {}, AccountType::savings);
    }

    // A new goal as the service decides it: over the person's goals as stored.
    GoalPlan created(const User& owner, std::string name, std::int64_t cents = 1'200'00) {
        clock_.advance(std::chrono::seconds(1));
        SavingsGoal draft;
        draft.goal_id = new_time_ordered_id(clock_.now());
        draft.user_id = owner.user_id;
        draft.account_id = savings_.account_id;
        draft.name = std::move(name);
        draft.target = Money::from_cents(cents);
        draft.target_date = *parse_iso_date("2099-12-31");
        std::optional<Account> account = savings_;
        account->user_id = owner.user_id;
        return plan_new_goal(draft, account, store_->list_goals(owner.user_id),
                             utc_date(clock_.now()), clock_.now());
    }

    User user_;
    User other_;
    Account savings_;
};

TEST_P(GoalStoreTest, AGoalIsReadBackWholeInTheListAndByIdButNotBySomeoneElse) {
    EXPECT_TRUE(store_->list_goals(user_.user_id).empty());
    const GoalPlan car = created(user_, "Car");
    ASSERT_EQ(car.status, GoalRefusal::ok);
    ASSERT_TRUE(store_->add_goal(car.next));
    GoalPlan holiday = created(user_, "Holiday in Lisbon \xE2\x80\x94 2027", 3'456'78);
    holiday.next.standing_order_id = "order-1";
    ASSERT_TRUE(store_->add_goal(holiday.next));

    const auto listed = store_->list_goals(user_.user_id);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].goal_id, car.next.goal_id) << "oldest first";
    EXPECT_EQ(listed[1].goal_id, holiday.next.goal_id);
    const auto found = store_->find_goal(user_.user_id, holiday.next.goal_id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->user_id, user_.user_id);
    EXPECT_EQ(found->account_id, savings_.account_id);
    EXPECT_EQ(found->name, "Holiday in Lisbon \xE2\x80\x94 2027");
    EXPECT_EQ(found->target, Money::from_cents(3'456'78));
    EXPECT_EQ(iso_date(found->target_date), "2099-12-31");
    EXPECT_EQ(found->standing_order_id, "order-1");
    EXPECT_EQ(found->created_at, holiday.next.created_at);
    EXPECT_EQ(found->updated_at, holiday.next.updated_at);
    EXPECT_EQ(found->version, 1);
    EXPECT_EQ(store_->find_goal(user_.user_id, car.next.goal_id)->standing_order_id, std::nullopt);

    EXPECT_EQ(store_->find_goal(other_.user_id, holiday.next.goal_id), std::nullopt);
    EXPECT_TRUE(store_->list_goals(other_.user_id).empty());
    EXPECT_EQ(store_->find_goal(user_.user_id, "no-such-goal"), std::nullopt);
}

// Eight threads add the same goal (one id) at once: one is stored.
TEST_P(GoalStoreTest, AnIdIsStoredOnceHoweverManyRequestsRace) {
    const SavingsGoal goal = created(user_, "Roof").next;
    std::atomic<int> stored = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&] {
            if (store_->add_goal(goal)) ++stored;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(stored.load(), 1);
    EXPECT_EQ(store_->list_goals(user_.user_id).size(), 1u);
}

TEST_P(GoalStoreTest, AChangeAndARemovalHoldOnlyOverTheVersionDecidedOn) {
    const SavingsGoal stored = created(user_, "Bike").next;
    ASSERT_TRUE(store_->add_goal(stored));
    const Date today = utc_date(clock_.now());
    GoalChange change;
    change.name = "Cargo bike";
    change.target = Money::from_cents(2'500'00);
    change.target_date = *parse_iso_date("2098-01-31");
    change.standing_order_id = std::optional<std::string>("order-7");
    const GoalPlan first = plan_goal_update(stored, user_.user_id, change, today, clock_.now());
    change.name = "Stale";
    const GoalPlan stale = plan_goal_update(stored, user_.user_id, change, today, clock_.now());
    EXPECT_TRUE(store_->save_goal(first.next));
    EXPECT_FALSE(store_->save_goal(stale.next)) << "decided over version 1, now 2";
    const auto read = store_->find_goal(user_.user_id, stored.goal_id);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->name, "Cargo bike");
    EXPECT_EQ(read->target, Money::from_cents(2'500'00));
    EXPECT_EQ(iso_date(read->target_date), "2098-01-31");
    EXPECT_EQ(read->standing_order_id, "order-7");
    EXPECT_EQ(read->version, 2);

    // Turning the transfer off is stored as none again.
    GoalChange off;
    off.standing_order_id = std::optional<std::string>();
    const GoalPlan without = plan_goal_update(*read, user_.user_id, off, today, clock_.now());
    ASSERT_TRUE(store_->save_goal(without.next));
    const auto after = store_->find_goal(user_.user_id, stored.goal_id);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->standing_order_id, std::nullopt);
    EXPECT_EQ(after->version, 3);

    EXPECT_FALSE(store_->remove_goal(*read)) << "version 2 is gone";
    SavingsGoal theirs = *after;
    theirs.user_id = other_.user_id;
    EXPECT_FALSE(store_->remove_goal(theirs)) << "not another person's";
    EXPECT_TRUE(store_->remove_goal(*after));
    EXPECT_EQ(store_->find_goal(user_.user_id, stored.goal_id), std::nullopt);
    EXPECT_FALSE(store_->remove_goal(*after)) << "removed once";
}

INSTANTIATE_TEST_SUITE_P(Engines, GoalStoreTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
