#pragma once

#include <chrono>
#include <sstream>
#include <string>

#include "service/analytics_service.hpp"
#include "service/forecast_service.hpp"

// Every figure of a recurring report or a forecast as text, so a test can compare what two
// services answered (one keeping reports or history windows, one keeping nothing) in one
// EXPECT_EQ that shows the first difference.
namespace bank::test {

inline std::string day_text(Date date) {
    return std::to_string(std::chrono::sys_days(date).time_since_epoch().count());
}

inline std::string text_of(const RecurringReport& report) {
    std::ostringstream out;
    out << day_text(report.today) << ' ' << report.history_truncated << '\n';
    for (const RecurringSeries& series : report.series) {
        out << series.description << ' ' << series.outgoing << ' ' << to_string(series.interval)
            << ' ' << series.usual_amount.to_string() << ' ' << series.last_amount.to_string()
            << ' ' << day_text(series.first_date) << ' ' << day_text(series.last_date) << ' '
            << day_text(series.next_date) << ' ' << series.next_amount.to_string() << ' '
            << series.price_changed << ' ' << series.occurrences << '\n';
    }
    return out.str();
}

inline std::string text_of(const ForecastReport& report) {
    std::ostringstream out;
    out << day_text(report.today) << ' ' << report.days << ' ' << report.history_truncated << ' '
        << report.forecast.below_zero << report.forecast.below_threshold << ' '
        << report.accuracy.months << ' '
        << report.accuracy.mean_absolute_error.value_or(Money()).to_string() << '\n';
    for (const ForecastPoint& point : report.forecast.points) {
        out << day_text(point.date) << ' ' << point.balance.to_string() << ' '
            << point.low.to_string() << ' ' << point.high.to_string() << '\n';
    }
    return out.str();
}

}  // namespace bank::test
