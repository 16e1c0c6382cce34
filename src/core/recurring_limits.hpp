#pragma once

#include <chrono>
#include <cstddef>

namespace bank::limits {

// Recurring payments and income (/recurring, GET /api/v1/analytics/recurring) are detected
// from the newest postings of these days: enough for three yearly payments (two years and
// the slack), and at most this many of them, newest first (the page says when it stopped
// there). Bounded so that a person with a million postings is answered as fast as one with a
// thousand.
inline constexpr std::chrono::days recurring_history_days{800};
inline constexpr std::size_t recurring_history_rows_max = 20'000;

}  // namespace bank::limits
