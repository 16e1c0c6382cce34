#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/bank_reads.hpp"
#include "ledger/verification_scans.hpp"

namespace bank {

// What `bank verify` found on the bank-wide figures.
struct BankFigureVerifyReport {
    bool ok = true;
    std::int64_t figures = 0;           // stored figures compared
    std::int64_t days = 0;              // days whose largest transfers were compared
    std::int64_t markers = 0;           // activity markers (person, month) compared
    std::vector<std::string> problems;  // one line each, naming the figure
};

// Recomputes every bank-wide figure from the people, accounts and postings (BankFigureTally)
// and compares it with the stored one, both ways (a figure missing, one that should not be
// there, a count or total that differs), and each day's largest transfers with the day's
// largest outgoing legs, and the activity markers (ledger/activity.hpp) with the (person,
// month) pairs the rows make, both ways. Meant for a quiet store, like verify_ledger.
BankFigureVerifyReport verify_bank_figures(VerificationScans& scans, BankReads& reads);

}  // namespace bank
