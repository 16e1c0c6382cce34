#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/change_feed_reads.hpp"

namespace bank {

class SqliteConnection;

// SqliteStore's change feed. The position is the transactions' sequence, zero-padded to 19
// digits so that text order is number order. It is the commit order: `sequence` is the
// rowid of an AUTOINCREMENT table, written only by the single writer thread, and each of
// its batches is one transaction; so every row a later commit adds has a larger sequence
// than every row a reader could already see, and no number is ever used again. A page is
// one seek of the primary key and `limit + 1` rows read in order: no scan, no extra index.
class SqliteChangeFeed {
public:
    explicit SqliteChangeFeed(SqliteConnection& connection) : connection_(connection) {}

    static bool is_position(std::string_view position);
    static std::string position_of(std::int64_t sequence);
    // The query of a page (after a sequence, at most a limit), for the test of its plan.
    static const std::string& page_sql();

    ChangePage read(std::string_view after, std::size_t limit);

private:
    SqliteConnection& connection_;
};

}  // namespace bank
