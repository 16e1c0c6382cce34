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

void apply_rollup_change(SqliteConnection& connection, const Rollup& change) {
    if (change.count >= 0) {
        add_to_rollup(connection, change.account_id, change.month, change.category,
                      change.transaction_type, change.total.cents(), change.count);
        return;
    }
    const std::string_view type = to_string(change.transaction_type);
    connection
        .query(
            "UPDATE rollups SET total = total + ?1, count = count + ?2 "
            "WHERE account_id = ?3 AND month = ?4 AND category = ?5 AND transaction_type = ?6 "
            "AND count >= -?2 AND total >= -?1")
        .bind(change.total.cents())
        .bind(change.count)
        .bind(change.account_id)
        .bind(change.month)
        .bind(change.category)
        .bind(type)
        .run();
    if (connection.changes() != 1) {
        throw std::runtime_error("sqlite: the " + std::string(type) + " rollup of account " +
                                 change.account_id + " for " + change.month +
                                 " does not hold the rows taken out of it");
    }
    connection
        .query(
            "DELETE FROM rollups WHERE account_id = ? AND month = ? AND category = ? "
            "AND transaction_type = ? AND count = 0")
        .bind(change.account_id)
        .bind(change.month)
        .bind(change.category)
        .bind(type)
        .run();
}

}  // namespace bank
