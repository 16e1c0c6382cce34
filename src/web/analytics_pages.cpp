#include "web/analytics_views.hpp"
#include "web/forecast_views.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
using kainjow::mustache::data;

PeriodChoice period_choice(const Fields& query) {
    return PeriodChoice{query.get("period"), query.get("from"), query.get("to")};
}

ViewData period_options(std::string_view selected) {
    data list{data::type::list};
    const std::pair<const char*, const char*> options[] = {{"month", "This month"},
                                                           {"3m", "Last 3 months"},
                                                           {"12m", "Last 12 months"},
                                                           {"custom", "Custom range"}};
    for (const auto& [value, name] : options) {
        data option;
        option.set("value", std::string(value));
        option.set("name", std::string(name));
        option.set("selected", selected == value);
        list.push_back(option);
    }
    return list;
}

ViewData analytics_form_view(const RequestContext& context, const std::vector<Account>& accounts) {
    ViewData view = base_view(context, "Analytics", "analytics");
    view.set("charts", true);
    view.set("account_filter",
             account_options(accounts, context.query.get("account_id"), false, page_zone(context)));
    view.set("value_from", date_input_value(context.query.get("from")));
    view.set("value_to", date_input_value(context.query.get("to")));
    return view;
}

awaitable<HttpResponse> analytics_page(WebContext& web, RequestContext& context) {
    const std::string& user_id = context.identity->user.user_id;
    const auto accounts = web.services.accounts.list(user_id);
    ViewData view = analytics_form_view(context, accounts);
    const AnalyticsService& analytics = web.services.analytics;
    auto scope = analytics.scope(user_id, context.query.get("account_id"),
                                 period_choice(context.query), page_zone(context));
    if (!scope) {
        view.set("periods", period_options(context.query.get("period")));
        add_form_error(view, scope.error());
        co_return render_page(web, context, status_of(scope.error().code), "analytics",
                              std::move(view));
    }
    view.set("periods", period_options(scope->period.key));
    view.set("has_figures", true);
    view.set("period_label", scope->period.label);
    view.set("period_from", scope->period.from_date);
    view.set("period_through", scope->period.through_date);
    view.set("period_ends_today", scope->period.ends_today);
    if (scope->period.key == "custom") {
        view.set("value_from", scope->period.from_date);
        view.set("value_to", scope->period.to_date);
    }
    add_spending_views(view, analytics.spending(*scope));
    add_balance_views(view, analytics.balance_over_time(*scope));
    add_detail_views(view, analytics.top_payees(*scope), analytics.largest(*scope),
                     analytics.unusual(*scope), accounts, page_zone(context));
    // The forecast of the same account (or all), with its own days and threshold.
    const auto forecast = web.services.forecasts.forecast(
        context.identity->user, context.query.get("days"), context.query.get("account_id"),
        context.query.get("threshold"));
    if (!forecast) {
        add_form_error(view, forecast.error());
        co_return render_page(web, context, status_of(forecast.error().code), "analytics",
                              std::move(view));
    }
    add_forecast_views(view, *forecast);
    co_return render_page(web, context, HttpStatus::ok, "analytics", std::move(view));
}

awaitable<HttpResponse> admin_page(WebContext& web, RequestContext& context) {
    ViewData view = base_view(context, "Bank overview", "admin");
    view.set("charts", true);
    add_admin_views(view, web.services.admin.overview(), page_zone(context));
    add_proposal_views(web, context, view);
    add_interest_views(web, context, view);
    co_return render_page(web, context, HttpStatus::ok, "admin", std::move(view));
}

}  // namespace

void add_analytics_pages(Router& router, WebContext& web) {
    using V = HttpVerb;
    router.bind(V::get, "/analytics", [&web](RequestContext& c) { return analytics_page(web, c); });
    router.bind(V::get, "/admin", [&web](RequestContext& c) { return admin_page(web, c); });
    router.bind(V::get, "/recurring", [&web](RequestContext& c) { return recurring_page(web, c); });
}

}  // namespace bank
