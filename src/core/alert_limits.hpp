#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

// The named limits of alerts and notifications (kept beside core/limits.hpp).
namespace bank::limits {

// Alert rules one person may keep: every kind with a few thresholds, and a bound on what the
// evaluator reads for each posting of theirs.
inline constexpr std::size_t alert_rules_per_user_max = 20;
// Notifications kept per person: a newer one pushes the oldest out, so the bell's count and
// the /notifications page read at most this many.
inline constexpr std::size_t notifications_per_user_max = 200;
// Notifications one page (and one GET /api/v1/notifications) shows, newest first.
inline constexpr std::size_t notifications_page_size = 50;
// Postings the alert evaluator reads from the change feed per step; the cursor advances
// after each page, so a crash repeats at most one page (absorbed by the notifications'
// deterministic ids). Each advance is a write of its own, outside the ledger writer's queue,
// that takes SQLite's write lock (and an fsync) while the writer waits for it: at 200 a page,
// a ring of transfers made 25 such writes a second. 2,000 makes it a tenth of that.
inline constexpr std::size_t alert_feed_page_size = 2'000;
// Pages one evaluation pass reads at most before it lets the thread check for a stop (the
// same 10,000 postings a pass as before).
inline constexpr std::size_t alert_pages_per_pass_max = 5;
// How often the evaluator reads the feed (BANK_ALERT_INTERVAL overrides it for tests).
inline constexpr std::chrono::seconds alert_pass_interval{2};
// While nobody has a rule the evaluator reads nothing (IdleGate): a rule made on this server
// wakes it at once; one made on another server is found by a one-item read this often, so
// within alert_idle_recheck + alert_pass_interval (32 s). Postings made meanwhile are read
// then (the cursor waited) and alert under the rules made before them.
inline constexpr std::chrono::seconds alert_idle_recheck{30};
// The largest threshold a rule may name: $100,000,000.00, as a budget's amount.
inline constexpr std::int64_t alert_threshold_cents_max = 100'000'000'00;
// The budget shares that raise a budget alert, in percent.
inline constexpr std::int64_t budget_alert_first_percent = 80;
inline constexpr std::int64_t budget_alert_second_percent = 100;

}  // namespace bank::limits
