#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "ledger/posting_plan.hpp"
#include "ledger/write_command.hpp"

namespace bank {

class SqliteConnection;
class SqliteRollupBatch;

// Applies the account and posting commands on the writer's connection, inside the batch's
// transaction (and a savepoint of their own, except a posting: see SqliteStore::apply_batch),
// with the idempotency records they change; the rollups they change are staged in the
// writer's rollup batch. A posting refuses before it writes anything.
// Every account is read inside that transaction, so the checks of plan_posting see
// exactly what the write will change.
class SqliteLedgerCommands {
public:
    SqliteLedgerCommands(SqliteConnection& connection, SqliteRollupBatch& rollups,
                         const Clock& clock)
        : connection_(connection), rollups_(rollups), clock_(clock) {}

    WriteResult apply(const OpenAccount& command);
    WriteResult apply(const CloseAccount& command);
    WriteResult apply(const Posting& command);

private:
    Account insert_account(const OpenAccount& command);
    std::optional<WriteResult> find_earlier_request(const Posting& command, Timestamp now);
    void remember_key(const Posting& command, std::string_view transaction_id, Timestamp now);
    WriteResult write_plan(PostingPlan& plan);
    void update_balance(const Account& account);
    void insert_transaction(Transaction& row);
    std::size_t count_active_accounts(std::string_view user_id);

    SqliteConnection& connection_;
    SqliteRollupBatch& rollups_;
    const Clock& clock_;
};

}  // namespace bank
