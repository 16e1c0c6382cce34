#pragma once

#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "web/web_context.hpp"

namespace bank {

// Each gives its pages' lines of the route table (http/route_table.cpp) their handlers.
void add_auth_pages(Router& router, WebContext& web);
// /profile's sessions and access tokens.
void add_session_pages(Router& router, WebContext& web);
// /admin's form to disable or enable a person.
void add_admin_access_pages(Router& router, WebContext& web);
void add_account_pages(Router& router, WebContext& web);
void add_money_pages(Router& router, WebContext& web);
// /transfers/batch: a bulk payment from a CSV (bulk_payment_pages.cpp).
void add_bulk_payment_pages(Router& router, WebContext& web);
void add_history_pages(Router& router, WebContext& web);
// /analytics and the admin pages.
void add_analytics_pages(Router& router, WebContext& web);
// /recurring (recurring_page.cpp), bound by add_analytics_pages.
boost::asio::awaitable<HttpResponse> recurring_page(WebContext& web, RequestContext& context);
void add_category_pages(Router& router, WebContext& web);
// /standing-orders: the list, the form, pause, resume, cancel and an order's occurrences.
void add_standing_order_pages(Router& router, WebContext& web);
// POST /recurring/decisions and /recurring/decisions/undo (recurring_page.cpp).
void add_recurring_decision_pages(Router& router, WebContext& web);
// /budgets: progress, the form, editing and deleting (budget_pages.cpp).
void add_budget_pages(Router& router, WebContext& web);
// /goals: savings goals, their forms and automatic transfers (goal_pages.cpp).
void add_goal_pages(Router& router, WebContext& web);
// /webhooks: endpoints, their latest deliveries, add, test, delete (webhook_pages.cpp).
void add_webhook_pages(Router& router, WebContext& web);
// /notifications and /alerts: notifications, mark read, alert rules (notification_pages.cpp).
void add_notification_pages(Router& router, WebContext& web);
// /profile/security and /login/second-factor.
void add_second_factor_pages(Router& router, WebContext& web);
// /password-reset and /password-reset/confirm ("Forgot your password?").
void add_password_reset_pages(Router& router, WebContext& web);
// The code page a sign-in with a second factor shows after the password.
HttpResponse second_factor_page(WebContext& web, const RequestContext& context,
                                const SignInChallenge& challenge);

// Passkeys: removal on /profile/security and the passwordless POST /login/passkey.
void add_passkey_pages(Router& router, WebContext& web);
// What the pages show of passkeys: "Sign in with a passkey" on /login, the list on
// /profile/security, "Use a passkey" on the code page; and the answer of that page.
void add_passkey_sign_in(WebContext& web, ViewData& view);
void add_passkey_section(WebContext& web, const RequestContext& context, ViewData& view);
void add_passkey_answer(WebContext& web, const SignInChallenge& challenge, ViewData& view);
boost::asio::awaitable<HttpResponse> passkey_second_factor_submit(WebContext& web,
                                                                  RequestContext& context);

// /admin's bank operations with four eyes: the proposals list and the forms that propose and
// decide (web/bank_operation_pages.cpp).
void add_bank_operation_pages(Router& router, WebContext& web);
void add_proposal_views(WebContext& web, const RequestContext& context, ViewData& view);
// /admin's interest form: the savings rate and its periods (POST /admin/interest-rates).
void add_interest_pages(Router& router, WebContext& web);
void add_interest_views(WebContext& web, const RequestContext& context, ViewData& view);

// All of the above plus /, /healthz.
void add_web_routes(Router& router, WebContext& web);

// Error pages for the pipeline: HTML, or JSON under /api/.
ErrorRenderer make_error_renderer(const ViewRenderer& views);

}  // namespace bank
