#pragma once

#include <cstddef>
#include <functional>

#include "ledger/model.hpp"
#include "ledger/store_unavailable.hpp"

namespace bank {

// Bank-wide reads for the admin pages. Each is bounded: it visits at most `limit` items and
// returns true when it visited every one there was, false when it stopped at `limit` (the
// figures built from it then cover only what was read, and the page says so). Whole-store
// scans without a bound are VerificationScans', for `bank verify` alone. A read the backend
// cannot answer throws StoreUnavailable.
class BankReads {
public:
    virtual ~BankReads() = default;

    // Users, in order of registration where the engine keeps one (SQLite), in no particular
    // order otherwise (DynamoDB's Scan).
    virtual bool for_each_user(std::size_t limit,
                               const std::function<void(const User&)>& visit) = 0;
    // Accounts, oldest first where the engine keeps an order (SQLite).
    virtual bool for_each_bank_account(std::size_t limit,
                                       const std::function<void(const Account&)>& visit) = 0;
    // Rollups of every account, month, category and type, in the engine's key order.
    virtual bool for_each_bank_rollup(std::size_t limit,
                                      const std::function<void(const Rollup&)>& visit) = 0;
    // Postings dated in [from, to), both legs of a transfer. SQLite reads them newest first
    // through its (timestamp) index, so a cut leaves out the oldest; DynamoDB has no index
    // by time across accounts, so it scans at most `limit` postings of any date and visits
    // those in [from, to).
    virtual bool for_each_posting_between(Timestamp from, Timestamp to, std::size_t limit,
                                          const std::function<void(const Transaction&)>& visit) = 0;
};

}  // namespace bank
