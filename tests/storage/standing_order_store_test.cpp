// The StandingOrderStore contract and the scheduler over it, run against each engine
// (SQLite always, DynamoDB when BANK_TEST_DYNAMODB_ENDPOINT is set): orders and occurrences
// are read back whole; a change holds only over the version it was decided on, so two
// servers claiming one occurrence post it once; a ManualClock drives a year of schedules
// (month ends, a leap February) in seconds, short funds are retried for three days, a crash
// between claim and posting posts once, and missed dates are caught up to the named limit.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/random.hpp"
#include "core/standing_order_limits.hpp"
#include "ledger/standing_order_plans.hpp"
#include "service/standing_order_scheduler.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/engine_store_test.hpp"
#include "support/standing_order_store_test_base.hpp"
#include "support/store_helpers.hpp"
#include "support/utc_noon.hpp"

namespace bank {
namespace {

using namespace std::chrono;

// Noon UTC on a day, so that a pass "on" a day is well inside it.
using test::noon;

class StandingOrderStoreTest : public test::StandingOrderStoreTestBase {
protected:
    StandingOrderStoreTest()
        : StandingOrderStoreTestBase("standing_orders", noon(2027y / December / 30d)) {}

    std::vector<Transaction> payer_rows() {
        TransactionQuery query;
        query.user_id = payer_.user_id;
        query.account_id = from_.account_id;
        query.type = TransactionType::transfer_out;
        query.sort = TransactionSort::oldest;
        query.limit = 100;
        return store_->list_transactions(query);
    }

    // One scheduler pass at noon of each day from `first` through `last`.
    void run_days(StandingOrderScheduler& scheduler, Date first, Date last) {
        for (sys_days day = first; day <= sys_days(last); day += days(1)) {
            set_now(noon(Date{day}));
            scheduler.run_pass();
        }
    }

    void set_now(Timestamp at) { clock_.advance(at - clock_.now()); }
};

TEST_P(StandingOrderStoreTest, AnOrderIsReadBackWholeByItsOwnerOnly) {
    const StandingOrder order = add_order("FREQ=MONTHLY;BYMONTHDAY=-1");
    const auto read = store_->find_standing_order(payer_.user_id, order.standing_order_id);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->from_account_id, from_.account_id);
    EXPECT_EQ(read->to_account_number, to_.account_number);
    EXPECT_EQ(read->amount, Money::from_cents(100'00));
    EXPECT_EQ(read->description, "Rent");
    EXPECT_EQ(read->category, "rent");
    EXPECT_EQ(read->start_date, 2027y / December / 30d);
    EXPECT_EQ(read->rrule, "FREQ=MONTHLY;BYMONTHDAY=-1");
    EXPECT_EQ(read->status, StandingOrderStatus::active);
    EXPECT_EQ(read->next_due, 2027y / December / 31d);
    EXPECT_EQ(read->created_at, order.created_at);
    EXPECT_EQ(read->version, 1);
    EXPECT_EQ(store_->find_standing_order(payee_.user_id, order.standing_order_id), std::nullopt);
    EXPECT_EQ(store_->list_standing_orders(payer_.user_id).size(), 1U);
    EXPECT_TRUE(store_->list_standing_orders(payee_.user_id).empty());
    EXPECT_FALSE(store_->add_standing_order(order)) << "an id is taken once";
}

TEST_P(StandingOrderStoreTest, AChangeHoldsOnlyOverTheVersionItWasDecidedOn) {
    const StandingOrder order = add_order("FREQ=WEEKLY");
    StandingOrderChange pause;
    pause.status = StandingOrderStatus::paused;
    const auto paused = plan_standing_order_change(order, payer_.user_id, pause, clock_.now());
    ASSERT_TRUE(store_->save_standing_order(paused.next));
    const auto cancelled = plan_standing_order_cancellation(order, payer_.user_id, clock_.now());
    EXPECT_FALSE(store_->save_standing_order(cancelled.next)) << "decided on version 1";
    const auto read = store_->find_standing_order(payer_.user_id, order.standing_order_id);
    EXPECT_EQ(read->status, StandingOrderStatus::paused);
    EXPECT_TRUE(store_->due_standing_orders(2028y / December / 31d, 10).empty())
        << "a paused order is not due";
}

TEST_P(StandingOrderStoreTest, AnOccurrenceIsClaimedOnce) {
    const StandingOrder order = add_order("FREQ=DAILY");
    const auto due = store_->due_standing_orders(utc_date(clock_.now()), 10);
    ASSERT_EQ(due.size(), 1U);
    const auto first = plan_occurrence_claim(std::nullopt, order, *order.next_due, clock_.now());
    ASSERT_EQ(first.decision, ClaimDecision::post);
    EXPECT_TRUE(store_->save_occurrence(first.next));
    EXPECT_FALSE(store_->save_occurrence(first.next)) << "a second server loses the claim";
    const auto read =
        store_->find_occurrence(payer_.user_id, order.standing_order_id, *order.next_due);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->status, OccurrenceStatus::claimed);
    EXPECT_EQ(read->claimed_until, first.next.claimed_until);
    const auto done = plan_occurrence_outcome(*read, WriteStatus::ok, "tx-1", clock_.now());
    EXPECT_TRUE(store_->save_occurrence(done));
    EXPECT_FALSE(store_->save_occurrence(done)) << "stale version";
    const auto listed = store_->list_occurrences(payer_.user_id, order.standing_order_id, 10);
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_EQ(listed[0].status, OccurrenceStatus::posted);
    EXPECT_EQ(listed[0].transaction_id, "tx-1");
    EXPECT_TRUE(store_->list_occurrences(payee_.user_id, order.standing_order_id, 10).empty());
}

TEST_P(StandingOrderStoreTest, AYearOfMonthEndsPostsOnEachLastDayOnce) {
    const StandingOrder order = add_order("FREQ=MONTHLY;BYMONTHDAY=-1");
    StandingOrderScheduler scheduler(*store_, *store_, *store_, clock_);
    run_days(scheduler, 2027y / December / 30d, 2028y / December / 31d);
    const auto rows = payer_rows();
    const std::vector<int> days_of_month = {31, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    ASSERT_EQ(rows.size(), days_of_month.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(static_cast<unsigned>(utc_date(rows[i].timestamp).day()),
                  static_cast<unsigned>(days_of_month[i]))
            << "posting " << i;
        EXPECT_EQ(standing_order_of_key(rows[i].idempotency_key), order.standing_order_id);
    }
    const auto occurrences = store_->list_occurrences(payer_.user_id, order.standing_order_id, 100);
    ASSERT_EQ(occurrences.size(), 13U);
    EXPECT_EQ(occurrences.front().due_date, 2028y / December / 31d) << "newest first";
    for (const auto& occurrence : occurrences) {
        EXPECT_EQ(occurrence.status, OccurrenceStatus::posted);
        EXPECT_FALSE(occurrence.transaction_id.empty());
    }
}

TEST_P(StandingOrderStoreTest, TwoSchedulersAtOncePostEachOccurrenceOnce) {
    add_order("FREQ=DAILY;COUNT=5");
    set_now(noon(2028y / January / 3d));  // all five dates due at once
    StandingOrderScheduler first(*store_, *store_, *store_, clock_);
    StandingOrderScheduler second(*store_, *store_, *store_, clock_);
    std::thread other([&] { second.run_pass(); });
    first.run_pass();
    other.join();
    first.run_pass();
    second.run_pass();
    EXPECT_EQ(payer_rows().size(), 5U);
}

TEST_P(StandingOrderStoreTest, ShortFundsAreRetriedForThreeDaysThenFail) {
    const StandingOrder order =
        add_order("FREQ=MONTHLY;BYMONTHDAY=1;COUNT=2", Money::from_cents(50'000'00));
    StandingOrderScheduler scheduler(*store_, *store_, *store_, clock_);
    run_days(scheduler, 2028y / January / 1d, 2028y / January / 3d);
    auto occurrence =
        store_->find_occurrence(payer_.user_id, order.standing_order_id, 2028y / January / 1d);
    ASSERT_TRUE(occurrence.has_value());
    EXPECT_EQ(occurrence->status, OccurrenceStatus::retrying);
    EXPECT_EQ(occurrence->attempts, 3);
    EXPECT_EQ(occurrence->detail, "Not enough money in the account.");
    run_days(scheduler, 2028y / January / 4d, 2028y / January / 4d);
    occurrence =
        store_->find_occurrence(payer_.user_id, order.standing_order_id, 2028y / January / 1d);
    EXPECT_EQ(occurrence->status, OccurrenceStatus::failed);
    EXPECT_TRUE(payer_rows().empty());
    EXPECT_EQ(store_->find_standing_order(payer_.user_id, order.standing_order_id)->next_due,
              2028y / February / 1d);
}

TEST_P(StandingOrderStoreTest, MoneyArrivingWithinThreeDaysPaysTheRetriedOccurrence) {
    const StandingOrder order =
        add_order("FREQ=YEARLY;COUNT=1", Money::from_cents(15'000'00), 2028y / January / 1d);
    StandingOrderScheduler scheduler(*store_, *store_, *store_, clock_);
    run_days(scheduler, 2028y / January / 1d, 2028y / January / 1d);
    Posting deposit;
    deposit.kind = PostingKind::deposit;
    deposit.user_id = payer_.user_id;
    deposit.account_id = from_.account_id;
    deposit.amount = Money::from_cents(10'000'00);
    deposit.description = "Salary";
    ASSERT_EQ(test::write_and_wait(*store_, deposit).status, WriteStatus::ok);
    run_days(scheduler, 2028y / January / 2d, 2028y / January / 9d);
    EXPECT_EQ(payer_rows().size(), 1U);
    const auto read = store_->find_standing_order(payer_.user_id, order.standing_order_id);
    EXPECT_EQ(read->status, StandingOrderStatus::completed);
}

TEST_P(StandingOrderStoreTest, ACrashBetweenPostingAndRecordingPostsOnce) {
    const StandingOrder order = add_order("FREQ=DAILY;COUNT=1");
    const Date due = *order.next_due;
    set_now(noon(due));
    // The first server claimed and posted, then died before recording the outcome.
    const auto claim = plan_occurrence_claim(std::nullopt, order, due, clock_.now());
    ASSERT_TRUE(store_->save_occurrence(claim.next));
    Posting posting;
    posting.kind = PostingKind::transfer;
    posting.user_id = payer_.user_id;
    posting.account_id = from_.account_id;
    posting.to_account_number = to_.account_number;
    posting.amount = order.amount;
    posting.description = order.description;
    posting.idempotency_key = occurrence_key(order.standing_order_id, due);
    posting.request_fingerprint = posting.idempotency_key;
    ASSERT_EQ(test::write_and_wait(*store_, posting).status, WriteStatus::ok);

    StandingOrderScheduler scheduler(*store_, *store_, *store_, clock_);
    EXPECT_EQ(scheduler.run_pass().busy, 1U) << "the dead server's claim still holds";
    clock_.advance(limits::occurrence_claim_lease);
    EXPECT_EQ(scheduler.run_pass().posted, 1U) << "a replay of the first posting";
    EXPECT_EQ(payer_rows().size(), 1U);
    const auto read = store_->find_occurrence(payer_.user_id, order.standing_order_id, due);
    EXPECT_EQ(read->status, OccurrenceStatus::posted);
    EXPECT_EQ(read->attempts, 2);
}

TEST_P(StandingOrderStoreTest, MissedDatesRunInOrderUpToTheCatchUpLimit) {
    const StandingOrder order =
        add_order("FREQ=DAILY", Money::from_cents(1'00), 2028y / January / 1d);
    set_now(noon(2028y / January / 20d));
    StandingOrderScheduler scheduler(*store_, *store_, *store_, clock_);
    const SchedulerPass pass = scheduler.run_pass();
    const auto caught_up = static_cast<std::size_t>(limits::standing_order_catch_up_days_max) + 1;
    EXPECT_EQ(pass.posted, caught_up);
    EXPECT_EQ(pass.skipped, 20U - caught_up);
    const auto rows = payer_rows();
    ASSERT_EQ(rows.size(), caught_up);
    EXPECT_TRUE(rows.front().idempotency_key.ends_with("2028-01-13"));
    EXPECT_TRUE(rows.back().idempotency_key.ends_with("2028-01-20"));
    const auto read = store_->find_standing_order(payer_.user_id, order.standing_order_id);
    EXPECT_EQ(read->next_due, 2028y / January / 21d);
    EXPECT_EQ(scheduler.run_pass().posted, 0U) << "once each";
}

TEST_P(StandingOrderStoreTest, AClosedPayeeSkipsTheOccurrence) {
    const StandingOrder order = add_order("FREQ=DAILY;COUNT=1");
    CloseAccount close;
    close.user_id = payee_.user_id;
    close.account_id = to_.account_id;
    ASSERT_EQ(test::write_and_wait(*store_, close).status, WriteStatus::ok);
    set_now(noon(*order.next_due));
    StandingOrderScheduler scheduler(*store_, *store_, *store_, clock_);
    EXPECT_EQ(scheduler.run_pass().skipped, 1U);
    const auto read =
        store_->find_occurrence(payer_.user_id, order.standing_order_id, *order.next_due);
    EXPECT_EQ(read->detail, "The payee's account is closed.");
}

INSTANTIATE_TEST_SUITE_P(Engines, StandingOrderStoreTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
