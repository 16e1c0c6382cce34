#include "service/webhook_dispatcher.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

#include <chrono>
#include <exception>

#include "core/webhook_limits.hpp"
#include "ledger/webhook_plans.hpp"
#include "service/webhook_signature.hpp"

namespace bank {

WebhookDispatcher::WebhookDispatcher(WebhookStore& store, WebhookService& service,
                                     const Clock& clock, bool private_allowed)
    : store_(store),
      service_(service),
      clock_(clock),
      sender_(private_allowed),
      endpoints_([this] { return store_.any_webhook_endpoint(); }, clock,
                 limits::webhook_idle_recheck),
      senders_(limits::webhook_senders),
      thread_([this] { run(); }) {}

WebhookDispatcher::~WebhookDispatcher() { stop(); }

void WebhookDispatcher::wake() {
    {
        const std::lock_guard lock(mutex_);
        woken_ = true;
    }
    changed_.notify_all();
}

void WebhookDispatcher::endpoints_changed(bool created) {
    if (created) {
        endpoints_.note_created();
    } else {
        endpoints_.note_removed();
    }
    wake();
}

void WebhookDispatcher::stop() {
    if (stopping_.exchange(true)) return;
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
    senders_.join();
}

void WebhookDispatcher::run() {
    while (!stopping_) {
        try {
            if (endpoints_.should_run()) run_pass();
        } catch (const std::exception& error) {
            // A store outage: the deliveries stay due and the next pass tries again.
            spdlog::warn("webhooks: a dispatcher pass failed: {}", error.what());
        }
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, limits::webhook_poll_interval,
                          [this] { return woken_ || stopping_.load(); });
        woken_ = false;
    }
}

void WebhookDispatcher::run_pass() {
    {
        const std::lock_guard lock(mutex_);
        if (in_flight_.size() >= limits::webhook_senders) return;
    }
    const Timestamp now = clock_.now();
    for (const WebhookDelivery& due :
         store_.due_webhook_deliveries(now, limits::webhook_due_batch_max)) {
        if (stopping_) return;
        {
            const std::lock_guard lock(mutex_);
            if (in_flight_.size() >= limits::webhook_senders) return;
            if (in_flight_.contains(due.endpoint_id)) continue;
        }
        const WebhookDelivery claimed = plan_webhook_claim(due, now);
        // Another server claimed it first (or recorded an attempt): it is theirs.
        if (!store_.save_webhook_delivery(claimed)) continue;
        {
            const std::lock_guard lock(mutex_);
            in_flight_.insert(claimed.endpoint_id);
        }
        boost::asio::post(senders_, [this, claimed] {
            try {
                deliver(claimed);
            } catch (const std::exception& error) {
                // The claim's lease ends and the delivery is due again.
                spdlog::warn("webhooks: delivery {} to endpoint {} failed to record: {}",
                             claimed.delivery_id, claimed.endpoint_id, error.what());
            }
            finish(claimed.endpoint_id);
        });
    }
}

void WebhookDispatcher::finish(const std::string& endpoint_id) {
    {
        const std::lock_guard lock(mutex_);
        in_flight_.erase(endpoint_id);
        woken_ = true;
    }
    changed_.notify_all();
}

void WebhookDispatcher::deliver(const WebhookDelivery& claimed) {
    const auto endpoint = store_.find_webhook_endpoint(claimed.user_id, claimed.endpoint_id);
    const std::optional<std::string> secret =
        endpoint ? service_.secret_of(*endpoint) : std::nullopt;
    if (!endpoint || !endpoint->enabled || !secret) {
        WebhookDelivery ended = claimed;
        ended.state = WebhookDeliveryState::failed;
        ended.last_error = !endpoint            ? "the endpoint was removed"
                           : !endpoint->enabled ? "the endpoint is disabled"
                                                : "the endpoint's secret cannot be opened";
        ended.version += 1;
        store_.save_webhook_delivery(ended);
        return;
    }
    WebhookSender::Message message;
    message.url = endpoint->url;
    message.message_id = claimed.delivery_id;
    message.timestamp_seconds =
        std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
    message.body = claimed.payload;
    message.signature =
        WebhookSignature::sign(*secret, message.message_id, message.timestamp_seconds, message.body)
            .value_or("");
    WebhookAttempt attempt = sender_.post(message, stopping_);
    // Cut by a shutdown: left to the claim's lease, then sent again.
    if (stopping_ && attempt.status == 0) return;
    attempt.at = clock_.now();
    const WebhookAttemptPlan plan = plan_webhook_attempt(claimed, *endpoint, attempt);
    if (!store_.save_webhook_delivery(plan.delivery)) {
        spdlog::warn("webhooks: delivery {} changed while it was sent", claimed.delivery_id);
    }
    if (plan.endpoint && !store_.save_webhook_endpoint(*plan.endpoint)) {
        // Another delivery's record came first; the next attempt records its own.
        spdlog::info("webhooks: endpoint {} changed meanwhile", endpoint->endpoint_id);
    }
    if (plan.endpoint && !plan.endpoint->enabled) {
        spdlog::warn("webhooks: endpoint {} disabled after a day of failed deliveries",
                     endpoint->endpoint_id);
    }
}

}  // namespace bank
