// AnalyticsService::recurring: the history it reads and how a posting becomes an input of
// detect_recurring (ledger/recurring_detection.hpp).
#include <algorithm>
#include <optional>
#include <set>

#include "core/forecast_limits.hpp"
#include "core/limits.hpp"
#include "core/local_date.hpp"
#include "core/recurring_limits.hpp"
#include "core/time_zone.hpp"
#include "service/analytics_service.hpp"
#include "service/history_window_read.hpp"

namespace bank {

namespace {

std::vector<std::string> version_ids(const User& user, const std::vector<Account>& accounts) {
    std::vector<std::string> ids{user.user_id};
    for (const Account& account : accounts) ids.push_back(account.account_id);
    return ids;
}

}  // namespace

AnalyticsService::AnalyticsService(LedgerReads& ledger, AnalyticsReads& reads, const Clock& clock,
                                   LedgerWriter* versions)
    : ledger_(ledger),
      reads_(reads),
      clock_(clock),
      versions_(versions),
      recurring_cache_(limits::report_cache_entries_max),
      recurring_windows_(limits::history_window_bytes_max) {}

RecurringReport AnalyticsService::recurring(const User& user) const {
    std::vector<Account> accounts = ledger_.list_accounts(user.user_id);
    bool keeps = false;
    std::uint64_t at = 0;  // the data version, when `keeps`
    if (versions_ != nullptr) {
        // The version is read before the data it guards; an account opened in between shows
        // in the ids, and then nothing is kept.
        const std::vector<std::string> ids = version_ids(user, accounts);
        if (const auto version = versions_->data_version(ids)) {
            keeps = true;
            at = *version;
            // Only then read again: a store that tells no version (DynamoDB) is read once.
            accounts = ledger_.list_accounts(user.user_id);
            keeps = version_ids(user, accounts) == ids;
        }
    }
    const Timestamp now = clock_.now();
    const TimeZone zone = TimeZone::named_or_utc(user.time_zone);
    const auto day = [&](Timestamp at) {
        return std::to_string(
            std::chrono::sys_days(local_date(at, zone)).time_since_epoch().count());
    };
    std::string key = user.user_id;
    key += '|';
    key += day(now);
    if (keeps) {
        if (auto kept = recurring_cache_.find(key, at, now)) return std::move(*kept);
    }
    Timestamp valid_through;
    RecurringReport report = detect(user, accounts, now, keeps, valid_through);
    if (keeps) recurring_cache_.keep(key, at, valid_through, report);
    return report;
}

RecurringReport AnalyticsService::detect(const User& user, const std::vector<Account>& accounts,
                                         Timestamp now, bool keeps,
                                         Timestamp& valid_through) const {
    HistoryWindowScope scope{user.user_id,
                             "",
                             {},
                             TimeZone::named_or_utc(user.time_zone),
                             now - limits::recurring_history_days,
                             limits::recurring_history_rows_max};
    for (const Account& account : accounts) scope.own_numbers.insert(account.account_number);
    const std::string key = keeps ? window_key(scope) : std::string();
    PostingWindow window;
    if (keeps) window = recurring_windows_.take(key).value_or(PostingWindow{});
    refresh_history_window(ledger_, scope, window);
    RecurringReport report;
    report.today = local_date(now, scope.zone);
    report.history_truncated = window.truncated;
    std::vector<KeyedRecurringInput> inputs;
    inputs.reserve(window.rows.size());
    Timestamp oldest = Timestamp::max();
    for (const WindowRow& row : window.rows) {
        oldest = std::min(oldest, row.timestamp);
        // Moving money between one's own accounts is neither a bill nor income.
        if (row.own) continue;
        inputs.push_back(KeyedRecurringInput{row.date, row.amount, row.outgoing, row.payee,
                                             &window.descriptions[row.description]});
    }
    // A row stays in the window while now - recurring_history_days is not after it.
    valid_through = oldest == Timestamp::max() ? oldest : oldest + limits::recurring_history_days;
    report.series = detect_recurring(inputs, window.payees, report.today);
    if (keeps) recurring_windows_.keep(key, std::move(window));
    return report;
}

}  // namespace bank
