#include "http/route_table.hpp"

namespace bank {

// Every POST and DELETE checks CSRF and nothing else does (a GET changes nothing); every
// /api/ route counts against the API limit and both sign-ins (password and second factor)
// and both steps of a password reset (asking for a link, using it) against the sign-in
// limit per address
// (tests/http/route_table_test.cpp holds the table to these rules).
namespace {

// The pages (HTML forms and links).
std::vector<RouteSpec> page_routes() {
    using V = HttpVerb;
    return {
        {V::get, "/", Access::anyone, Csrf::none, RateLimit::none},
        {V::get, "/healthz", Access::sessionless, Csrf::none, RateLimit::none},
        {V::get, "/register", Access::guest, Csrf::none, RateLimit::none},
        {V::post, "/register", Access::guest, Csrf::checked, RateLimit::none},
        {V::get, "/login", Access::guest, Csrf::none, RateLimit::none},
        {V::post, "/login", Access::guest, Csrf::checked, RateLimit::sign_in},
        {V::post, "/logout", Access::anyone, Csrf::checked, RateLimit::none},
        {V::get, "/logout", Access::anyone, Csrf::none, RateLimit::none},
        {V::get, "/profile", Access::signed_in, Csrf::none, RateLimit::none},
        {V::post, "/profile", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/profile/sessions/end", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/profile/sessions/revoke-others", Access::signed_in, Csrf::checked,
         RateLimit::none},
        {V::post, "/profile/tokens", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/profile/tokens/revoke", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::get, "/dashboard", Access::signed_in, Csrf::none, RateLimit::none},
        {V::get, "/accounts", Access::signed_in, Csrf::none, RateLimit::none},
        {V::get, "/accounts/create", Access::signed_in, Csrf::none, RateLimit::none},
        {V::post, "/accounts/create", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/accounts/close", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::get, "/deposit", Access::signed_in, Csrf::none, RateLimit::none},
        {V::post, "/deposit", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::get, "/withdraw", Access::signed_in, Csrf::none, RateLimit::none},
        {V::post, "/withdraw", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::get, "/transfer", Access::signed_in, Csrf::none, RateLimit::none},
        {V::post, "/transfer", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::get, "/transactions", Access::signed_in, Csrf::none, RateLimit::none},
        {V::get, "/transactions.csv", Access::signed_in, Csrf::none, RateLimit::none},
        {V::get, "/transactions.xlsx", Access::signed_in, Csrf::none, RateLimit::none},
        {V::get, "/analytics", Access::signed_in, Csrf::none, RateLimit::none},
        {V::get, "/recurring", Access::signed_in, Csrf::none, RateLimit::none},
        {V::get, "/admin", Access::admin, Csrf::none, RateLimit::none},
        {V::get, "/categories", Access::signed_in, Csrf::none, RateLimit::none},
        {V::post, "/categories", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/categories/delete", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/transactions/category", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/login/second-factor", Access::guest, Csrf::checked, RateLimit::sign_in},
        {V::get, "/profile/security", Access::signed_in, Csrf::none, RateLimit::none},
        {V::get, "/profile/security/totp.svg", Access::signed_in, Csrf::none, RateLimit::none},
        {V::post, "/profile/security/totp", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/profile/security/totp/confirm", Access::signed_in, Csrf::checked,
         RateLimit::none},
        {V::post, "/profile/security/totp/remove", Access::signed_in, Csrf::checked,
         RateLimit::none},
        {V::post, "/profile/security/recovery-codes", Access::signed_in, Csrf::checked,
         RateLimit::none},
        {V::post, "/profile/security/step-up-threshold", Access::signed_in, Csrf::checked,
         RateLimit::none},
        {V::post, "/admin/users/access", Access::admin, Csrf::checked, RateLimit::none},
        {V::get, "/password-reset", Access::anyone, Csrf::none, RateLimit::none},
        {V::post, "/password-reset", Access::anyone, Csrf::checked, RateLimit::sign_in},
        {V::get, "/password-reset/confirm", Access::anyone, Csrf::none, RateLimit::none},
        {V::post, "/password-reset/confirm", Access::anyone, Csrf::checked, RateLimit::sign_in},
        {V::post, "/profile/time-zone", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/profile/security/passkeys/remove", Access::signed_in, Csrf::checked,
         RateLimit::none},
        {V::post, "/login/passkey", Access::guest, Csrf::checked, RateLimit::sign_in},
        {V::post, "/admin/proposals", Access::admin, Csrf::checked, RateLimit::none},
        {V::post, "/admin/proposals/decide", Access::admin, Csrf::checked, RateLimit::none},
        {V::get, "/transfers/batch", Access::signed_in, Csrf::none, RateLimit::none},
        {V::post, "/transfers/batch", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/admin/interest-rates", Access::admin, Csrf::checked, RateLimit::none},
    };
}

// The JSON API under /api/v1.
std::vector<RouteSpec> api_routes() {
    using V = HttpVerb;
    return {
        {V::post, "/api/v1/register", Access::anyone, Csrf::checked, RateLimit::api},
        {V::post, "/api/v1/login", Access::anyone, Csrf::checked, RateLimit::api_and_sign_in},
        {V::post, "/api/v1/logout", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::get, "/api/v1/me", Access::signed_in, Csrf::none, RateLimit::api},
        {V::get, "/api/v1/me/security-events", Access::signed_in, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/login/second-factor", Access::anyone, Csrf::checked,
         RateLimit::api_and_sign_in},
        {V::get, "/api/v1/me/totp", Access::signed_in, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/me/totp", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::delete_, "/api/v1/me/totp", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::post, "/api/v1/me/totp/confirm", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::post, "/api/v1/me/totp/recovery-codes", Access::signed_in, Csrf::checked,
         RateLimit::api},
        {V::post, "/api/v1/me/step-up-threshold", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::get, "/api/v1/accounts", Access::signed_in, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/accounts", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::get, "/api/v1/accounts/{account_id}", Access::signed_in, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/deposit", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::post, "/api/v1/withdraw", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::post, "/api/v1/transfer", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::get, "/api/v1/transactions", Access::signed_in, Csrf::none, RateLimit::api},
        {V::get, "/api/v1/transactions.csv", Access::signed_in, Csrf::none, RateLimit::api},
        {V::get, "/api/v1/transactions.xlsx", Access::signed_in, Csrf::none, RateLimit::api},
        {V::get, "/api/v1/analytics", Access::signed_in, Csrf::none, RateLimit::api},
        {V::get, "/api/v1/openapi.json", Access::anyone, Csrf::none, RateLimit::api},
        {V::get, "/api/v1/category-rules", Access::signed_in, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/category-rules", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::post, "/api/v1/category-rules/{rule_id}/delete", Access::signed_in, Csrf::checked,
         RateLimit::api},
        {V::post, "/api/v1/transactions/{transaction_id}/category", Access::signed_in,
         Csrf::checked, RateLimit::api},
        {V::get, "/api/v1/analytics/summary", Access::signed_in, Csrf::none, RateLimit::api},
        {V::get, "/api/v1/analytics/balance", Access::signed_in, Csrf::none, RateLimit::api},
        {V::get, "/api/v1/analytics/top-payees", Access::signed_in, Csrf::none, RateLimit::api},
        {V::get, "/api/v1/analytics/largest", Access::signed_in, Csrf::none, RateLimit::api},
        {V::get, "/api/v1/analytics/unusual", Access::signed_in, Csrf::none, RateLimit::api},
        {V::get, "/api/v1/analytics/recurring", Access::signed_in, Csrf::none, RateLimit::api},
        {V::get, "/api/v1/analytics/forecast", Access::signed_in, Csrf::none, RateLimit::api},
        {V::get, "/api/v1/admin/overview", Access::admin, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/admin/users/{user_id}/disable", Access::admin, Csrf::checked,
         RateLimit::api},
        {V::post, "/api/v1/admin/users/{user_id}/enable", Access::admin, Csrf::checked,
         RateLimit::api},
        {V::get, "/api/v1/me/sessions", Access::signed_in, Csrf::none, RateLimit::api},
        {V::delete_, "/api/v1/me/sessions/{session_id}", Access::signed_in, Csrf::checked,
         RateLimit::api},
        {V::post, "/api/v1/me/sessions/revoke-others", Access::signed_in, Csrf::checked,
         RateLimit::api},
        {V::get, "/api/v1/me/tokens", Access::signed_in, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/me/tokens", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::delete_, "/api/v1/me/tokens/{token_id}", Access::signed_in, Csrf::checked,
         RateLimit::api},
        {V::post, "/api/v1/password-reset", Access::anyone, Csrf::checked,
         RateLimit::api_and_sign_in},
        {V::post, "/api/v1/password-reset/confirm", Access::anyone, Csrf::checked,
         RateLimit::api_and_sign_in},
        {V::post, "/api/v1/me/time-zone", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::post, "/api/v1/transfers/batch", Access::signed_in, Csrf::checked, RateLimit::api},
    };
}

// Bank operations with four eyes: proposed by one administrator, decided by another; the
// interest rates administrators set; and the bank-wide change feed for warehouse loaders.
std::vector<RouteSpec> bank_operation_api_routes() {
    using V = HttpVerb;
    return {
        {V::post, "/api/v1/admin/accounts/{account_id}/freeze", Access::admin, Csrf::checked,
         RateLimit::api},
        {V::post, "/api/v1/admin/accounts/{account_id}/unfreeze", Access::admin, Csrf::checked,
         RateLimit::api},
        {V::post, "/api/v1/admin/transactions/{transaction_id}/reverse", Access::admin,
         Csrf::checked, RateLimit::api},
        {V::get, "/api/v1/admin/proposals", Access::admin, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/admin/proposals/{proposal_id}/approve", Access::admin, Csrf::checked,
         RateLimit::api},
        {V::post, "/api/v1/admin/proposals/{proposal_id}/reject", Access::admin, Csrf::checked,
         RateLimit::api},
        {V::get, "/api/v1/admin/interest-rates", Access::admin, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/admin/interest-rates", Access::admin, Csrf::checked, RateLimit::api},
        {V::get, "/api/v1/admin/changes", Access::admin, Csrf::none, RateLimit::api},
    };
}

// Passkeys: the person's own under /api/v1/me, and the passwordless sign-in.
std::vector<RouteSpec> passkey_api_routes() {
    using V = HttpVerb;
    return {
        {V::get, "/api/v1/me/passkeys", Access::signed_in, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/me/passkeys/options", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::post, "/api/v1/me/passkeys", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::delete_, "/api/v1/me/passkeys/{passkey_id}", Access::signed_in, Csrf::checked,
         RateLimit::api},
        {V::post, "/api/v1/login/passkey/options", Access::anyone, Csrf::checked,
         RateLimit::api_and_sign_in},
        {V::post, "/api/v1/login/passkey", Access::anyone, Csrf::checked,
         RateLimit::api_and_sign_in},
    };
}

// Standing orders: the API, then the page and its forms.
std::vector<RouteSpec> standing_order_routes() {
    using V = HttpVerb;
    return {
        {V::get, "/api/v1/standing-orders", Access::signed_in, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/standing-orders", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::get, "/api/v1/standing-orders/{standing_order_id}", Access::signed_in, Csrf::none,
         RateLimit::api},
        {V::patch, "/api/v1/standing-orders/{standing_order_id}", Access::signed_in, Csrf::checked,
         RateLimit::api},
        {V::delete_, "/api/v1/standing-orders/{standing_order_id}", Access::signed_in,
         Csrf::checked, RateLimit::api},
        {V::get, "/api/v1/standing-orders/{standing_order_id}/occurrences", Access::signed_in,
         Csrf::none, RateLimit::api},
        {V::get, "/standing-orders", Access::signed_in, Csrf::none, RateLimit::none},
        {V::post, "/standing-orders", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::get, "/standing-orders/{standing_order_id}", Access::signed_in, Csrf::none,
         RateLimit::none},
        {V::post, "/standing-orders/{standing_order_id}/status", Access::signed_in, Csrf::checked,
         RateLimit::none},
        {V::post, "/standing-orders/{standing_order_id}/cancel", Access::signed_in, Csrf::checked,
         RateLimit::none},
    };
}

// Budgets: the API, then the page and its forms.
std::vector<RouteSpec> budget_routes() {
    using V = HttpVerb;
    return {
        {V::get, "/api/v1/budgets", Access::signed_in, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/budgets", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::patch, "/api/v1/budgets/{budget_id}", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::delete_, "/api/v1/budgets/{budget_id}", Access::signed_in, Csrf::checked,
         RateLimit::api},
        {V::get, "/budgets", Access::signed_in, Csrf::none, RateLimit::none},
        {V::post, "/budgets", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/budgets/{budget_id}/edit", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/budgets/{budget_id}/delete", Access::signed_in, Csrf::checked, RateLimit::none},
    };
}

// Decisions on recurring payments: the API, then the page's forms.
std::vector<RouteSpec> recurring_decision_routes() {
    using V = HttpVerb;
    return {
        {V::post, "/api/v1/analytics/recurring/decisions", Access::signed_in, Csrf::checked,
         RateLimit::api},
        {V::delete_, "/api/v1/analytics/recurring/decisions", Access::signed_in, Csrf::checked,
         RateLimit::api},
        {V::post, "/recurring/decisions", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/recurring/decisions/undo", Access::signed_in, Csrf::checked, RateLimit::none},
    };
}

// Savings goals: the API, then the page and its forms.
std::vector<RouteSpec> goal_routes() {
    using V = HttpVerb;
    return {
        {V::get, "/api/v1/goals", Access::signed_in, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/goals", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::get, "/api/v1/goals/{goal_id}", Access::signed_in, Csrf::none, RateLimit::api},
        {V::patch, "/api/v1/goals/{goal_id}", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::delete_, "/api/v1/goals/{goal_id}", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::get, "/goals", Access::signed_in, Csrf::none, RateLimit::none},
        {V::post, "/goals", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/goals/{goal_id}/edit", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/goals/{goal_id}/delete", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/goals/{goal_id}/transfer", Access::signed_in, Csrf::checked, RateLimit::none},
    };
}

// Webhooks: a person's endpoints, their test deliveries and delivery logs; then the page.
std::vector<RouteSpec> webhook_routes() {
    using V = HttpVerb;
    return {
        {V::get, "/api/v1/webhooks", Access::signed_in, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/webhooks", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::delete_, "/api/v1/webhooks/{endpoint_id}", Access::signed_in, Csrf::checked,
         RateLimit::api},
        {V::post, "/api/v1/webhooks/{endpoint_id}/test", Access::signed_in, Csrf::checked,
         RateLimit::api},
        {V::post, "/api/v1/webhooks/{endpoint_id}/enable", Access::signed_in, Csrf::checked,
         RateLimit::api},
        {V::get, "/api/v1/webhooks/{endpoint_id}/deliveries", Access::signed_in, Csrf::none,
         RateLimit::api},
        {V::get, "/webhooks", Access::signed_in, Csrf::none, RateLimit::none},
        {V::post, "/webhooks", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/webhooks/{endpoint_id}/test", Access::signed_in, Csrf::checked,
         RateLimit::none},
        {V::post, "/webhooks/{endpoint_id}/enable", Access::signed_in, Csrf::checked,
         RateLimit::none},
        {V::post, "/webhooks/{endpoint_id}/delete", Access::signed_in, Csrf::checked,
         RateLimit::none},
    };
}

// Alerts and notifications: the API, then the pages and their forms.
std::vector<RouteSpec> alert_routes() {
    using V = HttpVerb;
    return {
        {V::get, "/api/v1/alerts", Access::signed_in, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/alerts", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::delete_, "/api/v1/alerts/{rule_id}", Access::signed_in, Csrf::checked, RateLimit::api},
        {V::get, "/api/v1/notifications", Access::signed_in, Csrf::none, RateLimit::api},
        {V::post, "/api/v1/notifications/read-all", Access::signed_in, Csrf::checked,
         RateLimit::api},
        {V::post, "/api/v1/notifications/{notification_id}/read", Access::signed_in, Csrf::checked,
         RateLimit::api},
        {V::get, "/notifications", Access::signed_in, Csrf::none, RateLimit::none},
        {V::post, "/notifications/read-all", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/notifications/{notification_id}/read", Access::signed_in, Csrf::checked,
         RateLimit::none},
        {V::get, "/alerts", Access::signed_in, Csrf::none, RateLimit::none},
        {V::post, "/alerts", Access::signed_in, Csrf::checked, RateLimit::none},
        {V::post, "/alerts/{rule_id}/delete", Access::signed_in, Csrf::checked, RateLimit::none},
    };
}

}  // namespace

const std::vector<RouteSpec>& route_table() {
    // Each feature's routes in a function of its own, so a new feature adds one name here.
    static const std::vector<RouteSpec> table = [] {
        std::vector<RouteSpec> routes;
        for (auto* part : {page_routes, api_routes, bank_operation_api_routes, passkey_api_routes,
                           standing_order_routes, budget_routes, recurring_decision_routes,
                           goal_routes, webhook_routes, alert_routes}) {
            std::vector<RouteSpec> more = part();
            routes.insert(routes.end(), more.begin(), more.end());
        }
        return routes;
    }();
    return table;
}

}  // namespace bank
