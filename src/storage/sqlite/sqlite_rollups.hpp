#pragma once

#include <cstdint>
#include <string_view>

#include "ledger/model.hpp"

namespace bank {

class SqliteConnection;

// Keep the rollups table in step with a recategorised transaction row. Each runs in the
// caller's savepoint, next to the change of the row it mirrors. New postings add to the
// rollups and payee rollups through SqliteRollupBatch.

// Adds `count` postings totalling `total` cents to an (account, month, category, type)
// rollup, creating it if needed: the one upsert of the rollups table (the writer's batch sums
// and a recategorised row both go through it).
void add_to_rollup(SqliteConnection& connection, std::string_view account_id,
                   std::string_view month, std::string_view category, TransactionType type,
                   std::int64_t total, std::int64_t count);
// The same for an (account, month, description) payee rollup.
void add_to_payee_rollup(SqliteConnection& connection, std::string_view account_id,
                         std::string_view month, std::string_view description, std::int64_t total,
                         std::int64_t count);
// Applies a planned rollup change (ledger/ledger_changes.hpp). A negative one takes rows back
// out of their rollup, dropping the rollup when no row is left in it, and throws
// std::runtime_error when the rollup does not hold them: the file is damaged.
void apply_rollup_change(SqliteConnection& connection, const Rollup& change);

}  // namespace bank
