#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>

#include "core/time_zone.hpp"
#include "service/admin_service.hpp"
#include "service/analytics_figures.hpp"
#include "web/view_renderer.hpp"

namespace bank {

// The view data of the analytics figures: table rows for Mustache and the data of each
// chart as JSON for a <script type="application/json"> block, which the browser never runs
// (the Content-Security-Policy allows no inline script) and /static/js/charts.js draws.

// "Groceries"; "Uncategorised" for the empty category.
std::string category_label(std::string_view category);
// 1234 -> "12.34%", -50 -> "-0.50%".
std::string percent(std::int64_t basis_points);
// A chart's data, safe inside a <script> element: every '<' is escaped.
std::string chart_json(std::string_view type, const boost::json::array& labels,
                       const boost::json::array& datasets);
boost::json::object dataset(std::string_view label, const boost::json::array& values);

void add_spending_views(ViewData& view, const SpendingSummary& summary);
void add_balance_views(ViewData& view, const std::vector<BalancePoint>& series);
void add_detail_views(ViewData& view, const std::vector<DescriptionTotal>& payees,
                      const std::vector<Transaction>& largest,
                      const std::vector<UnusualTransaction>& unusual,
                      const std::vector<Account>& accounts, const TimeZone& zone);
// The bank-wide figures; the admin's own times (locked until, the largest transfers) in `zone`.
void add_admin_views(ViewData& view, const AdminOverview& overview, const TimeZone& zone);

}  // namespace bank
