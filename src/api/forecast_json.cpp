#include "api/forecast_json.hpp"

#include "ledger/standing_order.hpp"  // iso_date

namespace bank {

namespace {

namespace json = boost::json;

json::value optional_money(const std::optional<Money>& amount) {
    return amount ? json::value(amount->to_string()) : json::value(nullptr);
}

json::object accuracy_json(const ForecastAccuracy& accuracy) {
    json::object body{
        {"months", accuracy.months},
        {"days", forecast_backtest_days},
        {"mean_absolute_error", optional_money(accuracy.mean_absolute_error)},
        {"flat_mean_absolute_error", optional_money(accuracy.flat_mean_absolute_error)},
        {"last_month_mean_absolute_error",
         optional_money(accuracy.last_month_mean_absolute_error)}};
    body["inside_band_basis_points"] = accuracy.inside_band_basis_points
                                           ? json::value(*accuracy.inside_band_basis_points)
                                           : json::value(nullptr);
    return body;
}

}  // namespace

json::object forecast_json(const ForecastReport& report) {
    json::array points;
    for (const ForecastPoint& point : report.forecast.points) {
        points.push_back(json::object{{"date", iso_date(point.date)},
                                      {"balance", point.balance.to_string()},
                                      {"low", point.low.to_string()},
                                      {"high", point.high.to_string()}});
    }
    const ForecastPoint& lowest = report.forecast.lowest;
    json::object body{
        {"as_of", iso_date(report.today)},
        {"days", report.days},
        {"points", std::move(points)},
        {"lowest",
         json::object{{"date", iso_date(lowest.date)}, {"balance", lowest.balance.to_string()}}},
        {"warnings", json::object{{"below_zero", report.forecast.below_zero},
                                  {"below_threshold", report.forecast.below_threshold}}},
        {"accuracy", accuracy_json(report.accuracy)},
        {"history_truncated", report.history_truncated}};
    body["account_id"] =
        report.account_id.empty() ? json::value(nullptr) : json::value(report.account_id);
    body["threshold"] = optional_money(report.threshold);
    return body;
}

}  // namespace bank
