#include "http/json_error.hpp"
#include "http/response.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;

awaitable<HttpResponse> home(RequestContext& context) {
    co_return redirect(context.identity ? "/dashboard" : "/login");
}

awaitable<HttpResponse> health(RequestContext&) {
    co_return json_response(HttpStatus::ok, R"({"status":"ok"})");
}

}  // namespace

void add_web_routes(Router& router, WebContext& web) {
    router.bind(HttpVerb::get, "/", home);
    // Answers without touching the store, so a load balancer sees the process alive even
    // while the database is unreachable.
    router.bind(HttpVerb::get, "/healthz", health);
    add_auth_pages(router, web);
    add_session_pages(router, web);
    add_admin_access_pages(router, web);
    add_account_pages(router, web);
    add_money_pages(router, web);
    add_bulk_payment_pages(router, web);
    add_history_pages(router, web);
    add_analytics_pages(router, web);
    add_category_pages(router, web);
    add_standing_order_pages(router, web);
    add_second_factor_pages(router, web);
    add_password_reset_pages(router, web);
    add_bank_operation_pages(router, web);
    add_interest_pages(router, web);
    add_passkey_pages(router, web);
    add_budget_pages(router, web);
    add_goal_pages(router, web);
    add_webhook_pages(router, web);
    add_notification_pages(router, web);
    add_recurring_decision_pages(router, web);
}

ErrorRenderer make_error_renderer(const ViewRenderer& views) {
    return [&views](const RequestContext& context, HttpStatus status, std::string_view message) {
        if (is_api_path(context.request.target())) {
            return json_error(status, error_code_for(status), message);
        }
        ViewData view = base_view(context, "Error", "");
        view.set("message", std::string(message));
        view.set("status", std::to_string(static_cast<int>(status)));
        return html_response(status, views.render_page("error", std::move(view)));
    };
}

}  // namespace bank
