#pragma once

#include <chrono>
#include <cstddef>

// The named limits of webhooks (kept beside core/limits.hpp).
namespace bank::limits {

// Endpoints one person may register: enough for a few receivers, and a bound on the
// endpoints one event is copied to.
inline constexpr std::size_t webhook_endpoints_per_person = 10;
// The longest URL an endpoint may have (a receiver's path with a token fits).
inline constexpr std::size_t webhook_url_length_max = 2048;
// The events one endpoint may subscribe to is the fixed list of ledger/webhook.hpp; an event
// type's name is at most this long.
inline constexpr std::size_t webhook_event_type_length_max = 64;
// A delivery is retried with backoff for this long after its first attempt, then given up.
inline constexpr std::chrono::hours webhook_retry_window{24};
// An endpoint whose deliveries have only failed for this long is disabled.
inline constexpr std::chrono::hours webhook_failing_disable_after{24};
// One request to a receiver (connecting, sending, reading the answer) at most this long.
inline constexpr std::chrono::seconds webhook_request_timeout{5};
// What is read of a receiver's answer before the transfer is cut: the status is what counts.
inline constexpr std::size_t webhook_response_bytes_max = 64 * 1024;
// Deliveries under way at once in one process (one thread each), and at most one per
// endpoint, so a slow receiver holds one thread and never another endpoint's delivery.
inline constexpr std::size_t webhook_senders = 4;
// Due deliveries read per pass of the dispatcher.
inline constexpr std::size_t webhook_due_batch_max = 32;
// How often the dispatcher looks for due deliveries when nothing woke it.
inline constexpr std::chrono::seconds webhook_poll_interval{1};
// While nobody has an endpoint the dispatcher reads nothing (IdleGate): an endpoint made (or
// an event queued) on this server wakes it at once; one made on another server is found by a
// one-item read this often, so within webhook_idle_recheck + webhook_poll_interval (31 s).
inline constexpr std::chrono::seconds webhook_idle_recheck{30};
// A claimed delivery is left to its claimant this long; a process that died while sending
// leaves it due again after that (at least once).
inline constexpr std::chrono::seconds webhook_claim_lease{60};
// Entries of an endpoint's delivery log one answer shows (newest first).
inline constexpr std::size_t webhook_deliveries_listed_max = 100;
// The largest event payload (JSON) one delivery carries.
inline constexpr std::size_t webhook_payload_bytes_max = 16 * 1024;
// What is kept of a failed attempt's error text in the log.
inline constexpr std::size_t webhook_error_text_max = 200;

}  // namespace bank::limits
