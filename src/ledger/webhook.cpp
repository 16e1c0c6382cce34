#include "ledger/webhook.hpp"

#include <algorithm>

namespace bank {

const std::vector<std::string_view>& webhook_event_types() {
    static const std::vector<std::string_view> types = {
        "alert.triggered",  "budget.threshold",     "standing_order.failed",
        "security.sign_in", "forecast.low_balance", "recurring.price_changed",
    };
    return types;
}

std::string webhook_events_text(const std::vector<std::string>& events) {
    std::string text;
    for (const std::string& event : events) {
        if (!text.empty()) text += ',';
        text += event;
    }
    return text;
}

std::vector<std::string> webhook_events_from_text(const std::string& text) {
    std::vector<std::string> events;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        events.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return events;
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
        case AlertKind::projected_balance_below:
            return "forecast.low_balance";
        case AlertKind::recurring_price_changed:
            return "recurring.price_changed";
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
