#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/interest_rate_store.hpp"
#include "ledger/verification_scans.hpp"

namespace bank {

// What `bank verify` found about interest on a whole store.
struct InterestVerifyReport {
    bool ok = true;
    std::int64_t months = 0;    // month records recomputed
    std::int64_t postings = 0;  // interest postings found
    std::vector<std::string> problems;
};

// Recomputes every month record of every savings account from the account's postings (the
// end-of-day balances) and the stored rate periods, with the fraction carried by the record
// before it, exactly as the poster does (plan_month_interest), and reports any difference:
// - a record whose interest or carried fraction differs from the recomputation;
// - a month that earned cents without exactly one interest posting of that amount under its
//   key, or earned none and has one;
// - an interest posting (a key `interest:...`) without a record of its month.
// Holds every savings account's postings in memory while it checks them.
InterestVerifyReport verify_interest(VerificationScans& scans, InterestRateStore& interest);

}  // namespace bank
