#pragma once

#include "core/clock.hpp"
#include "core/secret_key.hpp"
#include "ledger/webhook_store.hpp"
#include "service/webhook_dispatcher.hpp"
#include "service/webhook_service.hpp"

namespace bank {

// What `bank serve` builds for webhooks: the service the API calls and the dispatcher that
// sends, woken by every event queued. BANK_WEBHOOK_ALLOW_PRIVATE=1 lets endpoints use http
// and private or loopback addresses (tests, closed networks); anything else keeps them to
// https on public addresses.
class WebhookServices {
public:
    WebhookServices(WebhookStore& store, const SecretKey& key, const Clock& clock);

    WebhookService& service() { return service_; }
    // Before the store shuts down: transfers under way are cut and their threads joined.
    void stop() { dispatcher_.stop(); }

private:
    bool private_allowed_;
    WebhookService service_;
    WebhookDispatcher dispatcher_;
};

}  // namespace bank
