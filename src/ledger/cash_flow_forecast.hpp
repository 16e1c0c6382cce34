#pragma once

#include <optional>
#include <vector>

#include "core/money.hpp"
#include "ledger/recurrence_rule.hpp"

namespace bank {

// A dated amount the forecast knows of: a standing order's or scheduled payment's date (exact),
// or a recurring payment's or income's expected one. Signed: negative when money leaves.
struct ForecastFlow {
    Date date;
    Money amount;
};

// Everything the projection needs, as plain values (the service reads them, see
// service/forecast_service.hpp).
struct ForecastInput {
    Date today;
    Money balance;  // now: the projection starts from it
    int days = 30;  // points for today + 1 ... today + days
    // Flows dated on or before `today` are due but not posted yet: they count on the first day.
    std::vector<ForecastFlow> flows;
    // The person's variable money (everything not counted as recurring or ordered), net per
    // day, for the full days before `today`, oldest first. Empty: no history at all.
    std::vector<Money> variable_days;
    std::optional<Money> threshold;  // warn below it; zero is always warned below
};

struct ForecastPoint {
    Date date;
    Money balance;  // expected
    Money low;      // the 10th percentile of what the past days deviated by
    Money high;     // the 90th
};

struct CashFlowForecast {
    std::vector<ForecastPoint> points;  // one a day, oldest first
    ForecastPoint lowest;               // the first point with the lowest expected balance
    bool below_zero = false;            // some expected balance is negative
    bool below_threshold = false;       // some expected balance is under the threshold
};

// Band percentiles, named so that tests and docs say the same.
inline constexpr int forecast_band_low_percent = 10;
inline constexpr int forecast_band_high_percent = 90;

// The expected balance of each day: today's balance, plus the flows up to that day, plus the
// variable money at its past average rate (the sum of the history times the days ahead over
// the days of history, truncated to the cent, so no rounding accumulates). The band around
// day k: over every run of k consecutive history days (of all of them when the history is
// shorter, scaled to k), how far its sum fell from the average rate; the 10th and 90th
// percentiles of those deviations by sorting integers (nearest rank), widened to include the
// expected balance. No history: no variable money and no band. Integer cents only; pure.
CashFlowForecast forecast_cash_flow(const ForecastInput& input);

}  // namespace bank
