#include "service/webhook_service.hpp"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include <algorithm>

#include "core/random.hpp"
#include "core/webhook_limits.hpp"
#include "ledger/webhook_plans.hpp"
#include "service/webhook_address.hpp"
#include "service/webhook_signature.hpp"

namespace bank {
namespace {

using C = ErrorCode;

std::string owner_of(const WebhookEndpoint& endpoint) {
    return "webhook:" + endpoint.user_id + ":" + endpoint.endpoint_id;
}

std::string event_list() {
    std::string list;
    for (const std::string_view type : webhook_event_types()) {
        if (!list.empty()) list += ", ";
        list += type;
    }
    return list;
}

Error refusal_error(WebhookRefusal refusal) {
    switch (refusal) {
        case WebhookRefusal::url_too_long:
            return make_error(C::validation_failed,
                              "The URL may be at most " +
                                  std::to_string(limits::webhook_url_length_max) + " characters.",
                              "url");
        case WebhookRefusal::url_malformed:
            return make_error(C::validation_failed,
                              "The URL must be absolute, such as https://hooks.example.com/bank.",
                              "url");
        case WebhookRefusal::url_not_https:
            return make_error(C::webhook_url_refused, "The URL must use https.", "url");
        case WebhookRefusal::url_has_userinfo:
            return make_error(C::webhook_url_refused,
                              "The URL may not carry a user name or password; the signature "
                              "proves the bank sent the event.",
                              "url");
        case WebhookRefusal::no_events:
            return make_error(C::validation_failed, "Choose at least one event.", "events");
        case WebhookRefusal::unknown_event:
            return make_error(C::validation_failed, "Events may be: " + event_list() + ".",
                              "events");
        case WebhookRefusal::too_many_endpoints:
            return make_error(C::validation_failed,
                              "You already have the most webhook endpoints one person may keep (" +
                                  std::to_string(limits::webhook_endpoints_per_person) +
                                  "); delete one first.");
        case WebhookRefusal::ok:
            break;
    }
    return make_error(C::unavailable, "");
}

Error not_found() { return make_error(C::not_found, "That webhook endpoint was not found."); }

}  // namespace

Result<CreatedWebhook> WebhookService::create(const std::string& user_id, const std::string& url,
                                              const std::vector<std::string>& events) {
    const Timestamp now = clock_.now();
    WebhookEndpoint draft;
    draft.endpoint_id = new_time_ordered_id(now);
    draft.user_id = user_id;
    draft.url = url;
    draft.events = events;
    const std::string secret = WebhookSignature::new_secret();
    draft.sealed_secret = box_.seal(secret, owner_of(draft));
    const auto plan = plan_webhook_endpoint(
        std::move(draft), store_.list_webhook_endpoints(user_id), private_allowed_, now);
    if (plan.status != WebhookRefusal::ok) return refusal_error(plan.status);
    // Checked again, on the address the name resolves to, before every delivery.
    const auto parsed = parse_webhook_url(plan.next.url);
    const auto refused = WebhookAddress::literal_refusal(parsed->host);
    if (refused && !private_allowed_) {
        return make_error(C::webhook_url_refused,
                          "The URL names an address the bank does not call (" +
                              std::string(*refused) + "); use a public https address.",
                          "url");
    }
    if (!store_.add_webhook_endpoint(plan.next)) {
        return make_error(C::conflict, "Try again.");
    }
    if (endpoints_changed_) endpoints_changed_(true);
    return CreatedWebhook{plan.next, secret};
}

std::vector<WebhookEndpoint> WebhookService::list(const std::string& user_id) {
    return store_.list_webhook_endpoints(user_id);
}

Result<WebhookEndpoint> WebhookService::remove(const std::string& user_id,
                                               const std::string& endpoint_id) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        auto current = store_.find_webhook_endpoint(user_id, endpoint_id);
        if (!current) return not_found();
        if (store_.remove_webhook_endpoint(*current)) {
            if (endpoints_changed_) endpoints_changed_(false);
            return std::move(*current);
        }
    }
    return make_error(C::conflict, "The endpoint changed meanwhile; try again.");
}

Result<WebhookEndpoint> WebhookService::enable(const std::string& user_id,
                                               const std::string& endpoint_id) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        auto current = store_.find_webhook_endpoint(user_id, endpoint_id);
        if (!current) return not_found();
        auto next = plan_webhook_enable(*current);
        if (!next) return std::move(*current);
        if (store_.save_webhook_endpoint(*next)) return std::move(*next);
    }
    return make_error(C::conflict, "The endpoint changed meanwhile; try again.");
}

Result<std::string> WebhookService::send_test(const std::string& user_id,
                                              const std::string& endpoint_id) {
    const auto endpoint = store_.find_webhook_endpoint(user_id, endpoint_id);
    if (!endpoint) return not_found();
    const std::string event_id = "msg_" + new_time_ordered_id(clock_.now());
    const boost::json::object data{{"endpoint_id", endpoint_id},
                                   {"message", "A test delivery from the bank."}};
    enqueue_for(*endpoint, std::string(webhook_test_event), event_id, data);
    if (wake_) wake_();
    return event_id;
}

Result<std::vector<WebhookDelivery>> WebhookService::deliveries(const std::string& user_id,
                                                                const std::string& endpoint_id) {
    if (!store_.find_webhook_endpoint(user_id, endpoint_id)) return not_found();
    return store_.list_webhook_deliveries(endpoint_id, limits::webhook_deliveries_listed_max);
}

std::size_t WebhookService::enqueue_event(const std::string& user_id, const std::string& event_type,
                                          const std::string& event_id,
                                          const boost::json::value& data) {
    std::size_t queued = 0;
    for (const WebhookEndpoint& endpoint : store_.list_webhook_endpoints(user_id)) {
        if (!endpoint.enabled) continue;
        if (std::find(endpoint.events.begin(), endpoint.events.end(), event_type) ==
            endpoint.events.end()) {
            continue;
        }
        if (enqueue_for(endpoint, event_type, event_id, data)) ++queued;
    }
    if (queued > 0 && wake_) wake_();
    return queued;
}

bool WebhookService::enqueue_for(const WebhookEndpoint& endpoint, const std::string& event_type,
                                 const std::string& event_id, const boost::json::value& data) {
    const Timestamp now = clock_.now();
    WebhookDelivery delivery;
    delivery.endpoint_id = endpoint.endpoint_id;
    delivery.delivery_id = event_id;
    delivery.user_id = endpoint.user_id;
    delivery.event_type = event_type;
    // The Standard Webhooks payload shape: type, timestamp, data.
    delivery.payload = boost::json::serialize(boost::json::object{
        {"type", event_type}, {"timestamp", format_rfc3339(now)}, {"data", data}});
    if (delivery.payload.size() > limits::webhook_payload_bytes_max) {
        spdlog::error("webhooks: event {} of type {} is {} bytes, over the limit; not queued",
                      event_id, event_type, delivery.payload.size());
        return false;
    }
    delivery.created_at = now;
    delivery.next_attempt_at = now;
    delivery.version = 1;
    return store_.add_webhook_delivery(delivery);
}

std::optional<std::string> WebhookService::secret_of(const WebhookEndpoint& endpoint) const {
    return box_.open(endpoint.sealed_secret, owner_of(endpoint));
}

}  // namespace bank
