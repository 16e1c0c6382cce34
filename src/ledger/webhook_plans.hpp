#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "ledger/webhook.hpp"

namespace bank {

// Why a new endpoint was refused; ok when it may be stored.
enum class WebhookRefusal {
    ok,
    url_too_long,        // over limits::webhook_url_length_max
    url_malformed,       // not scheme://host[:port][/path...] with a host
    url_not_https,       // http (or anything else) while private addresses are not allowed
    url_has_userinfo,    // user:password@ in the URL
    no_events,           // an endpoint subscribes to at least one event
    unknown_event,       // not in webhook_event_types()
    too_many_endpoints,  // limits::webhook_endpoints_per_person reached
};

std::string_view to_string(WebhookRefusal refusal);

// The parts of an endpoint's URL the checks and the sender need.
struct WebhookUrl {
    std::string scheme;         // "https" or "http", lower case
    std::string host;           // lower case; an IPv6 literal without its brackets
    int port = 0;               // 443 or 80 when the URL names none
    bool has_userinfo = false;  // user:password@ before the host
};

// Reads an absolute http(s) URL; nullopt for anything else (no host, a bad port, spaces or
// control characters, another scheme).
std::optional<WebhookUrl> parse_webhook_url(std::string_view text);

struct WebhookEndpointPlan {
    WebhookRefusal status = WebhookRefusal::ok;
    WebhookEndpoint next;  // as it is to be stored: events without repeats, version 1
};

// A new endpoint (`draft`: id, owner, url, events, sealed secret filled in) among the
// person's `existing` ones. Checks in order: URL length, its form, https (http too when
// `private_allowed`, the operator's BANK_WEBHOOK_ALLOW_PRIVATE), no userinfo, at least one
// event, every event known, the person's count under the limit.
WebhookEndpointPlan plan_webhook_endpoint(WebhookEndpoint draft,
                                          const std::vector<WebhookEndpoint>& existing,
                                          bool private_allowed, Timestamp now);

// When the attempt after `attempts` failed ones is due: the last attempt plus 5 s, 5 min,
// 30 min, 2 h, 5 h, then 10 h each; nullopt once that is more than
// limits::webhook_retry_window after the first attempt (the delivery has failed). The
// first attempt is the delivery's creation (it is due at once).
std::optional<Timestamp> next_delivery_attempt(int attempts, Timestamp first_attempt_at,
                                               Timestamp last_attempt_at);

// A day of only failures: the endpoint has been failing since at least
// limits::webhook_failing_disable_after ago.
bool should_disable(const std::optional<Timestamp>& failing_since, Timestamp now);

// The endpoint its owner turns on again (after a day of failures disabled it): enabled, its
// failures forgotten so the next one starts a new day, at the next version; nullopt when it
// is on already (nothing to write).
std::optional<WebhookEndpoint> plan_webhook_enable(WebhookEndpoint current);

// A pending delivery claimed by one dispatcher: the next version, due again only when the
// claim's lease ends (a claimant that died leaves it to be sent again: at least once).
WebhookDelivery plan_webhook_claim(WebhookDelivery delivery, Timestamp now);

// What one attempt came to: the receiver's status (0: no answer) and why it failed.
struct WebhookAttempt {
    Timestamp at{};
    int status = 0;
    std::int64_t latency_ms = 0;
    std::string error;  // empty when the receiver answered
};

struct WebhookAttemptPlan {
    WebhookDelivery delivery;                 // the next version of the claimed delivery
    std::optional<WebhookEndpoint> endpoint;  // the endpoint's next version, when it changes
};

// Records an attempt on a claimed delivery: a 2xx answer delivers it and clears the
// endpoint's failures; anything else schedules the next attempt (next_delivery_attempt) or
// fails it for good, and marks the endpoint failing since then, disabling it after a day of
// only failures (should_disable).
WebhookAttemptPlan plan_webhook_attempt(WebhookDelivery claimed, const WebhookEndpoint& endpoint,
                                        const WebhookAttempt& attempt);

}  // namespace bank
