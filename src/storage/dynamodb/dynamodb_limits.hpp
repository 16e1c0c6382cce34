#pragma once

#include <chrono>
#include <cstddef>

// The limits of the DynamoDB store, each named once (see core/limits.hpp for the rest).
namespace bank::dynamodb_limits {

// The retry budget: every command (and every read) may retry this often in all, after
// throttling, a 5xx answer, a network failure, a TransactionConflict or a condition another
// writer made fail. When it is spent the command answers WriteStatus::unavailable (a read
// throws), and nothing of it is applied: each write is one TransactWriteItems.
inline constexpr int retries_max = 12;
// Backoff before retry n is a random wait in [0, min(retry_delay_max, base * 2^n)]
// ("full jitter"), so that colliding writers spread out.
inline constexpr std::chrono::milliseconds retry_delay_base{10};
inline constexpr std::chrono::milliseconds retry_delay_max{500};

// Per HTTP request; an attempt never runs past the operation's deadline either.
inline constexpr std::chrono::milliseconds connect_timeout{1000};
inline constexpr std::chrono::milliseconds request_timeout{2000};
// However many retries are left, an operation (one read, or one write command) gives up
// after this long, so a person waiting on an unreachable DynamoDB gets "try again" within
// seconds rather than minutes.
inline constexpr std::chrono::milliseconds operation_deadline{4000};

// The store's own threads that run write commands, and how many may wait for them.
inline constexpr std::size_t write_threads = 8;
inline constexpr std::size_t write_queue_depth_max = 10'000;
// Idle curl handles kept for reuse (each keeps its connection alive).
inline constexpr std::size_t idle_connections_max = 32;

// A new account number that is taken already is drawn again at most this often.
inline constexpr int account_number_attempts_max = 16;

// TransactWriteItems, BatchGetItem: the most items one request may carry.
inline constexpr std::size_t batch_get_items_max = 100;
// Batches of new items (dynamodb_new_items::put_all: AppendAuditEvents' events, a round's
// interest records): a request of up to 100 that failed is sent again, each try with a fresh
// retry budget, until this many tries in a row settled none of its items
// (ledger/conditional_batch_plans.hpp), then given up (an audit event answers unavailable,
// interest records throw StoreUnavailable): a DynamoDB unreachable for three operation
// deadlines (12 s). Also the tries of an outcome and its event that conflict (issue 14).
inline constexpr int new_item_tries_max = 3;
// Independent requests sent together (run_concurrently): the scheduler's batches of
// conditional writes and reads of standing orders (each its own PutItem or GetItem), the
// overview's Queries of the largest transfers (one per day and shard): how many are in flight
// at once.
inline constexpr std::size_t requests_in_flight = 16;

// setup-dynamodb: how long to wait for the tables to become ACTIVE.
inline constexpr std::chrono::seconds table_active_timeout{300};

// The change feed (DynamoDbChangeFeed): its items are spread over this many partition keys
// (fixed: a reader merges them all, and a posting's shard is its account's hash modulo this);
// and the feed serves a posting only once its logical time is this far in the past. A
// posting is stamped before its TransactWriteItems and committed within operation_deadline
// (4 s) of its command's start, so a lag of 10 s leaves 6 s for the clocks of two servers to
// disagree before a late commit with an earlier stamp could fall behind a served cursor.
inline constexpr std::size_t change_feed_shards = 16;
inline constexpr std::chrono::milliseconds change_feed_settle_lag{10'000};

}  // namespace bank::dynamodb_limits
