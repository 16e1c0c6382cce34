#include "api/api_routes.hpp"
#include "api/json_form.hpp"
#include "api/json_views.hpp"
#include "core/webhook_limits.hpp"
#include "http/response.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

json::object endpoint_json(const WebhookEndpoint& endpoint) {
    json::array events;
    for (const std::string& event : endpoint.events) events.emplace_back(event);
    return json::object{{"endpoint_id", endpoint.endpoint_id},
                        {"url", endpoint.url},
                        {"events", std::move(events)},
                        {"enabled", endpoint.enabled},
                        {"created_at", format_rfc3339(endpoint.created_at)},
                        {"failing_since", endpoint.failing_since
                                              ? json::value(format_rfc3339(*endpoint.failing_since))
                                              : json::value(nullptr)}};
}

json::object delivery_json(const WebhookDelivery& delivery) {
    return json::object{
        {"event_id", delivery.delivery_id},
        {"event_type", delivery.event_type},
        {"state", to_string(delivery.state)},
        {"attempts", delivery.attempts},
        {"created_at", format_rfc3339(delivery.created_at)},
        {"next_attempt_at", delivery.state == WebhookDeliveryState::pending
                                ? json::value(format_rfc3339(delivery.next_attempt_at))
                                : json::value(nullptr)},
        {"last_attempt_at", delivery.last_attempt_at
                                ? json::value(format_rfc3339(*delivery.last_attempt_at))
                                : json::value(nullptr)},
        {"last_status",
         delivery.last_status == 0 ? json::value(nullptr) : json::value(delivery.last_status)},
        {"last_latency_ms", delivery.last_latency_ms},
        {"last_error", delivery.last_error}};
}

// The "events" member: an array of strings, at most as many as there are event types.
std::optional<std::vector<std::string>> events_of(const json::object& body,
                                                  std::optional<HttpResponse>& refusal) {
    const auto refuse = [&refusal](std::string message) {
        refusal =
            json_refusal(make_error(ErrorCode::validation_failed, std::move(message), "events"));
        return std::nullopt;
    };
    const json::value* value = body.if_contains("events");
    if (value == nullptr || !value->is_array())
        return refuse("events must be an array of event types.");
    const json::array& array = value->as_array();
    if (array.size() > webhook_event_types().size()) return refuse("Too many events.");
    std::vector<std::string> events;
    for (const json::value& item : array) {
        if (!item.is_string() || item.as_string().size() > limits::webhook_event_type_length_max) {
            return refuse("Each event must be the name of an event type.");
        }
        events.emplace_back(item.as_string());
    }
    return events;
}

awaitable<HttpResponse> create_webhook(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"url", "events"});
    if (!form.body) co_return std::move(*form.refusal);
    auto url = form.get("url", true);
    if (form.refusal) co_return std::move(*form.refusal);
    std::optional<HttpResponse> refusal;
    const auto events = events_of(*form.body, refusal);
    if (!events) co_return std::move(*refusal);
    auto created = api.services.webhooks.create(context.user_id(), *url, *events);
    if (!created) co_return json_refusal(created.error());
    json::object body = endpoint_json(created->endpoint);
    // Shown this once; the bank keeps it sealed and never shows it again.
    body["secret"] = created->secret;
    co_return json_ok(HttpStatus::created, body);
}

awaitable<HttpResponse> list_webhooks(ApiContext& api, RequestContext& context) {
    json::array endpoints;
    for (const auto& endpoint : api.services.webhooks.list(context.user_id())) {
        endpoints.push_back(endpoint_json(endpoint));
    }
    json::array types;
    for (const std::string_view type : webhook_event_types()) types.emplace_back(type);
    co_return json_ok(HttpStatus::ok, json::object{{"endpoints", std::move(endpoints)},
                                                   {"event_types", std::move(types)}});
}

awaitable<HttpResponse> delete_webhook(ApiContext& api, RequestContext& context) {
    auto removed =
        api.services.webhooks.remove(context.user_id(), context.parameters.get("endpoint_id"));
    if (!removed) co_return json_refusal(removed.error());
    co_return json_ok(HttpStatus::ok, endpoint_json(*removed));
}

awaitable<HttpResponse> enable_webhook(ApiContext& api, RequestContext& context) {
    auto enabled =
        api.services.webhooks.enable(context.user_id(), context.parameters.get("endpoint_id"));
    if (!enabled) co_return json_refusal(enabled.error());
    co_return json_ok(HttpStatus::ok, endpoint_json(*enabled));
}

awaitable<HttpResponse> test_webhook(ApiContext& api, RequestContext& context) {
    auto event_id =
        api.services.webhooks.send_test(context.user_id(), context.parameters.get("endpoint_id"));
    if (!event_id) co_return json_refusal(event_id.error());
    co_return json_ok(HttpStatus::accepted,
                      json::object{{"event_id", *event_id}, {"event_type", webhook_test_event}});
}

awaitable<HttpResponse> webhook_deliveries(ApiContext& api, RequestContext& context) {
    auto deliveries =
        api.services.webhooks.deliveries(context.user_id(), context.parameters.get("endpoint_id"));
    if (!deliveries) co_return json_refusal(deliveries.error());
    json::array items;
    for (const auto& delivery : *deliveries) items.push_back(delivery_json(delivery));
    co_return json_ok(HttpStatus::ok, json::object{{"deliveries", std::move(items)}});
}

}  // namespace

void add_api_webhook_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    const std::string one = "/api/v1/webhooks/{endpoint_id}";
    router.bind(V::get, "/api/v1/webhooks",
                [&api](RequestContext& c) { return list_webhooks(api, c); });
    router.bind(V::post, "/api/v1/webhooks",
                [&api](RequestContext& c) { return create_webhook(api, c); });
    router.bind(V::delete_, one, [&api](RequestContext& c) { return delete_webhook(api, c); });
    router.bind(V::post, one + "/test", [&api](RequestContext& c) { return test_webhook(api, c); });
    router.bind(V::post, one + "/enable",
                [&api](RequestContext& c) { return enable_webhook(api, c); });
    router.bind(V::get, one + "/deliveries",
                [&api](RequestContext& c) { return webhook_deliveries(api, c); });
}

}  // namespace bank
