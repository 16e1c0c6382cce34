#pragma once

#include "service/forecast_service.hpp"
#include "web/view_renderer.hpp"

namespace bank {

// The view data of a cash-flow forecast (/analytics and the dashboard's card): a row per day
// for the table (the chart's accessible version), the chart's data (expected balance and the
// band), the lowest point, the warnings and the back-tested accuracy.
void add_forecast_views(ViewData& view, const ForecastReport& report);

}  // namespace bank
