#pragma once

#include <boost/json/value.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/secret_box.hpp"
#include "ledger/webhook.hpp"
#include "ledger/webhook_store.hpp"

namespace bank {

// A new endpoint and its signing secret, which is shown this once.
struct CreatedWebhook {
    WebhookEndpoint endpoint;
    std::string secret;  // whsec_...
};

// People's webhook endpoints and the events queued for them: validate, decide
// (ledger/webhook_plans.hpp), write over the version decided on. Sending is the
// WebhookDispatcher's, on threads of its own: nothing here waits for a receiver.
class WebhookService {
public:
    WebhookService(WebhookStore& store, const SecretKey& key, const Clock& clock,
                   bool private_allowed)
        : store_(store), box_(key), clock_(clock), private_allowed_(private_allowed) {}

    // Called after an event is queued (the dispatcher's wake-up); set once before serving.
    void on_enqueued(std::function<void()> wake) { wake_ = std::move(wake); }
    // Called after an endpoint is stored (true) or removed (false): the dispatcher's
    // IdleGate. Set once before serving.
    void on_endpoints_changed(std::function<void(bool)> changed) {
        endpoints_changed_ = std::move(changed);
    }

    Result<CreatedWebhook> create(const std::string& user_id, const std::string& url,
                                  const std::vector<std::string>& events);
    std::vector<WebhookEndpoint> list(const std::string& user_id);
    Result<WebhookEndpoint> remove(const std::string& user_id, const std::string& endpoint_id);
    // Queues a webhook.test event for this endpoint alone; its event id.
    // Turns the person's endpoint on again after the dispatcher disabled it (already on: the
    // endpoint as it is). Events from now on are delivered; those of the time it was off are
    // not queued again.
    Result<WebhookEndpoint> enable(const std::string& user_id, const std::string& endpoint_id);
    Result<std::string> send_test(const std::string& user_id, const std::string& endpoint_id);
    // The endpoint's delivery log, newest first (at most limits::webhook_deliveries_listed_max).
    Result<std::vector<WebhookDelivery>> deliveries(const std::string& user_id,
                                                    const std::string& endpoint_id);

    // Queues an event for every enabled endpoint of the person subscribed to `event_type`;
    // the event id is the delivery's id and the webhook-id header, so queueing the same
    // event again adds nothing and a receiver can drop a repeated delivery. Returns how many
    // deliveries were queued. Never waits for a receiver.
    std::size_t enqueue_event(const std::string& user_id, const std::string& event_type,
                              const std::string& event_id, const boost::json::value& data);

    // The endpoint's secret for signing; nullopt when its sealed text does not open.
    std::optional<std::string> secret_of(const WebhookEndpoint& endpoint) const;

private:
    bool enqueue_for(const WebhookEndpoint& endpoint, const std::string& event_type,
                     const std::string& event_id, const boost::json::value& data);

    WebhookStore& store_;
    SecretBox box_;
    const Clock& clock_;
    bool private_allowed_;
    std::function<void()> wake_;
    std::function<void(bool)> endpoints_changed_;
};

}  // namespace bank
