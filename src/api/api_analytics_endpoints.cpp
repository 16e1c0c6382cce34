#include "api/analytics_json.hpp"
#include "api/api_routes.hpp"
#include "api/forecast_json.hpp"
#include "api/json_views.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

using Figure = json::object (*)(const AnalyticsService&, const AnalyticsScope&);

// Every analytics endpoint takes period, from, to and account_id, and answers the period it
// resolved beside its figures.
awaitable<HttpResponse> analytics_figure(ApiContext& api, RequestContext& context, Figure figure) {
    const AnalyticsService& analytics = api.services.analytics;
    const PeriodChoice choice{context.query.get("period"), context.query.get("from"),
                              context.query.get("to")};
    // The figures' days and months are the person's (their time zone); instants stay UTC.
    const User& user = context.identity->user;
    auto scope = analytics.scope(user.user_id, context.query.get("account_id"), choice,
                                 TimeZone::named_or_utc(user.time_zone));
    if (!scope) co_return json_refusal(scope.error());
    json::object body = figure(analytics, *scope);
    body["period"] = period_json(*scope);
    co_return json_ok(HttpStatus::ok, body);
}

json::object spending(const AnalyticsService& analytics, const AnalyticsScope& scope) {
    return spending_json(analytics.spending(scope));
}
json::object balance(const AnalyticsService& analytics, const AnalyticsScope& scope) {
    return balance_json(analytics.balance_over_time(scope));
}
json::object payees(const AnalyticsService& analytics, const AnalyticsScope& scope) {
    return payees_json(analytics.top_payees(scope));
}
json::object largest(const AnalyticsService& analytics, const AnalyticsScope& scope) {
    return postings_json(analytics.largest(scope));
}
json::object unusual(const AnalyticsService& analytics, const AnalyticsScope& scope) {
    return unusual_json(analytics.unusual(scope));
}

awaitable<HttpResponse> forecast(ApiContext& api, RequestContext& context) {
    const auto report = api.services.forecasts.forecast(
        context.identity->user, context.query.get("days"), context.query.get("account_id"),
        context.query.get("threshold"));
    if (!report) co_return json_refusal(report.error());
    co_return json_ok(HttpStatus::ok, forecast_json(*report));
}

awaitable<HttpResponse> admin_overview(ApiContext& api, RequestContext&) {
    co_return json_ok(HttpStatus::ok, admin_json(api.services.admin.overview()));
}

}  // namespace

void add_api_analytics_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    const auto route = [&](const char* path, Figure figure) {
        router.bind(V::get, path,
                    [&api, figure](RequestContext& c) { return analytics_figure(api, c, figure); });
    };
    route("/api/v1/analytics/summary", spending);
    route("/api/v1/analytics/balance", balance);
    route("/api/v1/analytics/top-payees", payees);
    route("/api/v1/analytics/largest", largest);
    route("/api/v1/analytics/unusual", unusual);
    router.bind(V::get, "/api/v1/analytics/forecast",
                [&api](RequestContext& c) { return forecast(api, c); });
    router.bind(V::get, "/api/v1/admin/overview",
                [&api](RequestContext& c) { return admin_overview(api, c); });
}

}  // namespace bank
