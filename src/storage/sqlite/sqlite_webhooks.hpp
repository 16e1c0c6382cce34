#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "ledger/webhook.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// The webhook tables (schema 19) on one connection: an endpoint or a delivery read and
// written whole, changed only over the version it was decided on (a delivery's claim
// included, so one dispatcher sends it at a time).
class SqliteWebhooks {
public:
    explicit SqliteWebhooks(SqliteConnection& connection) : connection_(connection) {}

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
    SqliteConnection& connection_;
};

}  // namespace bank
