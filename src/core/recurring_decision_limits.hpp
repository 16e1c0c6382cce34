#pragma once

#include <cstddef>

// The named limits of the decisions a person takes on recurring payments (kept beside
// core/limits.hpp).
namespace bank::limits {

// Decisions (confirmed or dismissed) one person may keep: far more than the bills and incomes
// of a household, and a bound on what /recurring and the forecast read for them.
inline constexpr std::size_t recurring_decisions_per_user_max = 500;

}  // namespace bank::limits
