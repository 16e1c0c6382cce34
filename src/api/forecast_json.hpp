#pragma once

#include <boost/json/object.hpp>

#include "service/forecast_service.hpp"

namespace bank {

// {as_of, days, account_id, threshold, points: [{date, balance, low, high}], lowest: {date,
// balance}, warnings: {below_zero, below_threshold}, accuracy: {...}, history_truncated}:
// GET /api/v1/analytics/forecast (tools/openapi_forecast.py describes it).
boost::json::object forecast_json(const ForecastReport& report);

}  // namespace bank
