#include "ledger/webhook_plans.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "core/webhook_limits.hpp"

namespace bank {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool has_space_or_control(std::string_view text) {
    return std::any_of(text.begin(), text.end(),
                       [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

// The host and port of an authority without userinfo; false when either is malformed.
bool read_host_and_port(std::string_view authority, WebhookUrl& url) {
    std::string_view port_text;
    if (authority.starts_with('[')) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) return false;
        url.host = lower(authority.substr(1, close - 1));
        const std::string_view rest = authority.substr(close + 1);
        if (!rest.empty() && !rest.starts_with(':')) return false;
        if (!rest.empty()) port_text = rest.substr(1);
    } else {
        const auto colon = authority.rfind(':');
        url.host = lower(authority.substr(0, colon));
        if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    }
    if (url.host.empty()) return false;
    if (port_text.empty()) return true;
    int port = 0;
    const auto [end, error] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (error != std::errc() || end != port_text.data() + port_text.size()) return false;
    if (port < 1 || port > 65535) return false;
    url.port = port;
    return true;
}

}  // namespace

std::string_view to_string(WebhookRefusal refusal) {
    switch (refusal) {
        case WebhookRefusal::ok:
            return "ok";
        case WebhookRefusal::url_too_long:
            return "url_too_long";
        case WebhookRefusal::url_malformed:
            return "url_malformed";
        case WebhookRefusal::url_not_https:
            return "url_not_https";
        case WebhookRefusal::url_has_userinfo:
            return "url_has_userinfo";
        case WebhookRefusal::no_events:
            return "no_events";
        case WebhookRefusal::unknown_event:
            return "unknown_event";
        case WebhookRefusal::too_many_endpoints:
            return "too_many_endpoints";
    }
    return "ok";
}

std::optional<WebhookUrl> parse_webhook_url(std::string_view text) {
    if (has_space_or_control(text)) return std::nullopt;
    const auto separator = text.find("://");
    if (separator == std::string_view::npos) return std::nullopt;
    WebhookUrl url;
    url.scheme = lower(text.substr(0, separator));
    if (url.scheme == "https") {
        url.port = 443;
    } else if (url.scheme == "http") {
        url.port = 80;
    } else {
        return std::nullopt;
    }
    const std::string_view rest = text.substr(separator + 3);
    std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    const auto at = authority.rfind('@');
    if (at != std::string_view::npos) {
        url.has_userinfo = true;
        authority = authority.substr(at + 1);
    }
    if (!read_host_and_port(authority, url)) return std::nullopt;
    return url;
}

WebhookEndpointPlan plan_webhook_endpoint(WebhookEndpoint draft,
                                          const std::vector<WebhookEndpoint>& existing,
                                          bool private_allowed, Timestamp now) {
    WebhookEndpointPlan plan;
    if (draft.url.size() > limits::webhook_url_length_max) {
        plan.status = WebhookRefusal::url_too_long;
        return plan;
    }
    const auto url = parse_webhook_url(draft.url);
    if (!url) {
        plan.status = WebhookRefusal::url_malformed;
    } else if (url->scheme != "https" && !private_allowed) {
        plan.status = WebhookRefusal::url_not_https;
    } else if (url->has_userinfo) {
        plan.status = WebhookRefusal::url_has_userinfo;
    } else if (draft.events.empty()) {
        plan.status = WebhookRefusal::no_events;
    } else if (!std::all_of(draft.events.begin(), draft.events.end(),
                            [](const std::string& type) { return is_webhook_event_type(type); })) {
        plan.status = WebhookRefusal::unknown_event;
    } else if (existing.size() >= limits::webhook_endpoints_per_person) {
        plan.status = WebhookRefusal::too_many_endpoints;
    }
    if (plan.status != WebhookRefusal::ok) return plan;
    std::vector<std::string> events;
    for (std::string& type : draft.events) {
        if (std::find(events.begin(), events.end(), type) == events.end()) events.push_back(type);
    }
    draft.events = std::move(events);
    draft.enabled = true;
    draft.created_at = now;
    draft.failing_since.reset();
    draft.version = 1;
    plan.next = std::move(draft);
    return plan;
}

std::optional<Timestamp> next_delivery_attempt(int attempts, Timestamp first_attempt_at,
                                               Timestamp last_attempt_at) {
    using std::chrono::hours;
    using std::chrono::minutes;
    using std::chrono::seconds;
    static constexpr std::array<seconds, 6> delays = {seconds(5), minutes(5), minutes(30),
                                                      hours(2),   hours(5),   hours(10)};
    if (attempts < 1) return first_attempt_at;
    const auto index =
        std::min<std::size_t>(static_cast<std::size_t>(attempts - 1), delays.size() - 1);
    const Timestamp next = last_attempt_at + delays[index];
    if (next - first_attempt_at > limits::webhook_retry_window) return std::nullopt;
    return next;
}

bool should_disable(const std::optional<Timestamp>& failing_since, Timestamp now) {
    return failing_since && now - *failing_since >= limits::webhook_failing_disable_after;
}

WebhookDelivery plan_webhook_claim(WebhookDelivery delivery, Timestamp now) {
    delivery.next_attempt_at = now + limits::webhook_claim_lease;
    delivery.version += 1;
    return delivery;
}

std::optional<WebhookEndpoint> plan_webhook_enable(WebhookEndpoint current) {
    if (current.enabled) return std::nullopt;
    current.enabled = true;
    current.failing_since.reset();
    current.version += 1;
    return current;
}

WebhookAttemptPlan plan_webhook_attempt(WebhookDelivery claimed, const WebhookEndpoint& endpoint,
                                        const WebhookAttempt& attempt) {
    claimed.attempts += 1;
    claimed.last_attempt_at = attempt.at;
    claimed.last_status = attempt.status;
    claimed.last_latency_ms = attempt.latency_ms;
    claimed.version += 1;
    WebhookAttemptPlan plan;
    const bool delivered = attempt.status >= 200 && attempt.status < 300;
    if (delivered) {
        claimed.state = WebhookDeliveryState::delivered;
        claimed.last_error.clear();
        if (endpoint.failing_since) {
            WebhookEndpoint next = endpoint;
            next.failing_since.reset();
            next.version += 1;
            plan.endpoint = std::move(next);
        }
        plan.delivery = std::move(claimed);
        return plan;
    }
    claimed.last_error = attempt.error.empty()
                             ? "the receiver answered " + std::to_string(attempt.status)
                             : attempt.error.substr(0, limits::webhook_error_text_max);
    const auto next = next_delivery_attempt(claimed.attempts, claimed.created_at, attempt.at);
    if (next) {
        claimed.next_attempt_at = *next;
    } else {
        claimed.state = WebhookDeliveryState::failed;
    }
    WebhookEndpoint failing = endpoint;
    if (!failing.failing_since) failing.failing_since = attempt.at;
    if (should_disable(failing.failing_since, attempt.at)) failing.enabled = false;
    if (failing.failing_since != endpoint.failing_since || failing.enabled != endpoint.enabled) {
        failing.version += 1;
        plan.endpoint = std::move(failing);
    }
    plan.delivery = std::move(claimed);
    return plan;
}

}  // namespace bank
