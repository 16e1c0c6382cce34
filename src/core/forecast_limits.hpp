#pragma once

#include <chrono>
#include <cstddef>

namespace bank::limits {

// The cash-flow forecast (GET /api/v1/analytics/forecast) reads the newest postings of these
// days: six back-tested months (up to seven months back, since a month's 30 days must have
// passed), the 90 learning days before the oldest, and three months more so that a monthly
// series is already known then. At most this many rows, newest first, so a person with a
// million postings is answered as fast as one with a thousand.
inline constexpr std::chrono::days forecast_history_days{430};
inline constexpr std::size_t forecast_history_rows_max = 20'000;
// Read in pages this large: one indexed range per page rather than one per 100 rows.
inline constexpr std::size_t forecast_history_page_rows = 2'000;

// Forecasts and recurring reports kept for a repeated request (service/person_report_cache.hpp),
// each of these caches at most this many (a report is a few kilobytes).
inline constexpr std::size_t report_cache_entries_max = 2'000;

// The history windows kept so that the first report after a new posting reads only the newer
// postings (service/history_window_cache.hpp): at most this many bytes for each of the
// forecast's and the recurring payments' (a window of 20,000 rows is about 1 MB).
inline constexpr std::size_t history_window_bytes_max = std::size_t{32} << 20;

// What a person may ask for.
inline constexpr int forecast_days_default = 30;

}  // namespace bank::limits
