#include "service/history_window_read.hpp"

#include <utility>
#include <vector>

#include "core/forecast_limits.hpp"
#include "core/local_date.hpp"

namespace bank {

namespace {

WindowPosting compact(const Transaction& row, const HistoryWindowScope& scope) {
    return WindowPosting{row.sequence,
                         row.timestamp,
                         local_date(row.timestamp, scope.zone),
                         row.amount,
                         !is_credit(row.transaction_type),
                         scope.own_numbers.contains(row.counterparty_account_number),
                         row.description};
}

TransactionQuery window_query(const HistoryWindowScope& scope) {
    TransactionQuery query;
    query.user_id = scope.user_id;
    query.account_id = scope.account_id;
    query.limit = limits::forecast_history_page_rows;
    return query;
}

// Reads the query's pages into `rows`; false when it stopped at scope.rows_max rows with
// pages left.
bool read_pages(LedgerReads& ledger, TransactionQuery query, const HistoryWindowScope& scope,
                std::vector<WindowPosting>& rows) {
    for (;;) {
        const std::vector<Transaction> page = ledger.list_transactions(query);
        for (const Transaction& row : page) rows.push_back(compact(row, scope));
        if (page.size() < query.limit) return true;
        if (rows.size() >= scope.rows_max) return false;
        query.continue_after(page.back());
    }
}

void read_whole(LedgerReads& ledger, const HistoryWindowScope& scope, PostingWindow& window) {
    window = PostingWindow{};
    TransactionQuery query = window_query(scope);
    query.from = scope.from;
    std::vector<WindowPosting> rows;
    read_pages(ledger, query, scope, rows);  // cut or not: advance_window bounds the window
    append_to_window(window, std::move(rows));
    advance_window(window, scope.from, scope.rows_max);
}

// False when the newer rows are too many to be worth appending (a whole read is as cheap) or
// the window must be read whole for them.
bool read_newer(LedgerReads& ledger, const HistoryWindowScope& scope, PostingWindow& window) {
    TransactionQuery query = window_query(scope);
    query.sort = TransactionSort::oldest;
    query.before_sequence = window.newest_sequence;  // oldest first: the rows after it
    std::vector<WindowPosting> rows;
    if (!read_pages(ledger, query, scope, rows)) return false;
    append_to_window(window, std::move(rows));
    return advance_window(window, scope.from, scope.rows_max);
}

}  // namespace

std::string window_key(const HistoryWindowScope& scope) {
    std::string key;
    // Each part after its length, so that no two scopes make one key.
    const auto add = [&key](std::string_view part) {
        key += std::to_string(part.size());
        key += ':';
        key += part;
    };
    add(scope.user_id);
    add(scope.account_id);
    add(scope.zone.name());
    for (const std::string& number : scope.own_numbers) add(number);
    return key;
}

void refresh_history_window(LedgerReads& ledger, const HistoryWindowScope& scope,
                            PostingWindow& window) {
    // A window with no row read has no sequence to continue after: read whole (it is short).
    if (window.complete && window.newest_sequence > 0 &&
        !window_tables_oversized(window, scope.rows_max) && read_newer(ledger, scope, window)) {
        return;
    }
    read_whole(ledger, scope, window);
}

}  // namespace bank
