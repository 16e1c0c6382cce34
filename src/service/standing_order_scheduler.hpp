#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/standing_order_limits.hpp"
#include "ledger/alert_evaluation.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/ledger_writer.hpp"
#include "ledger/standing_order.hpp"
#include "ledger/standing_order_plans.hpp"
#include "ledger/standing_order_store.hpp"

namespace bank {

// Where a pass's time went, summed over its batches: the server logs it after every pass, so
// each run tells how much of the pass was the writer and how much the scheduler's own
// bookkeeping (docs/BENCHMARKS.md, issue 14).
struct SchedulerStepTimes {
    using Seconds = std::chrono::duration<double>;
    Seconds reads{};       // due orders, their occurrences, the people's category rules
    Seconds claims{};      // the claims' conditional writes
    Seconds writer{};      // submitting the postings and waiting for their answers
    Seconds outcomes{};    // the outcomes' writes, with the orders' next dates (one store call)
    Seconds next_dates{};  // reading again the orders whose next date another write changed
    // Raising the failed outcomes' alerts. Their audit events are no step of their own: the
    // store writes each in its outcome's write (issue 14), so their time is in `claims` and
    // `outcomes`.
    Seconds alerts{};
};

// What one pass did, for the log and the tests.
struct SchedulerPass {
    std::size_t orders = 0;    // due orders read
    std::size_t posted = 0;    // occurrences posted (a replay of an earlier posting included)
    std::size_t retrying = 0;  // short of funds (or the store was out): tried at the next pass
    std::size_t failed = 0;
    std::size_t skipped = 0;
    std::size_t busy = 0;  // left to another server's live claim, or lost a claim race
    SchedulerStepTimes steps;
};

// Runs the occurrences of standing orders that are due, in date order, each exactly once:
// claim it (a conditional write of the occurrence: only one server wins), post it through the
// writer with the occurrence's key as the idempotency key (a retry after a crash between claim
// and posting replays the posting instead of paying twice), record the outcome, then move the
// order to its next date. An occurrence short of funds stops its order for this pass (later
// dates wait behind it, so they still run in order). Every decision is a planner's
// (ledger/standing_order_plans.hpp); the clock is injected, so a test runs a year of
// schedules in a loop. Synchronous: called from the scheduler's thread, never an I/O thread.
//
// Orders run in batches (limits::standing_orders_per_batch): each step above is one batch call
// for the whole batch (one SQLite commit, or concurrent DynamoDB requests), and the batch's
// postings are submitted to the writer together, so it group-commits them. A batch goes round
// by round, one date of each of its orders per round, so an order's dates keep their order.
// The store writes each outcome's audit event in the outcome's own write (StandingOrderStore),
// so no event waits in the scheduler's memory for a later write.
class StandingOrderScheduler {
public:
    StandingOrderScheduler(StandingOrderStore& orders, LedgerWriter& writer, LedgerReads& ledger,
                           const Clock& clock)
        : orders_(orders), writer_(writer), ledger_(ledger), clock_(clock) {}

    // Raises standing_order_failed for every date recorded failed (AlertService::notify).
    void raise_alerts_with(std::function<void(const AlertEvent&)> notify) {
        alert_ = std::move(notify);
    }

    // Orders per batch: limits::standing_orders_per_batch, unless a test asks for a smaller
    // batch to cross batch boundaries with a few orders.
    void run_in_batches_of(std::size_t orders) { batch_size_ = std::max<std::size_t>(orders, 1); }

    // `stop_requested` is asked before each batch: a stopping server leaves the rest of the
    // due orders to its next start instead of running a pass of 100,000 orders to its end.
    SchedulerPass run_pass(const std::function<bool()>& stop_requested = [] { return false; });

private:
    // An order of the batch at one of its dates, once its claim is decided.
    struct Step {
        StandingOrder order;
        ClaimPlan claim;
        Occurrence outcome;
        bool outcome_pending = false;  // posted: `outcome` is still to be written
    };

    // Runs the batch's due occurrences up to today, round by round.
    void run_batch(std::vector<StandingOrder> orders, Date today, SchedulerPass& pass);
    // One date of each order; returns the orders that may have another date due.
    std::vector<StandingOrder> run_round(std::vector<StandingOrder> orders, Date today,
                                         SchedulerPass& pass);
    // Reads and claims each order's next date; returns the claims won, and adds the orders
    // whose date was done already to `finished`.
    std::vector<Step> claim(const std::vector<StandingOrder>& orders, SchedulerPass& pass,
                            std::vector<StandingOrder>& finished);
    // Posts the claimed steps together and decides their outcomes (in step.outcome).
    void post(std::vector<Step>& steps);
    Posting posting_of(const StandingOrder& order, const Occurrence& claimed);
    // Writes the round's outcomes and moves the orders past their finished dates (`finished`:
    // done at an earlier pass); returns each order as it now stands.
    std::vector<StandingOrder> finish(std::vector<Step>& steps,
                                      const std::vector<StandingOrder>& finished,
                                      SchedulerPass& pass);
    std::vector<StandingOrder> standing_after(std::vector<OccurrenceFinish>& finishes,
                                              const std::vector<OccurrenceFinished>& saved,
                                              const std::vector<const StandingOrder*>& read);
    void count(const Occurrence& outcome, SchedulerPass& pass);
    void close_if_cancelled(const StandingOrder& order, const Occurrence& outcome);
    void alert_if_failed(const Occurrence& outcome);

    StandingOrderStore& orders_;
    LedgerWriter& writer_;
    LedgerReads& ledger_;
    const Clock& clock_;
    std::function<void(const AlertEvent&)> alert_;
    std::size_t batch_size_ = limits::standing_orders_per_batch;
    // The running pass's step times (SchedulerPass::steps once it is over).
    SchedulerStepTimes steps_;
    // The category rules of the batch's people, read once per batch for the postings that
    // infer their category.
    std::unordered_map<std::string, std::vector<CategoryRule>> rules_;
};

}  // namespace bank
