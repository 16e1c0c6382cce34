#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "ledger/bank_reads.hpp"
#include "ledger/interest_plans.hpp"
#include "ledger/interest_rate_store.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/ledger_writer.hpp"

namespace bank {

// What one interest pass did, for the log and the tests.
struct InterestPass {
    std::size_t accounts = 0;  // savings accounts visited
    std::size_t posted = 0;    // months posted (a replay of an earlier posting included)
    std::size_t nothing = 0;   // months that earned less than a cent: recorded, carried
    std::size_t refused = 0;   // postings the ledger refused (a frozen account): tried again
    std::size_t busy = 0;      // months another server recorded first
};

// Posts the interest of savings accounts once a month, on the first pass of a month (and
// after downtime, the months missed, in order): for each month of an account, the planner
// (plan_month_interest) accrues the end-of-day balances of the month at the rates then in
// force, the interest is posted through the writer as a deposit of category income whose
// idempotency key is `interest:<account id>:<YYYY-MM>`, and then the month's record is
// added (conditional: absent), keeping the fraction of a cent carried into the next month.
// A second server or a restart reads the record and does nothing; one that crashed between
// posting and record posts again with the same key and is answered `duplicate` with the
// original row (within limits::idempotency_window). Runs on the standing-order scheduler's
// thread, never an I/O thread.
class InterestPoster {
public:
    InterestPoster(InterestRateStore& interest, BankReads& bank, LedgerReads& ledger,
                   LedgerWriter& writer, const Clock& clock)
        : interest_(interest), bank_(bank), ledger_(ledger), writer_(writer), clock_(clock) {}

    // Accounts go in batches of limits::interest_accounts_per_batch: a month of each account
    // of a batch is planned, their postings are submitted together and their records added in
    // one store call, then the next month of those with more. `stop_requested` is asked
    // before each account joins a batch: a server that is stopping finishes the batch it has
    // and leaves the rest for its next start (every account's months are safe to repeat).
    InterestPass run_pass(const std::function<bool()>& stop_requested = [] { return false; });

private:
    // One account's months still to post in this pass, and the fraction carried into the
    // next of them.
    struct AccountMonths {
        Account account;
        std::vector<Month> months;
        std::size_t next = 0;
        std::int64_t carried_units = 0;
        bool refused = false;  // a month was refused or lost: the rest wait for the next pass
    };
    // One month of one account in a round: its plan and the record to add.
    struct PlannedMonth {
        AccountMonths* account = nullptr;
        InterestMonthPlan plan;
        InterestAccrualRecord record;
    };

    AccountMonths months_of(const Account& account, Date today);
    // False when a month of an account was refused: that account is tried again next pass.
    bool run_batch(std::vector<AccountMonths>& batch, const std::vector<RatePeriod>& rates,
                   InterestPass& pass);
    std::vector<PlannedMonth> plan_round(std::vector<AccountMonths>& batch,
                                         const std::vector<RatePeriod>& rates);
    void post_round(std::vector<PlannedMonth>& round, InterestPass& pass);
    void record_round(std::vector<PlannedMonth>& round, InterestPass& pass);
    InterestMonthState read_month(const Account& account, Month month);

    InterestRateStore& interest_;
    BankReads& bank_;
    LedgerReads& ledger_;
    LedgerWriter& writer_;
    const Clock& clock_;
    // The last month every savings account was recorded through, by this process: the
    // passes of the rest of the month read nothing.
    std::optional<Month> done_through_;
};

}  // namespace bank
