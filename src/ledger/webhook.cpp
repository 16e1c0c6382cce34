#include "ledger/webhook.hpp"

#include <algorithm>

namespace bank {

const std::vector<std::string_view>& webhook_event_types() {
    static const std::vector<std::string_view> types = {
        "transaction.created", "transfer.received",     "alert.triggered",
        "budget.exceeded",     "standing_order.failed", "security.sign_in",
    };
    return types;
}

bool is_webhook_event_type(std::string_view type) {
    const auto& types = webhook_event_types();
    return std::find(types.begin(), types.end(), type) != types.end();
}

std::string_view to_string(WebhookDeliveryState state) {
    switch (state) {
        case WebhookDeliveryState::pending:
            return "pending";
        case WebhookDeliveryState::delivered:
            return "delivered";
        case WebhookDeliveryState::failed:
            return "failed";
    }
    return "pending";
}

std::optional<WebhookDeliveryState> parse_webhook_delivery_state(std::string_view text) {
    if (text == "pending") return WebhookDeliveryState::pending;
    if (text == "delivered") return WebhookDeliveryState::delivered;
    if (text == "failed") return WebhookDeliveryState::failed;
    return std::nullopt;
}

}  // namespace bank
