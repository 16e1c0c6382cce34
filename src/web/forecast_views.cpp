#include "web/forecast_views.hpp"

#include "ledger/standing_order.hpp"  // iso_date
#include "web/analytics_views.hpp"

namespace bank {

namespace {

namespace json = boost::json;
using kainjow::mustache::data;

ViewData day_options(int selected) {
    data list{data::type::list};
    for (const int days : {30, 60, 90}) {
        data option;
        option.set("value", std::to_string(days));
        option.set("selected", days == selected);
        list.push_back(option);
    }
    return list;
}

void add_accuracy_views(ViewData& view, const ForecastAccuracy& accuracy) {
    view.set("forecast_tested", accuracy.months > 0);
    view.set("forecast_tested_months", std::to_string(accuracy.months));
    if (accuracy.months == 0) return;
    view.set("forecast_error", accuracy.mean_absolute_error->display());
    view.set("forecast_flat_error", accuracy.flat_mean_absolute_error->display());
    view.set("forecast_repeat_error", accuracy.last_month_mean_absolute_error->display());
    view.set("forecast_inside_band", percent(*accuracy.inside_band_basis_points));
}

}  // namespace

void add_forecast_views(ViewData& view, const ForecastReport& report) {
    const CashFlowForecast& forecast = report.forecast;
    data rows{data::type::list};
    json::array labels, expected, low, high;
    for (const ForecastPoint& point : forecast.points) {
        data row;
        row.set("date", iso_date(point.date));
        row.set("balance", point.balance.display());
        row.set("low", point.low.display());
        row.set("high", point.high.display());
        row.set("negative", point.balance.is_negative());
        rows.push_back(row);
        labels.emplace_back(iso_date(point.date));
        expected.emplace_back(point.balance.to_string());
        low.emplace_back(point.low.to_string());
        high.emplace_back(point.high.to_string());
    }
    view.set("has_forecast", !forecast.points.empty());
    view.set("forecast_points", rows);
    view.set("forecast_chart", chart_json("line", labels,
                                          json::array{dataset("Expected balance", expected),
                                                      dataset("Low (10th percentile)", low),
                                                      dataset("High (90th percentile)", high)}));
    view.set("forecast_days", std::to_string(report.days));
    view.set("forecast_day_options", day_options(report.days));
    view.set("forecast_end",
             forecast.points.empty() ? std::string() : forecast.points.back().balance.display());
    view.set("forecast_end_date",
             forecast.points.empty() ? std::string() : iso_date(forecast.points.back().date));
    view.set("forecast_lowest_date", iso_date(forecast.lowest.date));
    view.set("forecast_lowest_balance", forecast.lowest.balance.display());
    view.set("forecast_below_zero", forecast.below_zero);
    view.set("forecast_below_threshold", forecast.below_threshold && !forecast.below_zero);
    view.set("forecast_threshold", report.threshold ? report.threshold->display() : std::string());
    view.set("forecast_threshold_value",
             report.threshold ? report.threshold->to_string() : std::string());
    view.set("forecast_truncated", report.history_truncated);
    add_accuracy_views(view, report.accuracy);
}

}  // namespace bank
