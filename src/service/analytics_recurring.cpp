// AnalyticsService::recurring: the history it reads and how a posting becomes an input of
// detect_recurring (ledger/recurring_detection.hpp).
#include <set>

#include "core/limits.hpp"
#include "core/recurring_limits.hpp"
#include "core/time_zone.hpp"
#include "service/analytics_service.hpp"

namespace bank {

namespace {

Date local_date(Timestamp at, const TimeZone& zone) {
    return Date(std::chrono::floor<std::chrono::days>(zone.to_wall(at)));
}

}  // namespace

RecurringReport AnalyticsService::recurring(const User& user) const {
    const TimeZone zone = TimeZone::named_or_utc(user.time_zone);
    const Timestamp now = clock_.now();
    std::set<std::string> own_numbers;
    for (const Account& account : ledger_.list_accounts(user.user_id)) {
        own_numbers.insert(account.account_number);
    }
    TransactionQuery query;
    query.user_id = user.user_id;
    query.from = now - limits::recurring_history_days;
    query.limit = limits::page_size_max;
    RecurringReport report;
    report.today = local_date(now, zone);
    std::vector<RecurringInput> inputs;
    std::size_t read = 0;
    for (;;) {
        const std::vector<Transaction> rows = ledger_.list_transactions(query);
        for (const Transaction& row : rows) {
            // Moving money between one's own accounts is neither a bill nor income.
            if (own_numbers.contains(row.counterparty_account_number)) continue;
            inputs.push_back(RecurringInput{local_date(row.timestamp, zone), row.description,
                                            row.amount, !is_credit(row.transaction_type)});
        }
        read += rows.size();
        if (rows.size() < query.limit) break;
        if (read >= limits::recurring_history_rows_max) {
            report.history_truncated = true;
            break;
        }
        query.continue_after(rows.back());
    }
    report.series = detect_recurring(std::move(inputs), report.today);
    return report;
}

}  // namespace bank
