#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "ledger/webhook.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"

namespace bank {

// The webhook tables: BankingWebhooks (user_id + endpoint_id) and BankingWebhookDeliveries
// (endpoint_id + delivery_id, the event id). A pending delivery carries `due_queue` =
// "pending", the key of the sparse index DueIndex (due_queue + next_attempt_at), so the
// dispatcher's read of due deliveries is one Query of exactly the pending ones in time order;
// a delivered or failed one drops the attribute and leaves the index. The index is read
// eventually consistent: a delivery just claimed may still show as due, and the claim (a
// PutItem conditional on the version read) decides. Every change is one conditional
// PutItem or DeleteItem.
class DynamoDbWebhooks {
public:
    DynamoDbWebhooks(DynamoDbClient& client, const DynamoDbTables& tables)
        : client_(client), tables_(tables) {}

    std::vector<WebhookEndpoint> endpoints(std::string_view user_id);
    std::optional<WebhookEndpoint> find_endpoint(std::string_view user_id,
                                                 std::string_view endpoint_id);
    bool add_endpoint(const WebhookEndpoint& endpoint);
    bool save_endpoint(const WebhookEndpoint& next);
    bool remove_endpoint(const WebhookEndpoint& current);

    bool add_delivery(const WebhookDelivery& delivery);
    bool save_delivery(const WebhookDelivery& next);
    std::vector<WebhookDelivery> deliveries(std::string_view endpoint_id, std::size_t limit);
    std::vector<WebhookDelivery> due(Timestamp now, std::size_t limit);

private:
    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
};

}  // namespace bank
