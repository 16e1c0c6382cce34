#pragma once

#include "ledger/model.hpp"

namespace bank {

class SqliteConnection;

// Keep the rollups table in step with a recategorised transaction row. Each runs in the
// caller's savepoint, next to the change of the row it mirrors. New postings add to the
// rollups and payee rollups through SqliteRollupBatch.

// Adds a posted row to its (account, month, category, type) rollup, creating it if needed.
void add_to_rollup(SqliteConnection& connection, const Transaction& row);
// Takes a row back out of its rollup, dropping the rollup when no row is left in it.
// Throws std::runtime_error when the rollup does not hold the row: the file is damaged.
void remove_from_rollup(SqliteConnection& connection, const Transaction& row);

}  // namespace bank
