// SqliteStore's WebhookStore role, kept out of sqlite_store.cpp.
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/sqlite_webhooks.hpp"

namespace bank {

// As the budgets: each write borrows a side writer (side_writers_.with), which takes SQLite's write
// lock for this one conditional statement, outside the ledger writer's queue (no money moves).

std::vector<WebhookEndpoint> SqliteStore::list_webhook_endpoints(std::string_view user_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteWebhooks(connection).endpoints(user_id);
    });
}

bool SqliteStore::any_webhook_endpoint() {
    return readers_.with_connection([](SqliteConnection& connection) {
        auto select = connection.query("SELECT EXISTS (SELECT 1 FROM webhook_endpoints)");
        return select.step() && select.integer(0) != 0;
    });
}

std::optional<WebhookEndpoint> SqliteStore::find_webhook_endpoint(std::string_view user_id,
                                                                  std::string_view endpoint_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteWebhooks(connection).find_endpoint(user_id, endpoint_id);
    });
}

bool SqliteStore::add_webhook_endpoint(const WebhookEndpoint& endpoint) {
    return side_writers_.with<SqliteWebhooks>(
        [&](SqliteWebhooks& webhooks) { return webhooks.add_endpoint(endpoint); });
}

bool SqliteStore::save_webhook_endpoint(const WebhookEndpoint& next) {
    return side_writers_.with<SqliteWebhooks>(
        [&](SqliteWebhooks& webhooks) { return webhooks.save_endpoint(next); });
}

bool SqliteStore::remove_webhook_endpoint(const WebhookEndpoint& current) {
    return side_writers_.with<SqliteWebhooks>(
        [&](SqliteWebhooks& webhooks) { return webhooks.remove_endpoint(current); });
}

bool SqliteStore::add_webhook_delivery(const WebhookDelivery& delivery) {
    return side_writers_.with<SqliteWebhooks>(
        [&](SqliteWebhooks& webhooks) { return webhooks.add_delivery(delivery); });
}

bool SqliteStore::save_webhook_delivery(const WebhookDelivery& next) {
    return side_writers_.with<SqliteWebhooks>(
        [&](SqliteWebhooks& webhooks) { return webhooks.save_delivery(next); });
}

std::vector<WebhookDelivery> SqliteStore::list_webhook_deliveries(std::string_view endpoint_id,
                                                                  std::size_t limit) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteWebhooks(connection).deliveries(endpoint_id, limit);
    });
}

std::vector<WebhookDelivery> SqliteStore::due_webhook_deliveries(Timestamp now, std::size_t limit) {
    return readers_.with_connection(
        [&](SqliteConnection& connection) { return SqliteWebhooks(connection).due(now, limit); });
}

}  // namespace bank
