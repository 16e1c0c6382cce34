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

    // `stop_requested` is asked before each account: a server that is stopping leaves the
    // rest for its next start (every account's months are safe to repeat). The first pass of a
    // month writes a record per savings account, each a commit of its own: without it, 4,004
    // accounts kept a stopping server alive for over 30 s.
    InterestPass run_pass(const std::function<bool()>& stop_requested = [] { return false; });

private:
    // False when a month was refused: the account is tried again at the next pass.
    bool run_account(const Account& account, const std::vector<RatePeriod>& rates, Date today,
                     InterestPass& pass);
    InterestMonthState read_month(const Account& account, Month month);
    WriteResult write(WriteCommand command);

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
