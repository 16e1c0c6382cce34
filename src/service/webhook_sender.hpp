#pragma once

#include <atomic>
#include <string>

#include "ledger/webhook_plans.hpp"

namespace bank {

// One signed POST to a receiver, as libcurl makes it, hardened against the receiver: the
// host is resolved and checked here (WebhookAddress) and the connection pinned to that
// address (CURLOPT_RESOLVE), so a second DNS answer cannot switch it; no redirect is
// followed; https only (http too when private addresses are allowed); no proxy; the whole
// request is cut after limits::webhook_request_timeout and the answer after
// limits::webhook_response_bytes_max. Blocking: it runs on the dispatcher's senders only.
class WebhookSender {
public:
    explicit WebhookSender(bool private_allowed) : private_allowed_(private_allowed) {}

    struct Message {
        std::string url;
        std::string message_id;
        long long timestamp_seconds = 0;
        std::string signature;  // the webhook-signature header's value
        std::string body;
    };

    // Sends and says what came of it (`at` left for the caller); `stopping` set cuts a
    // transfer under way (shutdown).
    WebhookAttempt post(const Message& message, const std::atomic<bool>& stopping) const;

private:
    bool private_allowed_;
};

}  // namespace bank
