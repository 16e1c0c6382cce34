#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "ledger/verification_scans.hpp"

namespace bank {

// What `bank verify` found on a whole store.
struct VerifyReport {
    bool ok = true;
    std::int64_t accounts = 0;
    std::int64_t transactions = 0;
    std::int64_t transfers = 0;
    std::int64_t rollups = 0;
    std::int64_t payee_rollups = 0;
    Money total_balance;
    Money total_deposits;
    Money total_withdrawals;
    std::vector<std::string>
        problems;  // one human-readable line each, naming the account or transfer
};

// Checks the ledger's invariants by streaming every account, transaction and rollup:
// - every balance equals the sum of its postings (credits minus debits) and is not negative;
// - each row's balance_after is its account's running balance in sequence order;
// - the sum of all balances equals deposits minus withdrawals;
// - every transfer has exactly two legs, one out and one in, of the same positive amount,
//   on different accounts whose numbers the legs name as each other's counterparty;
// - every amount is positive;
// - every rollup equals the sum and count of its account's postings of that month (UTC),
//   category and type, and every such group of postings has its rollup;
// - every payee rollup equals the sum and count of its account's outgoing postings of that
//   month and description, and every such group has its payee rollup.
// Meant for a quiet store: writes during the scan can show up as problems.
VerifyReport verify_ledger(VerificationScans& store);

}  // namespace bank
