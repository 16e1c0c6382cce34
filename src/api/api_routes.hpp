#pragma once

#include <string>

#include "http/router.hpp"
#include "service/services.hpp"

namespace bank {

// What the JSON endpoints work with.
struct ApiContext {
    Services services;
    std::string openapi_document;  // served as /api/v1/openapi.json
};

// Every capability of the pages as JSON under /api/v1, calling the same services. Each gives
// its lines of the route table (http/route_table.cpp) their handlers.
void add_api_routes(Router& router, ApiContext& api);
void add_api_auth_routes(Router& router, ApiContext& api);
void add_api_ledger_routes(Router& router, ApiContext& api);
// /api/v1/analytics/... and /api/v1/admin/overview.
void add_api_analytics_routes(Router& router, ApiContext& api);
void add_api_category_routes(Router& router, ApiContext& api);
// /api/v1/me/totp..., /api/v1/me/step-up-threshold and /api/v1/login/second-factor.
void add_api_second_factor_routes(Router& router, ApiContext& api);
// /api/v1/me/sessions and /api/v1/me/tokens.
void add_api_session_routes(Router& router, ApiContext& api);
// /api/v1/admin/users/{user_id}/disable and /enable.
void add_api_admin_routes(Router& router, ApiContext& api);
// /api/v1/admin/accounts/{account_id}/freeze and /unfreeze, /api/v1/admin/transactions/
// {transaction_id}/reverse, /api/v1/admin/proposals... (four eyes).
void add_api_bank_operation_routes(Router& router, ApiContext& api);
// /api/v1/password-reset and /api/v1/password-reset/confirm.
void add_api_password_reset_routes(Router& router, ApiContext& api);
// /api/v1/me/passkeys..., /api/v1/login/passkey and /api/v1/login/passkey/options.
void add_api_passkey_routes(Router& router, ApiContext& api);
// /api/v1/standing-orders...
void add_api_standing_order_routes(Router& router, ApiContext& api);
// /api/v1/budgets...
void add_api_budget_routes(Router& router, ApiContext& api);
// /api/v1/goals... (savings goals).
void add_api_goal_routes(Router& router, ApiContext& api);
// /api/v1/alerts... and /api/v1/notifications... (api_alert_endpoints.cpp)
void add_api_alert_routes(Router& router, ApiContext& api);
// GET /api/v1/analytics/recurring and POST, DELETE /api/v1/analytics/recurring/decisions.
void add_api_recurring_routes(Router& router, ApiContext& api);
// /api/v1/webhooks... (a person's webhook endpoints, test deliveries, delivery logs).
void add_api_webhook_routes(Router& router, ApiContext& api);
// POST /api/v1/transfers/batch (bulk payments).
void add_api_bulk_routes(Router& router, ApiContext& api);
// GET and POST /api/v1/admin/interest-rates.
void add_api_interest_routes(Router& router, ApiContext& api);
// GET /api/v1/admin/changes (the change feed).
void add_api_change_feed_routes(Router& router, ApiContext& api);
// Whether a /api/v1/login/second-factor body answers with a passkey ({challenge_id,
// response}), and that answer.
bool is_passkey_answer(const HttpRequest& request);
boost::asio::awaitable<HttpResponse> answer_second_factor_with_passkey(ApiContext& api,
                                                                       RequestContext& context);

}  // namespace bank
