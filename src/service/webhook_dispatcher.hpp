#pragma once

#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "core/clock.hpp"
#include "ledger/webhook_store.hpp"
#include "service/idle_gate.hpp"
#include "service/webhook_sender.hpp"
#include "service/webhook_service.hpp"

namespace bank {

// Sends the queued deliveries: a thread of its own (never an I/O thread, never the ledger
// writer) reads the due deliveries, claims each with a conditional write of its next version
// (so two servers do not send it at the same moment) and hands it to one of
// limits::webhook_senders sender threads, at most one delivery per endpoint at a time: a
// receiver that never answers holds one sender for limits::webhook_request_timeout and no
// other endpoint's delivery. Each attempt is recorded over the claimed version, with the
// next attempt's time (backoff) or the end; the endpoint is disabled after a day of only
// failures. While nobody has an endpoint it reads nothing at all (IdleGate). Delivery is at
// least once: a process that dies between sending and recording
// leaves the claim to expire and the delivery is sent again, with the same webhook-id.
class WebhookDispatcher {
public:
    WebhookDispatcher(WebhookStore& store, WebhookService& service, const Clock& clock,
                      bool private_allowed);
    ~WebhookDispatcher();
    WebhookDispatcher(const WebhookDispatcher&) = delete;
    WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

    // Looks for due deliveries now rather than at the next poll.
    void wake();
    // An endpoint was made (or an event queued: somebody has one) or removed on this server:
    // told to the IdleGate, and the dispatcher woken.
    void endpoints_changed(bool created);
    // Whether anybody has an endpoint, as the dispatcher knows it (tests).
    const IdleGate& endpoints() const { return endpoints_; }
    // Cuts the transfers under way and joins every thread; idempotent.
    void stop();

private:
    void run();
    void run_pass();
    void deliver(const WebhookDelivery& claimed);
    void finish(const std::string& endpoint_id);

    WebhookStore& store_;
    WebhookService& service_;
    const Clock& clock_;
    WebhookSender sender_;
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    std::condition_variable changed_;
    bool woken_ = false;
    std::set<std::string> in_flight_;  // endpoint ids with a delivery under way
    // While nobody has an endpoint a pass reads nothing (limits::webhook_idle_recheck).
    IdleGate endpoints_;
    boost::asio::thread_pool senders_;
    std::thread thread_;
};

}  // namespace bank
