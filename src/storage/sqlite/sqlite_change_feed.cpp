#include "storage/sqlite/sqlite_change_feed.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_rows.hpp"

namespace bank {

namespace {

constexpr std::size_t position_digits = 19;  // every positive int64 fits

}  // namespace

bool SqliteChangeFeed::is_position(std::string_view position) {
    if (position.size() != position_digits) return false;
    // 19 digits may exceed int64's largest; a sequence never does.
    if (position > std::string_view("9223372036854775807")) return false;
    return std::all_of(position.begin(), position.end(),
                       [](char c) { return c >= '0' && c <= '9'; });
}

std::string SqliteChangeFeed::position_of(std::int64_t sequence) {
    std::string digits = std::to_string(sequence);
    return std::string(position_digits - std::min(position_digits, digits.size()), '0') + digits;
}

const std::string& SqliteChangeFeed::page_sql() {
    static const std::string sql = "SELECT " + std::string(transaction_columns) +
                                   " FROM transactions WHERE sequence > ?"
                                   " ORDER BY sequence LIMIT ?";
    return sql;
}

ChangePage SqliteChangeFeed::read(std::string_view after, std::size_t limit) {
    const std::int64_t from = after.empty() ? 0 : std::stoll(std::string(after));
    auto select = connection_.query(page_sql());
    select.bind(from).bind(static_cast<std::int64_t>(limit) + 1);
    ChangePage page;
    while (select.step()) {
        if (page.changes.size() == limit) {
            page.has_more = true;
            break;
        }
        Transaction row = read_transaction(select);
        std::string position = position_of(row.sequence);
        page.changes.push_back(Change{std::move(position), std::move(row)});
    }
    return page;
}

}  // namespace bank
