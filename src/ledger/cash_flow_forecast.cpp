#include "ledger/cash_flow_forecast.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace bank {

namespace {

using std::chrono::sys_days;

// value * numerator / denominator truncated toward zero, without forming the product (a
// large sum times 90 days must not overflow): quotient and remainder share value's sign.
std::int64_t scaled(std::int64_t value, std::int64_t numerator, std::int64_t denominator) {
    return value / denominator * numerator + value % denominator * numerator / denominator;
}

// The variable money expected over `days` days at the history's average rate.
std::int64_t expected_over(std::int64_t history_total, std::size_t history_days,
                           std::int64_t days) {
    if (history_days == 0) return 0;
    return scaled(history_total, days, static_cast<std::int64_t>(history_days));
}

// The nearest-rank percentile of sorted values: an amount that really occurred.
std::int64_t percentile(const std::vector<std::int64_t>& sorted, int percent) {
    const std::size_t rank = (sorted.size() - 1) * static_cast<std::size_t>(percent) / 100;
    return sorted[rank];
}

struct Band {
    std::int64_t low = 0;
    std::int64_t high = 0;
};

// How far runs of `days` consecutive history days fell from the average rate: the low and
// high percentiles, each at most zero and at least zero so the band holds the expectation.
Band band_over(const std::vector<std::int64_t>& prefix, std::int64_t days) {
    const std::size_t history_days = prefix.size() - 1;
    if (history_days == 0) return {};
    const auto window = static_cast<std::size_t>(
        std::min<std::int64_t>(days, static_cast<std::int64_t>(history_days)));
    const std::int64_t total = prefix.back();
    const std::int64_t expected_window =
        expected_over(total, history_days, static_cast<std::int64_t>(window));
    std::vector<std::int64_t> deviations;
    deviations.reserve(history_days - window + 1);
    for (std::size_t start = 0; start + window <= history_days; ++start) {
        const std::int64_t deviation = prefix[start + window] - prefix[start] - expected_window;
        // A run shorter than the horizon stands for it in proportion.
        deviations.push_back(scaled(deviation, days, static_cast<std::int64_t>(window)));
    }
    std::sort(deviations.begin(), deviations.end());
    return Band{std::min<std::int64_t>(0, percentile(deviations, forecast_band_low_percent)),
                std::max<std::int64_t>(0, percentile(deviations, forecast_band_high_percent))};
}

}  // namespace

CashFlowForecast forecast_cash_flow(const ForecastInput& input) {
    std::vector<std::int64_t> prefix{0};
    prefix.reserve(input.variable_days.size() + 1);
    for (const Money day : input.variable_days) prefix.push_back(prefix.back() + day.cents());
    const std::size_t history_days = input.variable_days.size();

    std::vector<ForecastFlow> flows = input.flows;
    std::sort(flows.begin(), flows.end(), [](const ForecastFlow& left, const ForecastFlow& right) {
        return sys_days(left.date) < sys_days(right.date);
    });
    CashFlowForecast forecast;
    forecast.points.reserve(static_cast<std::size_t>(std::max(input.days, 0)));
    std::int64_t known = 0;
    std::size_t next_flow = 0;
    for (int day = 1; day <= input.days; ++day) {
        const Date date{sys_days(input.today) + std::chrono::days(day)};
        while (next_flow < flows.size() && sys_days(flows[next_flow].date) <= sys_days(date)) {
            known += flows[next_flow].amount.cents();
            ++next_flow;
        }
        const std::int64_t expected =
            input.balance.cents() + known + expected_over(prefix.back(), history_days, day);
        const Band band = band_over(prefix, day);
        forecast.points.push_back(ForecastPoint{date, Money::from_cents(expected),
                                                Money::from_cents(expected + band.low),
                                                Money::from_cents(expected + band.high)});
    }
    if (forecast.points.empty()) return forecast;
    forecast.lowest = *std::min_element(forecast.points.begin(), forecast.points.end(),
                                        [](const ForecastPoint& left, const ForecastPoint& right) {
                                            return left.balance < right.balance;
                                        });
    forecast.below_zero = forecast.lowest.balance.is_negative();
    forecast.below_threshold = input.threshold && forecast.lowest.balance < *input.threshold;
    return forecast;
}

}  // namespace bank
