#include "storage/sqlite/sqlite_webhooks.hpp"

#include <stdexcept>
#include <string>

namespace bank {

namespace {

constexpr const char* endpoint_columns =
    "endpoint_id, user_id, url, events, sealed_secret, enabled, created_at, failing_since, "
    "version";

constexpr const char* delivery_columns =
    "endpoint_id, delivery_id, user_id, event_type, payload, state, attempts, created_at, "
    "next_attempt_at, last_attempt_at, last_status, last_latency_ms, last_error, version";

// 0 stands for "none" in the integer columns of optional instants.
std::int64_t micros_or_zero(const std::optional<Timestamp>& at) { return at ? to_micros(*at) : 0; }
std::optional<Timestamp> instant_or_none(std::int64_t micros) {
    if (micros == 0) return std::nullopt;
    return from_micros(micros);
}

WebhookEndpoint read_endpoint(const SqliteQuery& query) {
    WebhookEndpoint endpoint;
    endpoint.endpoint_id = query.text(0);
    endpoint.user_id = query.text(1);
    endpoint.url = query.text(2);
    endpoint.events = webhook_events_from_text(query.text(3));
    endpoint.sealed_secret = query.text(4);
    endpoint.enabled = query.integer(5) != 0;
    endpoint.created_at = from_micros(query.integer(6));
    endpoint.failing_since = instant_or_none(query.integer(7));
    endpoint.version = query.integer(8);
    return endpoint;
}

WebhookDelivery read_delivery(const SqliteQuery& query) {
    WebhookDelivery delivery;
    delivery.endpoint_id = query.text(0);
    delivery.delivery_id = query.text(1);
    delivery.user_id = query.text(2);
    delivery.event_type = query.text(3);
    delivery.payload = query.text(4);
    const auto state = parse_webhook_delivery_state(query.text(5));
    if (!state) throw std::runtime_error("sqlite: unknown delivery state '" + query.text(5) + "'");
    delivery.state = *state;
    delivery.attempts = static_cast<int>(query.integer(6));
    delivery.created_at = from_micros(query.integer(7));
    delivery.next_attempt_at = from_micros(query.integer(8));
    delivery.last_attempt_at = instant_or_none(query.integer(9));
    delivery.last_status = static_cast<int>(query.integer(10));
    delivery.last_latency_ms = query.integer(11);
    delivery.last_error = query.text(12);
    delivery.version = query.integer(13);
    return delivery;
}

}  // namespace

std::vector<WebhookEndpoint> SqliteWebhooks::endpoints(std::string_view user_id) {
    auto query = connection_.query(std::string("SELECT ") + endpoint_columns +
                                   " FROM webhook_endpoints WHERE user_id = ? "
                                   "ORDER BY created_at, endpoint_id");
    query.bind(user_id);
    std::vector<WebhookEndpoint> endpoints;
    while (query.step()) endpoints.push_back(read_endpoint(query));
    return endpoints;
}

std::optional<WebhookEndpoint> SqliteWebhooks::find_endpoint(std::string_view user_id,
                                                             std::string_view endpoint_id) {
    auto query = connection_.query(std::string("SELECT ") + endpoint_columns +
                                   " FROM webhook_endpoints WHERE endpoint_id = ? AND user_id = ?");
    query.bind(endpoint_id).bind(user_id);
    if (!query.step()) return std::nullopt;
    return read_endpoint(query);
}

bool SqliteWebhooks::add_endpoint(const WebhookEndpoint& endpoint) {
    connection_
        .query(std::string("INSERT INTO webhook_endpoints (") + endpoint_columns +
               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .bind(endpoint.endpoint_id)
        .bind(endpoint.user_id)
        .bind(endpoint.url)
        .bind(webhook_events_text(endpoint.events))
        .bind(endpoint.sealed_secret)
        .bind(std::int64_t{endpoint.enabled ? 1 : 0})
        .bind(to_micros(endpoint.created_at))
        .bind(micros_or_zero(endpoint.failing_since))
        .bind(endpoint.version)
        .run();
    return connection_.changes() == 1;
}

bool SqliteWebhooks::save_endpoint(const WebhookEndpoint& next) {
    connection_
        .query(
            "UPDATE webhook_endpoints SET url = ?, events = ?, enabled = ?, failing_since = ?, "
            "version = ? WHERE endpoint_id = ? AND user_id = ? AND version = ?")
        .bind(next.url)
        .bind(webhook_events_text(next.events))
        .bind(std::int64_t{next.enabled ? 1 : 0})
        .bind(micros_or_zero(next.failing_since))
        .bind(next.version)
        .bind(next.endpoint_id)
        .bind(next.user_id)
        .bind(next.version - 1)
        .run();
    return connection_.changes() == 1;
}

bool SqliteWebhooks::remove_endpoint(const WebhookEndpoint& current) {
    connection_
        .query(
            "DELETE FROM webhook_endpoints WHERE endpoint_id = ? AND user_id = ? AND version = ?")
        .bind(current.endpoint_id)
        .bind(current.user_id)
        .bind(current.version)
        .run();
    return connection_.changes() == 1;
}

bool SqliteWebhooks::add_delivery(const WebhookDelivery& delivery) {
    connection_
        .query(std::string("INSERT INTO webhook_deliveries (") + delivery_columns +
               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .bind(delivery.endpoint_id)
        .bind(delivery.delivery_id)
        .bind(delivery.user_id)
        .bind(delivery.event_type)
        .bind(delivery.payload)
        .bind(to_string(delivery.state))
        .bind(std::int64_t{delivery.attempts})
        .bind(to_micros(delivery.created_at))
        .bind(to_micros(delivery.next_attempt_at))
        .bind(micros_or_zero(delivery.last_attempt_at))
        .bind(std::int64_t{delivery.last_status})
        .bind(delivery.last_latency_ms)
        .bind(delivery.last_error)
        .bind(delivery.version)
        .run();
    return connection_.changes() == 1;
}

bool SqliteWebhooks::save_delivery(const WebhookDelivery& next) {
    connection_
        .query(
            "UPDATE webhook_deliveries SET state = ?, attempts = ?, next_attempt_at = ?, "
            "last_attempt_at = ?, last_status = ?, last_latency_ms = ?, last_error = ?, "
            "version = ? WHERE endpoint_id = ? AND delivery_id = ? AND version = ?")
        .bind(to_string(next.state))
        .bind(std::int64_t{next.attempts})
        .bind(to_micros(next.next_attempt_at))
        .bind(micros_or_zero(next.last_attempt_at))
        .bind(std::int64_t{next.last_status})
        .bind(next.last_latency_ms)
        .bind(next.last_error)
        .bind(next.version)
        .bind(next.endpoint_id)
        .bind(next.delivery_id)
        .bind(next.version - 1)
        .run();
    return connection_.changes() == 1;
}

std::vector<WebhookDelivery> SqliteWebhooks::deliveries(std::string_view endpoint_id,
                                                        std::size_t limit) {
    auto query = connection_.query(std::string("SELECT ") + delivery_columns +
                                   " FROM webhook_deliveries WHERE endpoint_id = ? "
                                   "ORDER BY delivery_id DESC LIMIT ?");
    query.bind(endpoint_id).bind(static_cast<std::int64_t>(limit));
    std::vector<WebhookDelivery> deliveries;
    while (query.step()) deliveries.push_back(read_delivery(query));
    return deliveries;
}

std::vector<WebhookDelivery> SqliteWebhooks::due(Timestamp now, std::size_t limit) {
    auto query = connection_.query(std::string("SELECT ") + delivery_columns +
                                   " FROM webhook_deliveries WHERE state = 'pending' AND "
                                   "next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?");
    query.bind(to_micros(now)).bind(static_cast<std::int64_t>(limit));
    std::vector<WebhookDelivery> deliveries;
    while (query.step()) deliveries.push_back(read_delivery(query));
    return deliveries;
}

}  // namespace bank
