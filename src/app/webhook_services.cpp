#include "app/webhook_services.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <string_view>

namespace bank {

namespace {

bool private_addresses_allowed() {
    const char* value = std::getenv("BANK_WEBHOOK_ALLOW_PRIVATE");
    const bool allowed = value != nullptr && std::string_view(value) == "1";
    if (allowed) {
        spdlog::warn(
            "webhooks: BANK_WEBHOOK_ALLOW_PRIVATE=1, endpoints may use http and "
            "private or loopback addresses");
    }
    return allowed;
}

}  // namespace

WebhookServices::WebhookServices(WebhookStore& store, const SecretKey& key, const Clock& clock)
    : private_allowed_(private_addresses_allowed()),
      service_(store, key, clock, private_allowed_),
      dispatcher_(store, service_, clock, private_allowed_) {
    // A queued event means somebody has an endpoint (perhaps made on another server).
    service_.on_enqueued([this] { dispatcher_.endpoints_changed(true); });
    service_.on_endpoints_changed([this](bool created) { dispatcher_.endpoints_changed(created); });
}

}  // namespace bank
