// The batch calls of the StandingOrderStore contract (the scheduler's), run against each
// engine: a batch of claims wins exactly the occurrences no other server holds; outcomes and
// next dates hold only over the version they were decided on, element by element (and an
// order moves only past an outcome written, when both go in one call); an empty
// batch writes nothing; and the scheduler, running orders in batches, posts every one once
// across a batch boundary while a refused posting leaves the others of its batch posted.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/random.hpp"
#include "core/standing_order_limits.hpp"
#include "ledger/standing_order_plans.hpp"
#include "service/standing_order_scheduler.hpp"
#include "support/engine_store_test.hpp"
#include "support/standing_order_store_test_base.hpp"
#include "support/store_helpers.hpp"
#include "support/utc_noon.hpp"

namespace bank {
namespace {

using namespace std::chrono;

using test::noon;

class StandingOrderBatchStoreTest : public test::StandingOrderStoreTestBase {
protected:
    StandingOrderBatchStoreTest()
        : StandingOrderStoreTestBase("standing_order_batches", noon(2027y / March / 10d)) {}

    // A one-off order due today, stored as the service makes it.
    StandingOrder add_order(Money amount = Money::from_cents(1)) {
        return StandingOrderStoreTestBase::add_order("FREQ=DAILY;COUNT=1", amount, std::nullopt,
                                                     "Pocket money", "transfers");
    }

    Occurrence claim_of(const StandingOrder& order) {
        const auto plan = plan_occurrence_claim(std::nullopt, order, *order.next_due, clock_.now());
        EXPECT_EQ(plan.decision, ClaimDecision::post);
        return plan.next;
    }

    OccurrenceId id_of(const StandingOrder& order) {
        return {order.user_id, order.standing_order_id, *order.next_due};
    }
};

TEST_P(StandingOrderBatchStoreTest, ABatchOfClaimsWinsExactlyThoseNoOtherServerHolds) {
    std::vector<StandingOrder> orders;
    std::vector<Occurrence> claims;
    for (int index = 0; index < 4; ++index) {
        orders.push_back(add_order());
        claims.push_back(claim_of(orders.back()));
    }
    // "Another server" claims the second and fourth first, a second later.
    clock_.advance(seconds(1));
    const Occurrence other_second = claim_of(orders[1]);
    const Occurrence other_fourth = claim_of(orders[3]);
    ASSERT_TRUE(store_->save_occurrence(other_second));
    ASSERT_TRUE(store_->save_occurrence(other_fourth));

    EXPECT_EQ(store_->save_occurrences(claims), (std::vector<bool>{true, false, true, false}));
    const auto read = store_->find_occurrences(
        {id_of(orders[0]), id_of(orders[1]), id_of(orders[2]), id_of(orders[3])});
    ASSERT_EQ(read.size(), 4U);
    for (const auto& occurrence : read) ASSERT_TRUE(occurrence.has_value());
    EXPECT_EQ(read[0]->claimed_until, claims[0].claimed_until) << "won by this server";
    EXPECT_EQ(read[1]->claimed_until, other_second.claimed_until) << "kept by the other";
    EXPECT_EQ(read[2]->claimed_until, claims[2].claimed_until);
    EXPECT_EQ(read[3]->claimed_until, other_fourth.claimed_until);
    EXPECT_EQ(store_->save_occurrences(claims), std::vector<bool>(4, false))
        << "a second batch of the same claims wins none";
}

TEST_P(StandingOrderBatchStoreTest, OutcomesAndNextDatesHoldOnlyOverTheirOwnVersions) {
    const StandingOrder first = add_order();
    const StandingOrder second = add_order();
    const Occurrence first_claim = claim_of(first);
    const Occurrence second_claim = claim_of(second);
    ASSERT_EQ(store_->save_occurrences({first_claim, second_claim}),
              (std::vector<bool>{true, true}));
    const Occurrence first_done =
        plan_occurrence_outcome(first_claim, WriteStatus::ok, "tx-1", clock_.now());
    Occurrence stale = plan_occurrence_outcome(second_claim, WriteStatus::ok, "tx-2", clock_.now());
    stale.version += 1;  // decided on a version that was never stored
    EXPECT_EQ(store_->save_occurrences({first_done, stale}), (std::vector<bool>{true, false}));
    EXPECT_EQ(store_->find_occurrences({id_of(first), id_of(second)})[1]->status,
              OccurrenceStatus::claimed)
        << "the stale outcome changed nothing";

    // The second order is paused meanwhile: its advance loses, the first's holds.
    StandingOrderChange pause;
    pause.status = StandingOrderStatus::paused;
    ASSERT_TRUE(store_->save_standing_order(
        plan_standing_order_change(second, payer_.user_id, pause, clock_.now()).next));
    const auto advanced =
        std::vector<StandingOrder>{plan_order_advance(first, *first.next_due, clock_.now()),
                                   plan_order_advance(second, *second.next_due, clock_.now())};
    EXPECT_EQ(store_->save_standing_orders(advanced), (std::vector<bool>{true, false}));
    EXPECT_EQ(store_->find_standing_order(payer_.user_id, first.standing_order_id)->status,
              StandingOrderStatus::completed);
    EXPECT_EQ(store_->find_standing_order(payer_.user_id, second.standing_order_id)->status,
              StandingOrderStatus::paused);
}

// The round's outcomes and next dates in one call: an order moves only past a date whose
// outcome was written; an outcome already stored (nullopt) lets its order move; a date still
// retrying (no next) keeps its order; a stale order write loses alone.
TEST_P(StandingOrderBatchStoreTest, FinishingMovesAnOrderOnlyPastAnOutcomeWritten) {
    std::vector<StandingOrder> orders;
    std::vector<Occurrence> claims;
    for (int index = 0; index < 5; ++index) {
        orders.push_back(add_order());
        claims.push_back(claim_of(orders.back()));
    }
    ASSERT_EQ(store_->save_occurrences(claims), std::vector<bool>(5, true));
    const Timestamp now = clock_.now();
    const auto done = [&](int index, WriteStatus status) {
        return plan_occurrence_outcome(claims[index], status, "tx", now);
    };
    const auto next = [&](int index) {
        return plan_order_advance(orders[index], *orders[index].next_due, now);
    };
    Occurrence stale = done(1, WriteStatus::ok);
    stale.version += 1;  // decided on a version that was never stored
    StandingOrder stale_order = next(3);
    stale_order.version += 1;
    const std::vector<OccurrenceFinish> finishes{
        {done(0, WriteStatus::ok), next(0)},
        {stale, next(1)},
        {std::nullopt, next(2)},
        {done(3, WriteStatus::ok), stale_order},
        {done(4, WriteStatus::insufficient_funds), std::nullopt}};
    const auto finished = store_->finish_occurrences(finishes);
    ASSERT_EQ(finished.size(), 5U);
    const std::vector<std::pair<bool, bool>> expected{
        {true, true}, {false, false}, {true, true}, {true, false}, {true, false}};
    for (std::size_t index = 0; index < 5; ++index) {
        EXPECT_EQ(finished[index].outcome_saved, expected[index].first) << index;
        EXPECT_EQ(finished[index].order_saved, expected[index].second) << index;
    }
    const auto status_of = [&](int index) {
        return store_->find_standing_order(payer_.user_id, orders[index].standing_order_id)->status;
    };
    EXPECT_EQ(status_of(0), StandingOrderStatus::completed);
    EXPECT_EQ(status_of(1), StandingOrderStatus::active) << "its outcome was lost";
    EXPECT_EQ(status_of(2), StandingOrderStatus::completed);
    EXPECT_EQ(status_of(3), StandingOrderStatus::active) << "its own write was stale";
    EXPECT_EQ(status_of(4), StandingOrderStatus::active) << "retrying";
    const auto read = store_->find_occurrences(
        {id_of(orders[0]), id_of(orders[1]), id_of(orders[3]), id_of(orders[4])});
    EXPECT_EQ(read[0]->status, OccurrenceStatus::posted);
    EXPECT_EQ(read[1]->status, OccurrenceStatus::claimed);
    EXPECT_EQ(read[2]->status, OccurrenceStatus::posted);
    EXPECT_EQ(read[3]->status, OccurrenceStatus::retrying);
    EXPECT_TRUE(store_->finish_occurrences({}).empty());
}

TEST_P(StandingOrderBatchStoreTest, AnEmptyBatchWritesNothing) {
    const StandingOrder order = add_order();
    EXPECT_TRUE(store_->find_occurrences({}).empty());
    EXPECT_TRUE(store_->save_occurrences({}).empty());
    EXPECT_TRUE(store_->save_standing_orders({}).empty());
    const auto none = store_->find_occurrences({id_of(order)});
    ASSERT_EQ(none.size(), 1U);
    EXPECT_FALSE(none[0].has_value()) << "no occurrence of an order never run";
    EXPECT_EQ(store_->find_standing_order(payer_.user_id, order.standing_order_id)->version, 1);
}

TEST_P(StandingOrderBatchStoreTest, ARefusedPostingLeavesTheOthersOfItsBatchPosted) {
    const StandingOrder small = add_order(Money::from_cents(100));
    const StandingOrder too_big = add_order(Money::from_cents(20'000'00));
    const StandingOrder other = add_order(Money::from_cents(200));
    StandingOrderScheduler scheduler(*store_, *store_, *store_, clock_);
    const SchedulerPass pass = scheduler.run_pass();
    EXPECT_EQ(pass.posted, 2U);
    EXPECT_EQ(pass.retrying, 1U);
    const auto read = store_->find_occurrences({id_of(small), id_of(too_big), id_of(other)});
    EXPECT_EQ(read[0]->status, OccurrenceStatus::posted);
    EXPECT_EQ(read[1]->status, OccurrenceStatus::retrying);
    EXPECT_EQ(read[2]->status, OccurrenceStatus::posted);
    EXPECT_EQ(store_->find_account(from_.account_id)->balance, Money::from_cents(10'000'00 - 300));
}

// Batches of 20 rather than the limit's 2,000: the same boundaries with 43 orders instead of
// 2,003 (19 s on SQLite and 84 s on DynamoDB Local at the limit).
TEST_P(StandingOrderBatchStoreTest, OrdersBeyondOneBatchAreAllPostedOnceInOnePass) {
    const std::size_t batch = 20;
    const std::size_t count = 2 * batch + 3;
    std::vector<OccurrenceId> ids;
    for (std::size_t index = 0; index < count; ++index) ids.push_back(id_of(add_order()));
    StandingOrderScheduler scheduler(*store_, *store_, *store_, clock_);
    scheduler.run_in_batches_of(batch);
    SchedulerPass pass = scheduler.run_pass();
    EXPECT_EQ(pass.orders, count);
    // Where the pass's time went (the server logs it): it read the orders and waited for the
    // writer's answers.
    EXPECT_GT(pass.steps.reads.count(), 0.0);
    EXPECT_GT(pass.steps.writer.count(), 0.0);
    // On DynamoDB postings from one account contend; one that ran out of retries is
    // retrying, and posted at a later pass (within the minute, as a server would).
    std::size_t posted = pass.posted;
    for (int again = 0; again < 5 && posted < count; ++again) {
        clock_.advance(seconds(30));
        posted += scheduler.run_pass().posted;
    }
    EXPECT_EQ(posted, count);
    for (const auto& occurrence : store_->find_occurrences(ids)) {
        ASSERT_TRUE(occurrence.has_value());
        EXPECT_EQ(occurrence->status, OccurrenceStatus::posted);
    }
    EXPECT_EQ(store_->find_account(from_.account_id)->balance,
              Money::from_cents(10'000'00 - static_cast<std::int64_t>(count)))
        << "each order paid once";
    EXPECT_EQ(scheduler.run_pass().orders, 0U) << "none left due";
    // Each outcome's event was written with the outcome: every outcome has its event, once,
    // when the pass returns.
    std::size_t posted_events = 0;
    for (const auto& event : store_->list_audit_events(payer_.user_id, 1000)) {
        if (event.kind == AuditEventKind::standing_order_posted) ++posted_events;
    }
    EXPECT_EQ(posted_events, count);
}

INSTANTIATE_TEST_SUITE_P(Engines, StandingOrderBatchStoreTest,
                         ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
