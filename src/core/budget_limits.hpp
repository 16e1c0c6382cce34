#pragma once

#include <cstddef>
#include <cstdint>

// The named limits of budgets (kept beside core/limits.hpp).
namespace bank::limits {

// Budgets one person may keep (every-month ones and one-month ones together): far more than
// the twelve categories need, and a bound on what one page of progress reads and shows.
inline constexpr std::size_t budgets_per_user_max = 100;
// How many months of rollover a budget's figures carry: the asked month and at most this
// many months before it (from the month the every-month budget was made). Bounded so that
// the progress of any month reads at most a year of rollups, however old the budget.
inline constexpr int budget_rollover_months_max = 12;
// The months a budget may name or a person may ask for: years 2000 to 2999 (a typo such as
// 20266-01 or 0026-01 is refused rather than stored).
inline constexpr int budget_year_min = 2000;
inline constexpr int budget_year_max = 2999;
// The largest amount one budget may set for a month: $100,000,000.00, so that a year of
// amounts and rollovers stays far inside the range of Money.
inline constexpr std::int64_t budget_amount_cents_max = 100'000'000'00;

}  // namespace bank::limits
