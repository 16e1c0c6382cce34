#include "storage/sqlite/sqlite_rollup_batch.hpp"

#include <stdexcept>

#include "core/clock.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_rollups.hpp"

namespace bank {

void SqliteRollupBatch::stage(const Transaction& row) { staged_.push_back(row); }

void SqliteRollupBatch::keep_staged() {
    for (const Transaction& row : staged_) {
        std::string month = format_month(row.timestamp);
        if (!is_credit(row.transaction_type)) {
            add(payee_rollups_[PayeeKey{row.account_id, month, row.description}], row.amount);
        }
        add(rollups_[RollupKey{row.account_id, std::move(month), row.category,
                               row.transaction_type}],
            row.amount);
    }
    staged_.clear();
}

void SqliteRollupBatch::drop_staged() { staged_.clear(); }

void SqliteRollupBatch::write(SqliteConnection& connection) {
    for (const auto& [key, sum] : rollups_) {
        const auto& [account_id, month, category, type] = key;
        add_to_rollup(connection, account_id, month, category, type, sum.total, sum.count);
    }
    for (const auto& [key, sum] : payee_rollups_) {
        const auto& [account_id, month, description] = key;
        add_to_payee_rollup(connection, account_id, month, description, sum.total, sum.count);
    }
    clear();
}

void SqliteRollupBatch::clear() {
    staged_.clear();
    rollups_.clear();
    payee_rollups_.clear();
}

void SqliteRollupBatch::add(Sum& sum, Money amount) {
    const auto total = Money::from_cents(sum.total).checked_add(amount);
    if (!total) throw std::overflow_error("sqlite: a rollup total does not fit in 64 bits");
    sum.total = total->cents();
    ++sum.count;
}

}  // namespace bank
