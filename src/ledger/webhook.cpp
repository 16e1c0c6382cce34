#include "ledger/webhook.hpp"

#include <algorithm>

namespace bank {

const std::vector<std::string_view>& webhook_event_types() {
    static const std::vector<std::string_view> types = {
        "alert.triggered",
        "budget.threshold",
        "standing_order.failed",
        "security.sign_in",
    };
    return types;
}

std::string_view webhook_event_of(AlertKind kind) {
    switch (kind) {
        case AlertKind::transaction_above:
        case AlertKind::unusual_transaction:
            return "alert.triggered";
        case AlertKind::budget_threshold:
            return "budget.threshold";
        case AlertKind::standing_order_failed:
            return "standing_order.failed";
        case AlertKind::new_device_sign_in:
            return "security.sign_in";
    }
    return "alert.triggered";
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
