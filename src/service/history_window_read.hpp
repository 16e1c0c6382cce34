#pragma once

#include <cstddef>
#include <set>
#include <string>

#include "core/time_zone.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/posting_window.hpp"

namespace bank {

// Whose postings a history window holds and since when.
struct HistoryWindowScope {
    std::string user_id;
    std::string account_id;             // empty: every account of the person
    std::set<std::string> own_numbers;  // the person's account numbers (WindowRow::own)
    TimeZone zone;                      // WindowRow::date
    Timestamp from;                     // the window's start (inclusive)
    std::size_t rows_max = 0;           // a multiple of limits::forecast_history_page_rows
};

// The key a window of the scope is kept under: everything its rows depend on but the start
// (the person, the account, the zone of the dates, the person's account numbers).
std::string window_key(const HistoryWindowScope& scope);

// Brings `window` to what a full read of the scope returns now: the newest `rows_max`
// postings since `from`, newest first. A window read before (the same scope, the same
// accounts) gets only the postings of a higher sequence than its newest, read oldest first
// through (account_id, sequence), appended; otherwise, or when ledger/posting_window.hpp says
// the rows kept no longer suffice, it is read whole, newest first, in pages of
// limits::forecast_history_page_rows. A query derived from LedgerReads, on every engine.
void refresh_history_window(LedgerReads& ledger, const HistoryWindowScope& scope,
                            PostingWindow& window);

}  // namespace bank
