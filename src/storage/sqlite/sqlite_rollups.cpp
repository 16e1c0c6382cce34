#include "storage/sqlite/sqlite_rollups.hpp"

#include <stdexcept>
#include <string>

#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// A total beyond int64 would turn into a REAL, which the STRICT tables refuse: the write
// then fails as a whole instead of storing a wrong sum.
void add_to_rollup(SqliteConnection& connection, std::string_view account_id,
                   std::string_view month, std::string_view category, TransactionType type,
                   std::int64_t total, std::int64_t count) {
    connection
        .query(
            "INSERT INTO rollups (account_id, month, category, transaction_type, total, count) "
            "VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (account_id, month, category, transaction_type) "
            "DO UPDATE SET total = total + excluded.total, count = count + excluded.count")
        .bind(account_id)
        .bind(month)
        .bind(category)
        .bind(to_string(type))
        .bind(total)
        .bind(count)
        .run();
}

void add_to_payee_rollup(SqliteConnection& connection, std::string_view account_id,
                         std::string_view month, std::string_view description, std::int64_t total,
                         std::int64_t count) {
    connection
        .query(
            "INSERT INTO payee_rollups (account_id, month, description, total, count) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, month, description) "
            "DO UPDATE SET total = total + excluded.total, count = count + excluded.count")
        .bind(account_id)
        .bind(month)
        .bind(description)
        .bind(total)
        .bind(count)
        .run();
}

void add_to_rollup(SqliteConnection& connection, const Transaction& row) {
    add_to_rollup(connection, row.account_id, format_month(row.timestamp), row.category,
                  row.transaction_type, row.amount.cents(), 1);
}

void remove_from_rollup(SqliteConnection& connection, const Transaction& row) {
    const std::string month = format_month(row.timestamp);
    const std::string_view type = to_string(row.transaction_type);
    connection
        .query(
            "UPDATE rollups SET total = total - ?1, count = count - 1 "
            "WHERE account_id = ?2 AND month = ?3 AND category = ?4 AND transaction_type = ?5 "
            "AND count >= 1 AND total >= ?1")
        .bind(row.amount.cents())
        .bind(row.account_id)
        .bind(month)
        .bind(row.category)
        .bind(type)
        .run();
    if (connection.changes() != 1) {
        throw std::runtime_error("sqlite: the rollup of transaction " + row.transaction_id +
                                 " does not hold it");
    }
    connection
        .query(
            "DELETE FROM rollups WHERE account_id = ? AND month = ? AND category = ? "
            "AND transaction_type = ? AND count = 0")
        .bind(row.account_id)
        .bind(month)
        .bind(row.category)
        .bind(type)
        .run();
}

}  // namespace bank
