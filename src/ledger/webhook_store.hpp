#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "ledger/store_unavailable.hpp"
#include "ledger/webhook.hpp"

namespace bank {

// People's webhook endpoints and their deliveries. No money moves, so nothing waits in the
// writer's queue: each change is one conditional write decided by ledger/webhook_plans.hpp
// or by the dispatcher's claim. May be called from any thread at once; a backend that cannot
// answer throws StoreUnavailable.
class WebhookStore {
public:
    virtual ~WebhookStore() = default;

    // A person's endpoints, oldest first (at most limits::webhook_endpoints_per_person).
    virtual std::vector<WebhookEndpoint> list_webhook_endpoints(std::string_view user_id) = 0;
    // The person's endpoint with this id; nullopt when they have none such.
    virtual std::optional<WebhookEndpoint> find_webhook_endpoint(std::string_view user_id,
                                                                 std::string_view endpoint_id) = 0;
    // Stores a new endpoint (version 1); false, writing nothing, when the id is taken.
    virtual bool add_webhook_endpoint(const WebhookEndpoint& endpoint) = 0;
    // Writes `next` only over the stored version `next.version - 1`; false otherwise.
    virtual bool save_webhook_endpoint(const WebhookEndpoint& next) = 0;
    // Deletes the endpoint only if it is still at `current.version`; false otherwise.
    virtual bool remove_webhook_endpoint(const WebhookEndpoint& current) = 0;
    // Whether anybody has an endpoint (one small read: the dispatcher's idle check, IdleGate).
    virtual bool any_webhook_endpoint() = 0;

    // Stores a new delivery (version 1); false, writing nothing, when the endpoint has a
    // delivery of this event id already (a repeated event is delivered once more at most).
    virtual bool add_webhook_delivery(const WebhookDelivery& delivery) = 0;
    // Writes `next` only over the stored version `next.version - 1`; false otherwise (another
    // dispatcher claimed or recorded it first).
    virtual bool save_webhook_delivery(const WebhookDelivery& next) = 0;
    // An endpoint's deliveries, newest event id first, at most `limit`.
    virtual std::vector<WebhookDelivery> list_webhook_deliveries(std::string_view endpoint_id,
                                                                 std::size_t limit) = 0;
    // Pending deliveries whose next attempt is at or before `now`, earliest first, at most
    // `limit` (DynamoDB: read from an index, so possibly a moment stale; the claim decides).
    virtual std::vector<WebhookDelivery> due_webhook_deliveries(Timestamp now,
                                                                std::size_t limit) = 0;
};

}  // namespace bank
