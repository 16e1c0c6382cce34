#pragma once

#include <cstddef>
#include <optional>

#include "core/clock.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/ledger_writer.hpp"
#include "ledger/standing_order.hpp"
#include "ledger/standing_order_store.hpp"
#include "service/audit_log.hpp"

namespace bank {

// What one pass did, for the log and the tests.
struct SchedulerPass {
    std::size_t orders = 0;    // due orders read
    std::size_t posted = 0;    // occurrences posted (a replay of an earlier posting included)
    std::size_t retrying = 0;  // short of funds (or the store was out): tried at the next pass
    std::size_t failed = 0;
    std::size_t skipped = 0;
    std::size_t busy = 0;  // left to another server's live claim, or lost a claim race
};

// Runs the occurrences of standing orders that are due, in date order, each exactly once:
// claim it (a conditional write of the occurrence: only one server wins), post it through the
// writer with the occurrence's key as the idempotency key (a retry after a crash between claim
// and posting replays the posting instead of paying twice), record the outcome, then move the
// order to its next date. An occurrence short of funds stops its order for this pass (later
// dates wait behind it, so they still run in order). Every decision is a planner's
// (ledger/standing_order_plans.hpp); the clock is injected, so a test runs a year of
// schedules in a loop. Synchronous: called from the scheduler's thread, never an I/O thread.
class StandingOrderScheduler {
public:
    StandingOrderScheduler(StandingOrderStore& orders, LedgerWriter& writer, LedgerReads& ledger,
                           const Clock& clock)
        : orders_(orders), writer_(writer), ledger_(ledger), clock_(clock) {}
    // The same, recording every outcome in the order owner's audit log.
    StandingOrderScheduler(StandingOrderStore& orders, LedgerWriter& writer, LedgerReads& ledger,
                           IdentityReads& identities, const Clock& clock)
        : orders_(orders),
          writer_(writer),
          ledger_(ledger),
          clock_(clock),
          audit_log_(std::in_place, identities, writer, clock) {}

    SchedulerPass run_pass();

private:
    // Runs the order's due occurrences up to today; false when it stopped early.
    void run_order(StandingOrder order, Date today, SchedulerPass& pass);
    // Posts the claimed occurrence and records its outcome; returns the outcome.
    Occurrence post(const StandingOrder& order, const Occurrence& claimed);
    WriteResult write(WriteCommand command);
    void close_if_cancelled(const StandingOrder& order, const Occurrence& outcome);
    void audit(const Occurrence& outcome);

    StandingOrderStore& orders_;
    LedgerWriter& writer_;
    LedgerReads& ledger_;
    const Clock& clock_;
    std::optional<AuditLog> audit_log_;
};

}  // namespace bank
