#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "ledger/recurrence_rule.hpp"

namespace bank {

// One posting of a history window, in the compact form the forecast and the recurring payments
// need: not a whole Transaction. Its description and payee (payee_key of the description) are
// indexes into the window's tables, so that each is keyed once, when the row is read, rather
// than on every report.
struct WindowRow {
    std::int64_t sequence = 0;
    Timestamp timestamp;
    Date date;                      // local, in the zone the window was read in
    Money amount;                   // positive
    bool outgoing = true;           // money left the account
    bool own = false;               // the counterparty is one of the person's accounts
    std::uint32_t description = 0;  // index into PostingWindow::descriptions
    std::uint32_t payee = 0;        // index into PostingWindow::payees
};

// A row as read, before it is keyed.
struct WindowPosting {
    std::int64_t sequence = 0;
    Timestamp timestamp;
    Date date;
    Money amount;
    bool outgoing = true;
    bool own = false;
    std::string description;
};

// The newest `rows_max` postings (by sequence) of a scope dated at or after `from`: what a full
// read of the window returns. Kept between requests so that after a new posting only the rows
// newer than `newest_sequence` are read and appended (sequences grow with every posting and a
// posting's date, amount, type, description and counterparty never change: an edit only
// touches its category or reversal mark).
struct PostingWindow {
    std::vector<WindowRow> rows;  // sequence descending, as the full read returns them
    std::vector<std::string> descriptions;
    std::vector<std::string> payees;
    std::unordered_map<std::string, std::uint32_t> description_index;
    std::unordered_map<std::string, std::uint32_t> payee_index;
    std::int64_t newest_sequence = 0;  // the highest read; 0: none
    Timestamp from;                    // the window's start when last advanced
    bool truncated = false;            // the scope held at least rows_max rows since `from`
    bool complete = false;             // read at least once

    // Roughly what the window holds in memory (for the cache's budget).
    std::size_t bytes() const;
};

// Adds rows read after the window's newest (any order, each sequence above
// `window.newest_sequence`), keying their descriptions.
void append_to_window(PostingWindow& window, std::vector<WindowPosting> newer);

// Moves the window's start to `from` (not before its last start) and keeps the newest
// `rows_max` rows: the rows a full read at `from` would return, then true. False when a full
// read must be done instead: the window had stopped at the row limit and rows have since left
// it (by date), so older rows it never read may belong to it now, or `from` went back.
bool advance_window(PostingWindow& window, Timestamp from, std::size_t rows_max);

// Whether the tables hold far more entries than the rows use (descriptions typed once each,
// keyed and since dropped): the window is then read again whole.
bool window_tables_oversized(const PostingWindow& window, std::size_t rows_max);

}  // namespace bank
