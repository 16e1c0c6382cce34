#pragma once

#include <chrono>
#include <cstddef>

// The named limits of standing orders (kept beside core/limits.hpp).
namespace bank::limits {

// Orders a person may have that are still to run (active or paused); cancelled and
// completed ones stay in the list as history and do not count.
inline constexpr std::size_t standing_orders_per_user_max = 50;
// After downtime, occurrences due at most this many days ago still run (in order, once
// each); older ones are recorded as skipped, so a server started after a long stop does not
// pay months of rent at once.
inline constexpr int standing_order_catch_up_days_max = 7;
// An occurrence short of funds is tried again at each pass for this long after its due day
// began, then marked failed.
inline constexpr std::chrono::hours standing_order_retry_window{72};
// How long a server's claim on an occurrence keeps other servers off it. A claim that ran
// out (its server died between claim and posting) is taken over; the posting's idempotency
// key makes the retried posting a replay if the first one was made.
inline constexpr std::chrono::seconds occurrence_claim_lease{120};
// Due orders read by one scheduler pass; the rest wait for the next pass. As many as the
// issue's benchmark makes due at once, so that they all run in one pass.
inline constexpr std::size_t standing_orders_per_pass_max = 100'000;
// Due orders the scheduler runs together: their claims, outcomes and next dates are each one
// batch call to the store, and their postings are submitted to the writer together. On SQLite
// each of those calls is a commit outside the writer: 100,000 orders due at once spent 20 s of
// an 88-s pass in them in batches of 500, 8 s of 82 s in batches of 2,000 (docs/BENCHMARKS.md).
inline constexpr std::size_t standing_orders_per_batch = 2000;
// The scheduler's default interval between passes (BANK_SCHEDULER_INTERVAL, seconds).
inline constexpr std::chrono::seconds scheduler_interval_default{30};
// Occurrences of one order the API and the page list, newest first.
inline constexpr std::size_t occurrences_shown_max = 100;
// Occurrences of one order `bank verify` reads to find each outcome's audit event, newest
// first: five years of a daily order, within the one DynamoDB Query (1 MB) that reads them.
inline constexpr std::size_t occurrences_verified_per_order_max = 2000;
// Dates the order's answer and page show ahead.
inline constexpr std::size_t standing_order_next_dates = 5;

}  // namespace bank::limits
