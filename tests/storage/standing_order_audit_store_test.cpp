// Every standing-order outcome is audited in its own write (issue 14), on each engine: an
// outcome and its event are stored together, each event once though the same write is
// replayed (as after a crash that lost its answer); an outcome refused writes no event; the
// outcomes decided at the claim and by a cancellation carry theirs too; a scheduler whose
// process dies right after writing a round's outcomes leaves their events stored; and
// `bank verify` finds every outcome's event.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "ledger/standing_order_audit_verifier.hpp"
#include "ledger/standing_order_commands.hpp"
#include "ledger/standing_order_plans.hpp"
#include "service/standing_order_scheduler.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"
#include "support/engine_store_test.hpp"
#include "support/standing_order_store_test_base.hpp"
#include "support/store_helpers.hpp"
#include "support/utc_noon.hpp"

namespace bank {
namespace {

using namespace std::chrono;

using test::noon;

// A store whose process "dies" right after it wrote a round's outcomes: the write is made,
// then the scheduler's call throws, and nothing it does afterwards reaches the store (see
// DeadAfterwardsWriter).
class DyingStore : public StandingOrderStore {
public:
    explicit DyingStore(StandingOrderStore& store) : store_(store) {}

    std::atomic<bool> dead{false};

    std::vector<StandingOrder> list_standing_orders(std::string_view user) override {
        return store_.list_standing_orders(user);
    }
    std::optional<StandingOrder> find_standing_order(std::string_view user,
                                                     std::string_view order) override {
        return store_.find_standing_order(user, order);
    }
    bool add_standing_order(const StandingOrder& order) override {
        return store_.add_standing_order(order);
    }
    bool save_standing_order(const StandingOrder& next) override {
        return store_.save_standing_order(next);
    }
    std::vector<StandingOrder> due_standing_orders(Date through, std::size_t limit) override {
        return store_.due_standing_orders(through, limit);
    }
    std::vector<Occurrence> list_occurrences(std::string_view user, std::string_view order,
                                             std::size_t limit) override {
        return store_.list_occurrences(user, order, limit);
    }
    std::optional<Occurrence> find_occurrence(std::string_view user, std::string_view order,
                                              Date due) override {
        return store_.find_occurrence(user, order, due);
    }
    bool save_occurrence(const Occurrence& next) override { return store_.save_occurrence(next); }
    std::vector<std::optional<Occurrence>> find_occurrences(
        const std::vector<OccurrenceId>& ids) override {
        return store_.find_occurrences(ids);
    }
    std::vector<bool> save_occurrences(const std::vector<Occurrence>& next) override {
        return store_.save_occurrences(next);
    }
    std::vector<OccurrenceFinished> finish_occurrences(
        const std::vector<OccurrenceFinish>& finishes) override {
        store_.finish_occurrences(finishes);
        dead = true;
        throw std::runtime_error("the process died right after writing the outcomes");
    }

private:
    StandingOrderStore& store_;
};

// The ledger writer of that process: once it is dead, nothing more is stored (the events the
// scheduler used to hand the writer after the outcomes were lost here).
class DeadAfterwardsWriter : public LedgerWriter {
public:
    DeadAfterwardsWriter(LedgerWriter& writer, const std::atomic<bool>& dead)
        : writer_(writer), dead_(dead) {}

    void submit(WriteCommand command, Completion done) override {
        if (dead_) {
            WriteResult lost;
            lost.status = WriteStatus::unavailable;
            done(lost);
            return;
        }
        writer_.submit(std::move(command), std::move(done));
    }
    void shutdown() override {}
    bool reads_block() const override { return writer_.reads_block(); }
    std::optional<std::uint64_t> data_version(const std::vector<std::string>& ids) override {
        return writer_.data_version(ids);
    }

private:
    LedgerWriter& writer_;
    const std::atomic<bool>& dead_;
};

class StandingOrderAuditStoreTest : public test::StandingOrderStoreTestBase {
protected:
    StandingOrderAuditStoreTest()
        : StandingOrderStoreTestBase("standing_order_audits", noon(2027y / June / 10d)) {}

    StandingOrder add_order() {
        return StandingOrderStoreTestBase::add_order("FREQ=DAILY;COUNT=1", Money::from_cents(1),
                                                     std::nullopt, "Pocket money", "transfers");
    }

    Occurrence claimed(const StandingOrder& order) {
        const auto plan = plan_occurrence_claim(std::nullopt, order, *order.next_due, clock_.now());
        EXPECT_EQ(plan.decision, ClaimDecision::post);
        EXPECT_EQ(store_->save_occurrences({plan.next}), std::vector<bool>{true});
        return plan.next;
    }

    // How often the payer's log holds the event of this id.
    int stored(const std::string& event_id) {
        int count = 0;
        for (const auto& event : store_->list_audit_events(payer_.user_id, 1000)) {
            if (event.event_id == event_id) ++count;
        }
        return count;
    }

    bool verified() {
        const auto report = verify_occurrence_audits(*store_, *store_, *store_, clock_.now());
        for (const auto& problem : report.problems) ADD_FAILURE() << problem;
        return report.ok;
    }
};

TEST_P(StandingOrderAuditStoreTest,
       OutcomesAndEventsAreStoredTogetherOnceThoughTheWriteIsReplayed) {
    const StandingOrder paid = add_order();
    const StandingOrder short_of_funds = add_order();
    const StandingOrder closed_payee = add_order();
    const Occurrence paid_claim = claimed(paid);
    const Occurrence short_claim = claimed(short_of_funds);
    const Occurrence closed_claim = claimed(closed_payee);
    clock_.advance(seconds(5));
    const Timestamp now = clock_.now();
    std::vector<OccurrenceFinish> finishes{
        {plan_occurrence_outcome(paid_claim, WriteStatus::ok, "tx-1", now),
         plan_order_advance(paid, *paid.next_due, now)},
        {plan_occurrence_outcome(short_claim, WriteStatus::insufficient_funds, "", now),
         std::nullopt},
        {plan_occurrence_outcome(closed_claim, WriteStatus::counterparty_closed, "", now),
         plan_order_advance(closed_payee, *closed_payee.next_due, now)}};
    ASSERT_EQ(finishes[1].outcome->status, OccurrenceStatus::retrying);

    const auto saved = store_->finish_occurrences(finishes);
    for (const auto& finished : saved) EXPECT_TRUE(finished.outcome_saved);
    std::vector<std::string> ids;
    for (const auto& finish : finishes) ids.push_back(occurrence_event_id(*finish.outcome));
    for (const auto& id : ids) EXPECT_EQ(stored(id), 1) << id << " with its outcome";

    // The same write again, as a scheduler that lost the answer (or its process) sends it:
    // the outcomes are there already, so nothing is written and no event doubles.
    for (const auto& finished : store_->finish_occurrences(finishes)) {
        EXPECT_FALSE(finished.outcome_saved);
    }
    for (const auto& id : ids) EXPECT_EQ(stored(id), 1) << id << " once";
    EXPECT_TRUE(verified());
}

TEST_P(StandingOrderAuditStoreTest, AnEventStoredAlreadyIsNotDoubledByItsOutcome) {
    const StandingOrder order = add_order();
    const Occurrence claim = claimed(order);
    const Occurrence outcome =
        plan_occurrence_outcome(claim, WriteStatus::ok, "tx-1", clock_.now() + seconds(1));
    // The event alone, as if its outcome's write had been applied only in part.
    ASSERT_EQ(
        test::write_and_wait(*store_, AppendAuditEvent{*plan_occurrence_event(outcome), 0}).status,
        WriteStatus::ok);
    EXPECT_TRUE(store_->save_occurrence(outcome));
    EXPECT_EQ(
        store_->find_occurrence(payer_.user_id, order.standing_order_id, *order.next_due)->status,
        OccurrenceStatus::posted);
    EXPECT_EQ(stored(occurrence_event_id(outcome)), 1);
}

TEST_P(StandingOrderAuditStoreTest, AnOutcomeRefusedWritesNoEvent) {
    const StandingOrder order = add_order();
    const Occurrence claim = claimed(order);
    // Another server wrote the occurrence first (its claim ran out and it posted).
    const Occurrence theirs =
        plan_occurrence_outcome(claim, WriteStatus::ok, "tx-theirs", clock_.now() + seconds(1));
    ASSERT_TRUE(store_->save_occurrence(theirs));
    const Occurrence ours = plan_occurrence_outcome(claim, WriteStatus::insufficient_funds, "",
                                                    clock_.now() + seconds(2));
    const auto saved = store_->finish_occurrences({{ours, std::nullopt}});
    EXPECT_FALSE(saved.front().outcome_saved);
    EXPECT_EQ(stored(occurrence_event_id(ours)), 0) << "neither the outcome nor its event";
    EXPECT_EQ(stored(occurrence_event_id(theirs)), 1);
    EXPECT_TRUE(verified());
}

TEST_P(StandingOrderAuditStoreTest, OutcomesOfTheClaimAndOfACancellationCarryTheirEvents) {
    // Due 30 days ago and never tried: skipped at the claim ("missed").
    const StandingOrder missed = add_order();
    const Date long_ago = Date{sys_days(*missed.next_due) - days(30)};
    const auto plan = plan_occurrence_claim(std::nullopt, missed, long_ago, clock_.now());
    ASSERT_EQ(plan.decision, ClaimDecision::record);
    EXPECT_EQ(store_->save_occurrences({plan.next}), std::vector<bool>{true});
    EXPECT_EQ(stored(occurrence_event_id(plan.next)), 1);

    // A date retrying when its order is cancelled is closed skipped, with its event.
    const StandingOrder cancelled = add_order();
    const Occurrence retrying = plan_occurrence_outcome(
        claimed(cancelled), WriteStatus::insufficient_funds, "", clock_.now());
    ASSERT_TRUE(store_->save_occurrence(retrying));
    const auto closed = plan_occurrence_of_cancelled_order(retrying, clock_.now() + seconds(1));
    ASSERT_TRUE(closed.has_value());
    EXPECT_TRUE(store_->save_occurrence(*closed));
    EXPECT_EQ(stored(occurrence_event_id(retrying)), 1);
    EXPECT_EQ(stored(occurrence_event_id(*closed)), 1);
    EXPECT_TRUE(verified());
}

// A write that fails stores neither the outcome nor its event; on DynamoDB one applied whose
// answer was lost stores both, once, and sending the same write again adds nothing.
TEST_P(StandingOrderAuditStoreTest, AFailedWriteStoresNeitherTheOutcomeNorItsEvent) {
    const StandingOrder order = add_order();
    const Occurrence outcome =
        plan_occurrence_outcome(claimed(order), WriteStatus::ok, "tx-1", clock_.now() + seconds(1));
    const std::string event_id = occurrence_event_id(outcome);
    const auto status = [&] {
        return store_->find_occurrence(payer_.user_id, order.standing_order_id, *order.next_due)
            ->status;
    };
    auto* dynamodb = dynamic_cast<DynamoDbStore*>(store_.get());
    using Fault = DynamoDbClient::Fault;
    const auto fail_with = [&](Fault fault) {
        dynamodb->client().inject_fault([fault](std::string_view operation) {
            return operation == "TransactWriteItems" ? fault : Fault::none;
        });
    };
    const std::string database = directory_.file("bank.db");
    if (dynamodb != nullptr) {
        fail_with(Fault::refuse);
    } else {
        // The event's insert fails inside the outcome's transaction, as a full disk would.
        test::execute_sql(database,
                          "CREATE TRIGGER fail_events BEFORE INSERT ON audit_events "
                          "BEGIN SELECT RAISE(ABORT, 'the disk is full'); END");
    }
    EXPECT_ANY_THROW(store_->finish_occurrences({{outcome, std::nullopt}}));
    EXPECT_EQ(status(), OccurrenceStatus::claimed) << "no outcome";
    EXPECT_EQ(stored(event_id), 0) << "no event";

    if (dynamodb != nullptr) {
        fail_with(Fault::lose_answer);
        EXPECT_ANY_THROW(store_->save_occurrence(outcome));
        fail_with(Fault::none);
    } else {
        test::execute_sql(database, "DROP TRIGGER fail_events");
        EXPECT_TRUE(store_->save_occurrence(outcome));
    }
    EXPECT_EQ(status(), OccurrenceStatus::posted);
    EXPECT_EQ(stored(event_id), 1);
    EXPECT_FALSE(store_->save_occurrence(outcome)) << "the same write again";
    EXPECT_EQ(stored(event_id), 1);
}

// Before issue 14 the round's events waited in the scheduler's memory until the next
// postings (or the pass's end) and were lost with the process; now they are in the outcomes'
// own write.
TEST_P(StandingOrderAuditStoreTest, AProcessThatDiesRightAfterWritingTheOutcomesLeavesTheirEvents) {
    std::vector<StandingOrder> orders;
    for (int index = 0; index < 3; ++index) orders.push_back(add_order());
    DyingStore dying(*store_);
    DeadAfterwardsWriter writer(*store_, dying.dead);
    StandingOrderScheduler scheduler(dying, writer, *store_, clock_);
    EXPECT_THROW(scheduler.run_pass(), std::runtime_error);
    ASSERT_TRUE(dying.dead);
    for (const auto& order : orders) {
        const auto outcome =
            store_->find_occurrence(payer_.user_id, order.standing_order_id, *order.next_due);
        ASSERT_TRUE(outcome.has_value());
        EXPECT_EQ(outcome->status, OccurrenceStatus::posted);
        EXPECT_EQ(stored(occurrence_event_id(*outcome)), 1) << "stored with its outcome";
    }
    EXPECT_TRUE(verified());
}

INSTANTIATE_TEST_SUITE_P(Engines, StandingOrderAuditStoreTest,
                         ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
