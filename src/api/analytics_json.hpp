#pragma once

#include <vector>

#include <boost/json/object.hpp>

#include "service/admin_service.hpp"
#include "service/analytics_figures.hpp"
#include "service/analytics_service.hpp"

namespace bank {

// The JSON shapes of /api/v1/analytics/... and /api/v1/admin/overview (web/openapi.json
// describes each). Amounts are decimal strings, ratios integer basis points.
boost::json::object period_json(const AnalyticsScope& scope);
boost::json::object spending_json(const SpendingSummary& summary);
boost::json::object balance_json(const std::vector<BalancePoint>& series);
boost::json::object payees_json(const std::vector<DescriptionTotal>& payees);
boost::json::object postings_json(const std::vector<Transaction>& rows);
boost::json::object unusual_json(const std::vector<UnusualTransaction>& rows);
boost::json::object admin_json(const AdminOverview& overview);

}  // namespace bank
