#include "service/webhook_sender.hpp"

#include <curl/curl.h>

#include <chrono>
#include <memory>

#include "core/webhook_limits.hpp"
#include "service/webhook_address.hpp"

namespace bank {

namespace {

struct CurlDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct HeaderListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

struct Transfer {
    std::size_t received = 0;
    const std::atomic<bool>* stopping = nullptr;
};

// Counts the answer and cuts it past the cap: only its status is recorded.
std::size_t on_body(char* /*data*/, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    transfer->received += size * count;
    if (transfer->received > limits::webhook_response_bytes_max) return 0;
    return size * count;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* transfer = static_cast<Transfer*>(user);
    return transfer->stopping->load() ? 1 : 0;
}

curl_slist* headers_of(const WebhookSender::Message& message) {
    curl_slist* list = nullptr;
    list = curl_slist_append(list, "Content-Type: application/json");
    list = curl_slist_append(list, ("webhook-id: " + message.message_id).c_str());
    list = curl_slist_append(
        list, ("webhook-timestamp: " + std::to_string(message.timestamp_seconds)).c_str());
    list = curl_slist_append(list, ("webhook-signature: " + message.signature).c_str());
    list = curl_slist_append(list, "User-Agent: bank-webhooks/1");
    // No "Expect: 100-continue" wait on a body of a few KiB.
    list = curl_slist_append(list, "Expect:");
    return list;
}

void set_limits(CURL* curl, bool private_allowed, Transfer& transfer) {
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, private_allowed ? "http,https" : "https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    const auto timeout = std::chrono::milliseconds(limits::webhook_request_timeout).count();
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
}

}  // namespace

WebhookAttempt WebhookSender::post(const Message& message,
                                   const std::atomic<bool>& stopping) const {
    WebhookAttempt attempt;
    const auto url = parse_webhook_url(message.url);
    if (!url) {
        attempt.error = "the endpoint's URL cannot be read";
        return attempt;
    }
    const WebhookAddress::Resolved resolved = WebhookAddress::resolve(url->host, private_allowed_);
    if (!resolved.refusal.empty()) {
        attempt.error = resolved.refusal;
        return attempt;
    }
    const std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) {
        attempt.error = "cannot start a request";
        return attempt;
    }
    const bool v6 = resolved.address.find(':') != std::string::npos;
    const std::string pin = url->host + ":" + std::to_string(url->port) + ":" +
                            (v6 ? "[" + resolved.address + "]" : resolved.address);
    const std::unique_ptr<curl_slist, HeaderListDeleter> pins(
        curl_slist_append(nullptr, pin.c_str()));
    const std::unique_ptr<curl_slist, HeaderListDeleter> headers(headers_of(message));
    Transfer transfer;
    transfer.stopping = &stopping;
    set_limits(curl.get(), private_allowed_, transfer);
    curl_easy_setopt(curl.get(), CURLOPT_URL, message.url.c_str());
    // A numeric host is connected to as it is: there is no name to rebind.
    if (resolved.address != url->host) curl_easy_setopt(curl.get(), CURLOPT_RESOLVE, pins.get());
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, message.body.data());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(message.body.size()));
    const auto started = std::chrono::steady_clock::now();
    const CURLcode code = curl_easy_perform(curl.get());
    attempt.latency_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - started)
                             .count();
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    attempt.status = static_cast<int>(status);
    // An answer cut at the cap still has its status; anything else failed.
    if (code == CURLE_WRITE_ERROR && status != 0) return attempt;
    if (code != CURLE_OK) {
        attempt.status = 0;
        attempt.error = code == CURLE_OPERATION_TIMEDOUT ? "the receiver did not answer in time"
                                                         : curl_easy_strerror(code);
    }
    return attempt;
}

}  // namespace bank
