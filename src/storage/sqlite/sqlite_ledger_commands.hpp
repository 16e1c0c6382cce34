#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "ledger/account_plans.hpp"
#include "ledger/plan_guard.hpp"
#include "ledger/posting_plan.hpp"
#include "ledger/write_command.hpp"

namespace bank {

class SqliteConnection;
class SqliteRollupBatch;

// Applies the account and posting commands on the writer's connection, inside the batch's
// transaction (and a savepoint of their own, except a posting: see SqliteStore::apply_batch),
// with the idempotency records they change; the rollups they change are staged in the
// writer's rollup batch. Each reads the state its planner needs (src/ledger: plan_posting,
// plan_open_account, plan_close_account) inside that transaction, so the plan decides on
// exactly what the write will change; the store's PlanGuard checks the plan's invariants,
// and only then is anything written. A posting refuses before it writes anything.
class SqliteLedgerCommands {
public:
    SqliteLedgerCommands(SqliteConnection& connection, SqliteRollupBatch& rollups,
                         const Clock& clock, const PlanGuard& guard)
        : connection_(connection), rollups_(rollups), clock_(clock), guard_(guard) {}

    WriteResult apply(const OpenAccount& command);
    WriteResult apply(const CloseAccount& command);
    WriteResult apply(const Posting& command);
    // sqlite_bank_operations.cpp
    WriteResult apply(const SetAccountFreeze& command);
    WriteResult apply(const ReversePosting& command);
    // sqlite_posting_batch.cpp: every item in this one transaction of the writer.
    WriteResult apply(const PostingBatch& command);

private:
    void insert_account(Account& account);
    std::optional<WriteResult> find_earlier_request(const Posting& command, Timestamp now);
    void remember_key(const Posting& command, std::string_view transaction_id, Timestamp now);
    // Records (user, key) with the request's fingerprint and what it did (`outcome`: the
    // payer's transaction id, or a batch's outcomes, ledger/posting_batch_plan.hpp).
    void remember_record(std::string_view user_id, std::string_view key,
                         std::string_view fingerprint, std::string_view outcome, Timestamp now);
    void drop_expired_records(std::string_view user_id, Timestamp now);
    std::optional<WriteResult> find_earlier_batch(const PostingBatch& command, Timestamp now);
    std::vector<Account> read_batch_accounts(const std::vector<Posting>& items);
    void apply_batch_items(const PostingBatch& command, Timestamp now,
                           std::vector<WriteResult>& results);
    WriteResult write_plan(PostingPlan& plan);
    // ledger/activity.hpp: the posting's person counted active in its month, once.
    void stage_activity(const PostingPlan& plan);
    void update_balance(const Account& account);
    void insert_transaction(Transaction& row);
    std::size_t count_active_accounts(std::string_view user_id);

    SqliteConnection& connection_;
    SqliteRollupBatch& rollups_;
    const Clock& clock_;
    const PlanGuard& guard_;
    // When each person's expired idempotency records are next looked for (drop_expired_records),
    // by the writer thread that holds the connection (SqliteWriteLanes: one at a time).
    std::unordered_map<std::string, Timestamp> key_cleanup_due_;
};

}  // namespace bank
