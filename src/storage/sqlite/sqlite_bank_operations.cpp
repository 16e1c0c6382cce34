// SqliteLedgerCommands' bank operations (freeze, unfreeze, reversal), kept out of
// sqlite_ledger_commands.cpp. Each reads its planner's state inside the writer's transaction
// and its own savepoint (ledger/bank_operation_plans.hpp decides).
#include <stdexcept>
#include <string>

#include "ledger/bank_operation_plans.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_ledger_commands.hpp"
#include "storage/sqlite/sqlite_rows.hpp"

namespace bank {

namespace {

// A transfer's other leg: on the account the row names as its counterparty, at the same
// instant, with the same transfer id (one seek of (account_id, timestamp), as the idempotent
// replay of a transfer finds it).
std::optional<Transaction> select_other_leg(SqliteConnection& connection, const Transaction& row) {
    static const std::string sql =
        "SELECT " + std::string(transaction_columns) +
        " FROM transactions WHERE account_id = "
        "(SELECT account_id FROM accounts WHERE account_number = ?1) "
        "AND timestamp = ?2 AND transfer_id = ?3 AND transaction_id != ?4";
    auto query = connection.query(sql);
    query.bind(row.counterparty_account_number)
        .bind(to_micros(row.timestamp))
        .bind(row.transfer_id)
        .bind(row.transaction_id);
    if (!query.step()) return std::nullopt;
    return read_transaction(query);
}

}  // namespace

WriteResult SqliteLedgerCommands::apply(const SetAccountFreeze& command) {
    FreezePlan plan =
        plan_set_account_freeze(select_account(connection_, command.account_id), command);
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    const auto& freeze = plan.account.freeze;
    connection_.query("UPDATE accounts SET freeze_mode = ?, freeze_reason = ? WHERE account_id = ?")
        .bind(freeze ? std::string(to_string(freeze->mode)) : std::string())
        .bind(freeze ? freeze->reason : std::string())
        .bind(plan.account.account_id)
        .run();
    WriteResult result;
    result.account = std::move(plan.account);
    return result;
}

WriteResult SqliteLedgerCommands::apply(const ReversePosting& command) {
    ReversalState state;
    state.row = select_transaction(connection_, command.transaction_id);
    if (state.row) {
        state.account = select_account(connection_, state.row->account_id);
        if (!state.row->transfer_id.empty()) {
            state.other_leg = select_other_leg(connection_, *state.row);
            if (state.other_leg) {
                state.other_account = select_account(connection_, state.other_leg->account_id);
            }
        }
    }
    ReversalPlan plan = plan_reversal(state, command, clock_.now());
    const auto status =
        guard_.admit(plan.posting, "the reversal of transaction " + command.transaction_id);
    if (status != WriteStatus::ok) return with_status(status);
    for (const Transaction& undone : plan.reversed) {
        // The planner saw no reversal; the condition states it again in the write itself.
        connection_
            .query(
                "UPDATE transactions SET reversed_by = ? WHERE transaction_id = ? AND "
                "reversed_by = ''")
            .bind(undone.reversed_by)
            .bind(undone.transaction_id)
            .run();
        if (connection_.changes() != 1) {
            throw std::runtime_error("sqlite: transaction " + undone.transaction_id +
                                     " was reversed under the writer");
        }
    }
    return write_plan(plan.posting);
}

}  // namespace bank
