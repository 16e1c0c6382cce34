#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "ledger/bank_figures.hpp"
#include "ledger/plan_guard.hpp"
#include "ledger/posting_plan.hpp"
#include "ledger/write_command.hpp"
#include "storage/dynamodb/dynamodb_reads.hpp"

namespace bank {

class DynamoDbClient;

// The account, posting, category and rule commands. Each reads what its planner in
// src/ledger needs with consistent reads, lets the planner decide (the same function every
// store calls: plan_posting, plan_open_account, plan_recategorize...), has the store's
// PlanGuard check the plan's invariants, and then writes everything in one
// TransactWriteItems whose conditions hold only if nothing it read has changed. When a
// condition fails, another writer got there first: the command reads again and decides
// again, within its retry budget.
//
// Ordering of the history: every posting gets a logical time, the latest of the clock, one
// microsecond after the last posting of each account it touches (kept on the account as
// last_micros, which every posting is conditioned on) and one after the last logical time
// this process gave out (so one process's postings keep their order even within one
// microsecond). That time is the row's timestamp
// (the sort key of AccountIdTimestampIndex), so each account's rows are strictly ordered
// as their balances were. Transaction::sequence is timestamp_micros * 1000 + 2 * r + leg,
// with r random in [0, 500) and leg 0 for the acted-on row and 1 for a transfer's other
// leg: int64 until the year 2262, unique among one user's rows but for a 1-in-500 chance
// of two postings of different accounts in the same microsecond, and ordered like the
// timestamps, so keyset paging by sequence matches the index order.
// What a posting writes of its person's activity (ledger/activity.hpp): the marker's
// conditional Put and the counters when this posting counts the person, and the month the
// payer account's active_month moves on to.
struct ActivityWrite {
    std::optional<boost::json::object> marker;
    std::vector<BankFigure> deltas;
    std::string account_month;  // empty: the account's active_month stays
};

class DynamoDbLedgerCommands {
public:
    DynamoDbLedgerCommands(DynamoDbClient& client, const DynamoDbTables& tables,
                           DynamoDbReads& reads, const Clock& clock, const PlanGuard& guard)
        : client_(client), tables_(tables), reads_(reads), clock_(clock), guard_(guard) {}

    WriteResult apply(const OpenAccount& command, RetryBudget& budget);
    WriteResult apply(const CloseAccount& command, RetryBudget& budget);
    WriteResult apply(const Posting& command, RetryBudget& budget);
    // dynamodb_posting_batch.cpp: the items in order, each its own transaction.
    WriteResult apply(const PostingBatch& command, RetryBudget& budget);
    WriteResult apply(const Recategorize& command, RetryBudget& budget);
    WriteResult apply(const CreateCategoryRule& command, RetryBudget& budget);
    WriteResult apply(const DeleteCategoryRule& command, RetryBudget& budget);
    // dynamodb_bank_operations.cpp
    WriteResult apply(const SetAccountFreeze& command, RetryBudget& budget);
    WriteResult apply(const ReversePosting& command, RetryBudget& budget);

    static constexpr std::int64_t sequence_ticks_per_micro = 1000;

private:
    std::optional<WriteResult> remembered_outcome(const Posting& command, RetryBudget& budget);
    std::optional<WriteResult> remembered_batch(const PostingBatch& command, RetryBudget& budget);
    void remember_batch(const PostingBatch& command, const std::vector<WriteResult>& items,
                        RetryBudget& budget);
    std::optional<WriteResult> try_open(const OpenAccount& command, RetryBudget& budget);
    std::optional<WriteResult> try_close(const CloseAccount& command, RetryBudget& budget);
    std::optional<WriteResult> try_post(const Posting& command, RetryBudget& budget);
    std::optional<WriteResult> try_recategorize(const Recategorize& command, RetryBudget& budget);
    std::optional<WriteResult> try_create_rule(const CreateCategoryRule& command,
                                               RetryBudget& budget);
    std::optional<WriteResult> try_delete_rule(const DeleteCategoryRule& command,
                                               RetryBudget& budget);
    std::optional<WriteResult> try_freeze(const SetAccountFreeze& command, RetryBudget& budget);
    std::optional<WriteResult> try_reverse(const ReversePosting& command, RetryBudget& budget);
    std::optional<Transaction> other_leg(const Transaction& row, RetryBudget& budget);
    // Sends the items as one transaction; nullopt when a condition failed (decide again).
    std::optional<WriteResult> transact(boost::json::array items, RetryBudget& budget,
                                        WriteResult on_success);
    // The logical time of a posting: after `floor_micros`, the clock and the last one given.
    std::int64_t next_logical_micros(std::int64_t floor_micros);
    void stamp(PostingPlan& plan, std::int64_t logical_micros);
    void add_posting_items(boost::json::array& items, const PostingPlan& plan,
                           const StoredAccount& payer, const std::optional<StoredAccount>& payee,
                           const Posting& command, const ActivityWrite& activity = {});
    // dynamodb_activity.cpp: what the posting writes of its person's activity.
    ActivityWrite activity_write(const PostingPlan& plan, const StoredAccount& payer,
                                 RetryBudget& budget);
    void add_figure_items(boost::json::array& items, const PostingPlan& plan,
                          const std::vector<BankFigure>& deltas);
    void add_rollup_item(boost::json::array& items, const Rollup& change);
    // A posting row and its change feed item.
    void add_transaction_items(boost::json::array& items, const Transaction& row);
    // Nothing for a deposit or an incoming transfer.
    void add_payee_rollup_item(boost::json::array& items, const Transaction& row);

    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
    DynamoDbReads& reads_;
    const Clock& clock_;
    const PlanGuard& guard_;
    std::atomic<std::int64_t> last_logical_micros_{0};
};

}  // namespace bank
