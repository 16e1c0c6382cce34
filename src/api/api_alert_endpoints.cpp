#include "api/api_routes.hpp"
#include "api/json_form.hpp"
#include "api/json_views.hpp"
#include "http/response.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

json::object rule_json(const AlertRule& rule) {
    return json::object{{"rule_id", rule.rule_id},
                        {"kind", to_string(rule.kind)},
                        {"threshold", rule.threshold ? json::value(rule.threshold->to_string())
                                                     : json::value(nullptr)},
                        {"email", rule.email},
                        {"created_at", format_rfc3339(rule.created_at)}};
}

json::object notification_json(const Notification& notification) {
    return json::object{{"notification_id", notification.notification_id},
                        {"kind", to_string(notification.kind)},
                        {"rule_id", notification.rule_id},
                        {"subject_id", notification.subject_id},
                        {"message", notification.message},
                        {"created_at", format_rfc3339(notification.created_at)},
                        {"read", notification.read}};
}

awaitable<HttpResponse> list_rules(ApiContext& api, RequestContext& context) {
    json::array rules;
    for (const AlertRule& rule : api.services.alerts.list_rules(context.user_id())) {
        rules.push_back(rule_json(rule));
    }
    co_return json_ok(HttpStatus::ok, json::object{{"rules", std::move(rules)}});
}

awaitable<HttpResponse> create_rule(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"kind", "threshold", "email"});
    if (!form.body) co_return std::move(*form.refusal);
    AlertRuleRequest request;
    request.user_id = context.user_id();
    auto kind = form.get("kind", true);
    auto threshold = form.get("threshold", false);
    if (form.refusal) co_return std::move(*form.refusal);
    if (const auto* email = form.body->if_contains("email")) {
        if (!email->is_bool()) {
            co_return json_refusal(
                make_error(ErrorCode::validation_failed, "email must be true or false.", "email"));
        }
        request.email = email->as_bool();
    }
    request.kind = std::move(*kind);
    request.threshold = std::move(*threshold);
    auto rule = api.services.alerts.create_rule(request);
    if (!rule) co_return json_refusal(rule.error());
    co_return json_ok(HttpStatus::created, rule_json(*rule));
}

awaitable<HttpResponse> delete_rule(ApiContext& api, RequestContext& context) {
    auto rule =
        api.services.alerts.remove_rule(context.user_id(), context.parameters.get("rule_id"));
    if (!rule) co_return json_refusal(rule.error());
    co_return json_ok(HttpStatus::ok, rule_json(*rule));
}

awaitable<HttpResponse> list_notifications(ApiContext& api, RequestContext& context) {
    const NotificationList list = api.services.alerts.notifications(context.user_id());
    json::array notifications;
    for (const Notification& notification : list.notifications) {
        notifications.push_back(notification_json(notification));
    }
    co_return json_ok(HttpStatus::ok, json::object{{"unread", list.unread},
                                                   {"notifications", std::move(notifications)}});
}

awaitable<HttpResponse> read_notification(ApiContext& api, RequestContext& context) {
    auto marked =
        api.services.alerts.mark_read(context.user_id(), context.parameters.get("notification_id"));
    if (!marked) co_return json_refusal(marked.error());
    co_return json_ok(HttpStatus::ok,
                      json::object{{"unread", api.services.alerts.unread(context.user_id())}});
}

awaitable<HttpResponse> read_all_notifications(ApiContext& api, RequestContext& context) {
    const std::size_t marked = api.services.alerts.mark_all_read(context.user_id());
    co_return json_ok(HttpStatus::ok,
                      json::object{{"marked", marked},
                                   {"unread", api.services.alerts.unread(context.user_id())}});
}

}  // namespace

void add_api_alert_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    router.bind(V::get, "/api/v1/alerts", [&api](RequestContext& c) { return list_rules(api, c); });
    router.bind(V::post, "/api/v1/alerts",
                [&api](RequestContext& c) { return create_rule(api, c); });
    router.bind(V::delete_, "/api/v1/alerts/{rule_id}",
                [&api](RequestContext& c) { return delete_rule(api, c); });
    router.bind(V::get, "/api/v1/notifications",
                [&api](RequestContext& c) { return list_notifications(api, c); });
    router.bind(V::post, "/api/v1/notifications/read-all",
                [&api](RequestContext& c) { return read_all_notifications(api, c); });
    router.bind(V::post, "/api/v1/notifications/{notification_id}/read",
                [&api](RequestContext& c) { return read_notification(api, c); });
}

}  // namespace bank
