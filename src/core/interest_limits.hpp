#pragma once

#include <cstddef>

// The named limits of interest on savings (kept beside core/limits.hpp).
namespace bank::limits {

// After downtime, at most this many past months of an account are posted in one pass (in
// order, once each); a savings account opened before interest existed starts that far back
// rather than posting a zero record for every month of its life.
inline constexpr int interest_catch_up_months_max = 12;
// Postings of one account read per page while its month's balances are derived.
inline constexpr std::size_t interest_rows_per_page = 500;
// Accounts one interest pass visits; the rest wait for the next pass.
inline constexpr std::size_t interest_accounts_per_pass_max = 1'000'000;
// Savings accounts whose month an interest pass plans together: their postings go to the
// writer before any is waited for (one group commit for many) and their month records are
// added in one store call (one SQLite commit), instead of two commits per account.
inline constexpr std::size_t interest_accounts_per_batch = 500;
// Rate periods a listing shows per account type, newest first.
inline constexpr std::size_t interest_rates_shown_max = 100;

}  // namespace bank::limits
