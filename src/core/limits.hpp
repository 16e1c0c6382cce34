#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

// Every limit of the system, named once. Each is covered by a test.
namespace bank::limits {

// HTTP edge
inline constexpr std::size_t request_body_max = 64 * 1024;
inline constexpr std::size_t request_header_max = 16 * 1024;
inline constexpr std::size_t form_fields_max = 32;
inline constexpr std::chrono::seconds request_timeout{30};

// Inputs
inline constexpr std::size_t description_length_max = 200;
inline constexpr std::size_t email_length_max = 254;
inline constexpr std::size_t full_name_length_max = 100;
inline constexpr std::size_t phone_length_max = 20;
inline constexpr std::size_t password_length_min = 8;
inline constexpr std::size_t password_length_max = 72;          // bcrypt reads 72 bytes at most
inline constexpr std::int64_t amount_cents_max = 1'000'000'00;  // $1,000,000.00 per transaction
inline constexpr std::size_t accounts_per_user_max = 10;
inline constexpr std::size_t page_size = 25;
inline constexpr std::size_t page_size_max = 100;
// An Excel export is built whole before it is sent (a zip cannot stream); past this many rows
// the sheet says where it stopped (the CSV streams any number). About 6 MB.
inline constexpr std::size_t xlsx_export_rows_max = 100'000;

// Authentication
inline constexpr int login_attempts_max = 5;
inline constexpr std::chrono::minutes lock_duration{30};
inline constexpr int bcrypt_cost = 12;
inline constexpr std::chrono::minutes session_idle_timeout{30};
inline constexpr std::chrono::hours session_absolute_timeout{12};
inline constexpr std::chrono::seconds session_touch_interval{60};
// Sessions and their people kept for authentication (service/session_cache.hpp), about 1 KB
// each: the least recently used go first beyond this many.
inline constexpr std::size_t session_cache_entries_max = 10'000;
inline constexpr std::size_t sessions_per_user_max = 10;
inline constexpr std::size_t user_agent_length_max = 200;  // longer ones are kept cut short
inline constexpr std::size_t access_tokens_per_user_max = 20;
inline constexpr std::size_t access_token_name_length_max = 60;
inline constexpr int access_token_lifetime_days_max = 365;
inline constexpr std::chrono::minutes password_reset_link_lifetime{30};
inline constexpr std::size_t password_reset_links_per_user_max = 3;  // a newer one ends the oldest
inline constexpr int registrations_per_address_max = 5;              // per registration_window
inline constexpr std::chrono::minutes registration_window{60};
// Sign-in attempts per client address per minute, page and API together; beyond the
// per-account lockout, so that one address cannot cheaply lock out many people.
inline constexpr std::size_t logins_per_address_per_minute = 30;
// API requests per token (or per address without one) per minute.
inline constexpr std::size_t api_requests_per_minute = 6000;

inline constexpr std::chrono::hours idempotency_window{24};
inline constexpr std::size_t idempotency_key_length_max = 255;
// The SQLite writer looks for a person's expired idempotency records at most this often (it
// walks all of the person's records), remembering when for at most this many people.
inline constexpr std::chrono::hours idempotency_cleanup_interval{1};
inline constexpr std::size_t idempotency_cleanup_people_max = 100'000;
inline constexpr std::size_t category_rules_per_user_max = 100;
inline constexpr std::size_t category_rule_pattern_length_max = 100;

// Audit log of security events. The SQLite store keeps a person's newest
// audit_events_per_user_max events, trimming in the write that adds one; DynamoDB lets
// events expire audit_event_retention after they happened.
inline constexpr std::size_t audit_events_per_user_max = 200;
inline constexpr std::chrono::days audit_event_retention{400};
inline constexpr std::size_t audit_events_shown = 20;  // on /profile and in the API's default
inline constexpr std::size_t audit_detail_length_max = 200;
inline constexpr std::size_t client_address_length_max = 64;  // an IPv6 text form is 45 at most

// Concurrency
inline constexpr std::size_t writer_queue_depth_max = 10'000;
inline constexpr std::size_t writer_batch_max = 512;
// The SQLite store's background writes (the scheduler's postings, interest) go in groups of at
// most this many (storage/sqlite/sqlite_write_lanes.hpp), so a person's write that arrives
// meanwhile waits for one such group at most (512 standing-order postings: about 50 ms). Not
// fewer: 30,000 postings of `bank_bench post-orders` took 5.1 and 5.8 s in groups of 64, 3.3 and
// 4.2 s in groups of 256, 2.9 and 3.1 s in groups of 512 (a group's fsync and its dirty index
// leaves are paid once for all of it; docs/BENCHMARKS.md).
inline constexpr std::size_t background_writer_batch_max = 512;
inline constexpr std::size_t worker_pool_size = 2;
inline constexpr std::size_t worker_queue_depth_max = 64;
// With a store whose reads wait on the network (DynamoDB), requests run on this many threads
// of their own, so the I/O threads keep answering (health checks, static files) meanwhile.
inline constexpr std::size_t store_request_threads = 32;
// Rendered dashboards kept in memory (web/dashboard_cache.hpp), about 13 KB each: the least
// recently used go first beyond this many bytes.
inline constexpr std::size_t dashboard_cache_bytes_max = 16 * 1024 * 1024;

// Bank-wide reads of /admin and /api/v1/admin/overview (service/admin_service.hpp): each
// reads at most this many items, and the page says which figures stopped there.
inline constexpr std::size_t admin_users_read_max = 10'000;
inline constexpr std::size_t admin_accounts_read_max = 10'000;
inline constexpr std::size_t admin_rollups_read_max = 50'000;
inline constexpr std::size_t admin_postings_read_max = 50'000;

// Bank operations with four eyes (ledger/proposal_plans.hpp): a proposal not approved or
// rejected within its lifetime can no longer be; the list reads at most this many proposals;
// a reason is this long at most.
inline constexpr std::chrono::hours proposal_lifetime{24};
inline constexpr std::size_t proposals_listed_max = 200;
inline constexpr std::size_t proposal_reason_length_max = 200;
// Bulk payments (POST /api/v1/transfers/batch and the /transfers/batch page): at most this
// many transfers in one batch, decided one by one and committed together.
inline constexpr std::size_t transfer_batch_items_max = 1'000;
// The request body those two routes may send (every other route keeps request_body_max): a
// batch of transfer_batch_items_max items of about 150 bytes each fits.
inline constexpr std::size_t transfer_batch_body_max = 256 * 1024;
// An uploaded CSV of payments (the page): at most this many bytes and
// transfer_batch_items_max rows after its header.
inline constexpr std::size_t transfer_batch_csv_bytes_max = 128 * 1024;
// The change feed (GET /api/v1/admin/changes): a page holds 1 to change_feed_page_max
// postings, change_feed_page_default when the loader names no limit.
inline constexpr std::size_t change_feed_page_max = 1'000;
inline constexpr std::size_t change_feed_page_default = 100;

}  // namespace bank::limits
