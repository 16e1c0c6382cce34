#include "storage/dynamodb/dynamodb_webhooks.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "storage/dynamodb/dynamodb_every_item.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank {

namespace {

namespace json = boost::json;
using namespace dynamodb_items;

constexpr const char* due_index = "DueIndex";
constexpr const char* pending_queue = "pending";

std::int64_t micros_or_zero(const std::optional<Timestamp>& at) { return at ? to_micros(*at) : 0; }
std::optional<Timestamp> instant_or_none(std::int64_t micros) {
    if (micros == 0) return std::nullopt;
    return from_micros(micros);
}

json::object endpoint_item(const WebhookEndpoint& endpoint) {
    return json::object{{"user_id", string_value(endpoint.user_id)},
                        {"endpoint_id", string_value(endpoint.endpoint_id)},
                        {"url", string_value(endpoint.url)},
                        {"events", string_value(webhook_events_text(endpoint.events))},
                        {"sealed_secret", string_value(endpoint.sealed_secret)},
                        {"enabled", number_value(endpoint.enabled ? 1 : 0)},
                        {"created_at", number_value(to_micros(endpoint.created_at))},
                        {"failing_since", number_value(micros_or_zero(endpoint.failing_since))},
                        {"version", number_value(endpoint.version)}};
}

WebhookEndpoint read_endpoint(const json::object& item) {
    WebhookEndpoint endpoint;
    endpoint.user_id = text_of(item, "user_id");
    endpoint.endpoint_id = text_of(item, "endpoint_id");
    endpoint.url = text_of(item, "url");
    endpoint.events = webhook_events_from_text(text_of(item, "events"));
    endpoint.sealed_secret = text_of(item, "sealed_secret");
    endpoint.enabled = number_of(item, "enabled") != 0;
    endpoint.created_at = from_micros(number_of(item, "created_at"));
    endpoint.failing_since = instant_or_none(number_of(item, "failing_since"));
    endpoint.version = number_of(item, "version");
    return endpoint;
}

json::object delivery_item(const WebhookDelivery& delivery) {
    json::object item{{"endpoint_id", string_value(delivery.endpoint_id)},
                      {"delivery_id", string_value(delivery.delivery_id)},
                      {"user_id", string_value(delivery.user_id)},
                      {"event_type", string_value(delivery.event_type)},
                      {"payload", string_value(delivery.payload)},
                      {"state", string_value(to_string(delivery.state))},
                      {"attempts", number_value(delivery.attempts)},
                      {"created_at", number_value(to_micros(delivery.created_at))},
                      {"next_attempt_at", number_value(to_micros(delivery.next_attempt_at))},
                      {"last_attempt_at", number_value(micros_or_zero(delivery.last_attempt_at))},
                      {"last_status", number_value(delivery.last_status)},
                      {"last_latency_ms", number_value(delivery.last_latency_ms)},
                      {"last_error", string_value(delivery.last_error)},
                      {"version", number_value(delivery.version)}};
    if (delivery.state == WebhookDeliveryState::pending) {
        item["due_queue"] = string_value(pending_queue);
    }
    return item;
}

WebhookDelivery read_delivery(const json::object& item) {
    WebhookDelivery delivery;
    delivery.endpoint_id = text_of(item, "endpoint_id");
    delivery.delivery_id = text_of(item, "delivery_id");
    delivery.user_id = text_of(item, "user_id");
    delivery.event_type = text_of(item, "event_type");
    delivery.payload = text_of(item, "payload");
    const auto state = parse_webhook_delivery_state(text_of(item, "state"));
    if (!state) throw std::runtime_error("dynamodb: unknown delivery state");
    delivery.state = *state;
    delivery.attempts = static_cast<int>(number_of(item, "attempts"));
    delivery.created_at = from_micros(number_of(item, "created_at"));
    delivery.next_attempt_at = from_micros(number_of(item, "next_attempt_at"));
    delivery.last_attempt_at = instant_or_none(number_of(item, "last_attempt_at"));
    delivery.last_status = static_cast<int>(number_of(item, "last_status"));
    delivery.last_latency_ms = number_of(item, "last_latency_ms");
    delivery.last_error = text_of(item, "last_error");
    delivery.version = number_of(item, "version");
    return delivery;
}

json::object key_of(const WebhookEndpoint& endpoint) {
    return json::object{{"user_id", string_value(endpoint.user_id)},
                        {"endpoint_id", string_value(endpoint.endpoint_id)}};
}

}  // namespace

std::vector<WebhookEndpoint> DynamoDbWebhooks::endpoints(std::string_view user_id) {
    std::vector<WebhookEndpoint> endpoints;
    json::object request{
        {"TableName", tables_.webhooks},
        {"KeyConditionExpression", "user_id = :user"},
        {"ExpressionAttributeValues", json::object{{":user", string_value(user_id)}}},
        {"ConsistentRead", true}};
    for (const auto& item : every_item(client_, "Query", std::move(request))) {
        endpoints.push_back(read_endpoint(item));
    }
    std::sort(endpoints.begin(), endpoints.end(), [](const auto& left, const auto& right) {
        if (left.created_at != right.created_at) return left.created_at < right.created_at;
        return left.endpoint_id < right.endpoint_id;
    });
    return endpoints;
}

std::optional<WebhookEndpoint> DynamoDbWebhooks::find_endpoint(std::string_view user_id,
                                                               std::string_view endpoint_id) {
    const json::object answer = client_.call(
        "GetItem", json::object{{"TableName", tables_.webhooks},
                                {"Key", json::object{{"user_id", string_value(user_id)},
                                                     {"endpoint_id", string_value(endpoint_id)}}},
                                {"ConsistentRead", true}});
    const auto* item = answer.if_contains("Item");
    if (item == nullptr) return std::nullopt;
    return read_endpoint(item->as_object());
}

bool DynamoDbWebhooks::add_endpoint(const WebhookEndpoint& endpoint) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "PutItem",
        json::object{{"TableName", tables_.webhooks},
                     {"Item", endpoint_item(endpoint)},
                     {"ConditionExpression", "attribute_not_exists(endpoint_id)"}});
}

bool DynamoDbWebhooks::save_endpoint(const WebhookEndpoint& next) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "PutItem",
        json::object{{"TableName", tables_.webhooks},
                     {"Item", endpoint_item(next)},
                     {"ConditionExpression", "version = :previous"},
                     {"ExpressionAttributeValues",
                      json::object{{":previous", number_value(next.version - 1)}}}});
}

bool DynamoDbWebhooks::remove_endpoint(const WebhookEndpoint& current) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "DeleteItem",
        json::object{{"TableName", tables_.webhooks},
                     {"Key", key_of(current)},
                     {"ConditionExpression", "version = :current"},
                     {"ExpressionAttributeValues",
                      json::object{{":current", number_value(current.version)}}}});
}

bool DynamoDbWebhooks::add_delivery(const WebhookDelivery& delivery) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "PutItem",
        json::object{{"TableName", tables_.webhook_deliveries},
                     {"Item", delivery_item(delivery)},
                     {"ConditionExpression", "attribute_not_exists(delivery_id)"}});
}

bool DynamoDbWebhooks::save_delivery(const WebhookDelivery& next) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "PutItem",
        json::object{{"TableName", tables_.webhook_deliveries},
                     {"Item", delivery_item(next)},
                     {"ConditionExpression", "version = :previous"},
                     {"ExpressionAttributeValues",
                      json::object{{":previous", number_value(next.version - 1)}}}});
}

std::vector<WebhookDelivery> DynamoDbWebhooks::deliveries(std::string_view endpoint_id,
                                                          std::size_t limit) {
    const json::object answer =
        client_.call("Query", json::object{{"TableName", tables_.webhook_deliveries},
                                           {"KeyConditionExpression", "endpoint_id = :endpoint"},
                                           {"ExpressionAttributeValues",
                                            json::object{{":endpoint", string_value(endpoint_id)}}},
                                           {"ScanIndexForward", false},
                                           {"Limit", static_cast<std::int64_t>(limit)},
                                           {"ConsistentRead", true}});
    std::vector<WebhookDelivery> deliveries;
    for (const auto& item : answer.at("Items").as_array()) {
        deliveries.push_back(read_delivery(item.as_object()));
    }
    return deliveries;
}

std::vector<WebhookDelivery> DynamoDbWebhooks::due(Timestamp now, std::size_t limit) {
    const json::object answer = client_.call(
        "Query", json::object{{"TableName", tables_.webhook_deliveries},
                              {"IndexName", due_index},
                              {"KeyConditionExpression", "#queue = :pending AND #next <= :now"},
                              {"ExpressionAttributeNames",
                               json::object{{"#queue", "due_queue"}, {"#next", "next_attempt_at"}}},
                              {"ExpressionAttributeValues",
                               json::object{{":pending", string_value(pending_queue)},
                                            {":now", number_value(to_micros(now))}}},
                              {"Limit", static_cast<std::int64_t>(limit)}});
    std::vector<WebhookDelivery> deliveries;
    for (const auto& item : answer.at("Items").as_array()) {
        deliveries.push_back(read_delivery(item.as_object()));
    }
    return deliveries;
}

}  // namespace bank
