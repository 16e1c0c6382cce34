// DynamoDbStore's WebhookStore role, kept out of dynamodb_store.cpp.
#include "storage/dynamodb/dynamodb_store.hpp"
#include "storage/dynamodb/dynamodb_webhooks.hpp"

namespace bank {

std::vector<WebhookEndpoint> DynamoDbStore::list_webhook_endpoints(std::string_view user_id) {
    return DynamoDbWebhooks(client_, tables_).endpoints(user_id);
}

bool DynamoDbStore::any_webhook_endpoint() { return any_item(tables_.webhooks); }

std::optional<WebhookEndpoint> DynamoDbStore::find_webhook_endpoint(std::string_view user_id,
                                                                    std::string_view endpoint_id) {
    return DynamoDbWebhooks(client_, tables_).find_endpoint(user_id, endpoint_id);
}

bool DynamoDbStore::add_webhook_endpoint(const WebhookEndpoint& endpoint) {
    return DynamoDbWebhooks(client_, tables_).add_endpoint(endpoint);
}

bool DynamoDbStore::save_webhook_endpoint(const WebhookEndpoint& next) {
    return DynamoDbWebhooks(client_, tables_).save_endpoint(next);
}

bool DynamoDbStore::remove_webhook_endpoint(const WebhookEndpoint& current) {
    return DynamoDbWebhooks(client_, tables_).remove_endpoint(current);
}

bool DynamoDbStore::add_webhook_delivery(const WebhookDelivery& delivery) {
    return DynamoDbWebhooks(client_, tables_).add_delivery(delivery);
}

bool DynamoDbStore::save_webhook_delivery(const WebhookDelivery& next) {
    return DynamoDbWebhooks(client_, tables_).save_delivery(next);
}

std::vector<WebhookDelivery> DynamoDbStore::list_webhook_deliveries(std::string_view endpoint_id,
                                                                    std::size_t limit) {
    return DynamoDbWebhooks(client_, tables_).deliveries(endpoint_id, limit);
}

std::vector<WebhookDelivery> DynamoDbStore::due_webhook_deliveries(Timestamp now,
                                                                   std::size_t limit) {
    return DynamoDbWebhooks(client_, tables_).due(now, limit);
}

}  // namespace bank
