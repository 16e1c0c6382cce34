#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "ledger/alert.hpp"

namespace bank {

// The events an endpoint may subscribe to, and the one a test delivery carries (sent to the
// endpoint asked, whatever it subscribed to). Every event is a notification of the person's
// alerts (ledger/alert.hpp), sent as the notification is first stored.
const std::vector<std::string_view>& webhook_event_types();
// The event a notification of this kind is sent as: alert.triggered (a transaction above the
// rule's amount, an unusual one), budget.threshold (80% or 100% of a budget),
// standing_order.failed, security.sign_in (a sign-in from a new device),
// forecast.low_balance (the projected balance below the rule's amount),
// recurring.price_changed (a recurring payment at a new price).
std::string_view webhook_event_of(AlertKind kind);
inline constexpr std::string_view webhook_test_event = "webhook.test";
bool is_webhook_event_type(std::string_view type);
// An endpoint's events as both stores keep them: one text, the types separated by commas (no
// type has one), and back.
std::string webhook_events_text(const std::vector<std::string>& events);
std::vector<std::string> webhook_events_from_text(const std::string& text);

// A person's webhook endpoint: where events are POSTed, signed with its secret as the
// Standard Webhooks specification says.
struct WebhookEndpoint {
    std::string endpoint_id;
    std::string user_id;
    std::string url;
    std::vector<std::string> events;  // from webhook_event_types(), no repeats
    std::string sealed_secret;        // the whsec_ secret sealed by SecretBox; never shown again
    bool enabled = true;
    Timestamp created_at{};
    // The first failure after the last success; empty while the last attempt succeeded.
    std::optional<Timestamp> failing_since;
    std::int64_t version = 0;  // 0: not stored yet
};

enum class WebhookDeliveryState { pending, delivered, failed };

std::string_view to_string(WebhookDeliveryState state);
std::optional<WebhookDeliveryState> parse_webhook_delivery_state(std::string_view text);

// One event for one endpoint, with its log: the id is the event's (webhook-id), so a repeat
// of the same event for the same endpoint is one delivery and a receiver can drop repeats.
struct WebhookDelivery {
    std::string endpoint_id;
    std::string delivery_id;  // the event id
    std::string user_id;
    std::string event_type;
    std::string payload;  // the exact body sent, JSON
    WebhookDeliveryState state = WebhookDeliveryState::pending;
    int attempts = 0;
    Timestamp created_at{};
    Timestamp next_attempt_at{};  // while pending: when it is due (or a claim's lease ends)
    std::optional<Timestamp> last_attempt_at;
    int last_status = 0;  // the receiver's HTTP status; 0: no answer
    std::int64_t last_latency_ms = 0;
    std::string last_error;    // why the last attempt failed; empty on success
    std::int64_t version = 0;  // 0: not stored yet
};

}  // namespace bank
