#include "storage/sqlite/sqlite_ledger_commands.hpp"

#include <stdexcept>
#include <string>

#include "core/limits.hpp"
#include "ledger/account_number.hpp"
#include "ledger/activity.hpp"
#include "ledger/bank_figures.hpp"
#include "ledger/idempotency_plan.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_error.hpp"
#include "storage/sqlite/sqlite_rollup_batch.hpp"
#include "storage/sqlite/sqlite_rows.hpp"

namespace bank {

namespace {

// Nine random digits collide rarely; this many tries in a row means something else is wrong.
constexpr int account_number_attempts_max = 16;

}  // namespace

WriteResult SqliteLedgerCommands::apply(const OpenAccount& command) {
    OpenAccountState state;
    state.user_exists = select_user(connection_, command.user_id).has_value();
    state.active_accounts = count_active_accounts(command.user_id);
    OpenAccountPlan plan = plan_open_account(state, command, clock_.now());
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    PostingPlan& deposit = plan.opening_deposit;
    if (deposit.payer) {
        const auto status = guard_.admit(deposit, command_ids(command));
        if (status != WriteStatus::ok) return with_status(status);
    }
    Account account = plan.account;
    account.balance = Money();  // the opening deposit, if any, is posted next
    insert_account(account);
    rollups_.stage_figures(account_opening_deltas(account));
    if (!deposit.payer) {
        WriteResult result;
        result.account = std::move(account);
        return result;
    }
    deposit.payer->account_number = account.account_number;
    return write_plan(deposit);
}

WriteResult SqliteLedgerCommands::apply(const CloseAccount& command) {
    CloseAccountPlan plan =
        plan_close_account(select_account(connection_, command.account_id), command);
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    connection_.query("UPDATE accounts SET status = ? WHERE account_id = ?")
        .bind(to_string(plan.account.status))
        .bind(plan.account.account_id)
        .run();
    WriteResult result;
    result.account = std::move(plan.account);
    return result;
}

WriteResult SqliteLedgerCommands::apply(const Posting& command) {
    const Timestamp now = clock_.now();
    if (!command.idempotency_key.empty()) {
        if (auto earlier = find_earlier_request(command, now)) return std::move(*earlier);
    }
    const std::optional<Account> account = select_account(connection_, command.account_id);
    std::optional<Account> payee;
    if (command.kind == PostingKind::transfer) {
        payee = select_account_by_number(connection_, command.to_account_number);
    }
    PostingPlan plan = plan_posting(command, account, payee, now);
    const auto status = guard_.admit(plan, command);
    if (status != WriteStatus::ok) return with_status(status);
    WriteResult result = write_plan(plan);
    if (!command.idempotency_key.empty()) {
        remember_key(command, result.transactions.front().transaction_id, now);
    }
    return result;
}

// Another number is drawn when the plan's is taken: that is the store's uniqueness, not a
// business rule.
void SqliteLedgerCommands::insert_account(Account& account) {
    for (int attempt = 0; attempt < account_number_attempts_max; ++attempt) {
        if (attempt > 0) account.account_number = AccountNumber::generate();
        try {
            connection_
                .query(
                    "INSERT INTO accounts (account_id, account_number, user_id, account_type, "
                    "balance, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .bind(account.account_id)
                .bind(account.account_number)
                .bind(account.user_id)
                .bind(to_string(account.account_type))
                .bind(account.balance.cents())
                .bind(to_string(account.status))
                .bind(to_micros(account.created_at))
                .run();
            return;
        } catch (const SqliteError& error) {
            // A UNIQUE failure aborts only its statement; try another number.
            if (!error.is_unique_violation()) throw;
        }
    }
    throw std::runtime_error("sqlite: no free account number after " +
                             std::to_string(account_number_attempts_max) + " attempts");
}

// A key of this user, as plan_idempotent_request decides on it: the same request gets the
// original outcome, its rows (the payer's first, then the other leg of a transfer) and the
// payer's account as it is now; another request gets a conflict; a record older than the
// window no longer counts and is replaced when this posting applies.
std::optional<WriteResult> SqliteLedgerCommands::find_earlier_request(const Posting& command,
                                                                      Timestamp now) {
    auto record = connection_.query(
        "SELECT request_fingerprint, transaction_id, created_at FROM idempotency_keys "
        "WHERE user_id = ? AND key = ?");
    record.bind(command.user_id).bind(command.idempotency_key);
    std::optional<RememberedRequest> earlier;
    if (record.step()) earlier = RememberedRequest{record.text(0), from_micros(record.integer(2))};
    switch (plan_idempotent_request(earlier, command, now)) {
        case IdempotencyDecision::new_request:
            return std::nullopt;
        case IdempotencyDecision::conflict:
            return with_status(WriteStatus::idempotency_conflict);
        case IdempotencyDecision::replay:
            break;
    }
    std::optional<Transaction> original = select_transaction(connection_, record.text(1));
    if (!original) {
        throw std::runtime_error("sqlite: idempotency key of user " + command.user_id +
                                 " names missing transaction " + record.text(1));
    }
    WriteResult result;
    result.status = WriteStatus::duplicate;
    result.account = select_account(connection_, original->account_id);
    result.transactions.push_back(std::move(*original));
    const Transaction& payer_row = result.transactions.front();
    if (!payer_row.transfer_id.empty()) {
        // The other leg is on the account the payer's row names, at the same instant: one
        // seek of (account_id, timestamp), as there is no index by transfer_id.
        static const std::string other_leg_sql =
            "SELECT " + std::string(transaction_columns) +
            " FROM transactions WHERE account_id = "
            "(SELECT account_id FROM accounts WHERE account_number = ?1) "
            "AND timestamp = ?2 AND transfer_id = ?3 AND transaction_id != ?4 ORDER BY sequence";
        auto query = connection_.query(other_leg_sql);
        query.bind(payer_row.counterparty_account_number)
            .bind(to_micros(payer_row.timestamp))
            .bind(payer_row.transfer_id)
            .bind(payer_row.transaction_id);
        while (query.step()) result.transactions.push_back(read_transaction(query));
    }
    return result;
}

void SqliteLedgerCommands::remember_key(const Posting& command, std::string_view transaction_id,
                                        Timestamp now) {
    remember_record(command.user_id, command.idempotency_key, command.request_fingerprint,
                    transaction_id, now);
}

// Also drops the user's expired records, so the table holds about one window of keys.
void SqliteLedgerCommands::remember_record(std::string_view user_id, std::string_view key,
                                           std::string_view fingerprint, std::string_view outcome,
                                           Timestamp now) {
    drop_expired_records(user_id, now);
    connection_
        .query(
            "INSERT INTO idempotency_keys (user_id, key, request_fingerprint, transaction_id, "
            "created_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (user_id, key) DO UPDATE SET "
            "request_fingerprint = excluded.request_fingerprint, "
            "transaction_id = excluded.transaction_id, created_at = excluded.created_at")
        .bind(user_id)
        .bind(key)
        .bind(fingerprint)
        .bind(outcome)
        .bind(to_micros(now))
        .run();
}

// A person's expired records are looked for at most once per
// limits::idempotency_cleanup_interval (and on the first keyed write after the store opens),
// so the table holds at most about the window plus that interval of a person's keys; a record
// past the window counts for nothing meanwhile (plan_idempotent_request). Looking for them
// walks every record of the person (the key is (user_id, key)), and a keyed posting did it
// every time: with 50 standing orders a person, the walk and the DELETE were 8 to 10% of the
// writer's samples (docs/BENCHMARKS.md, "A single posting's cost in the writer"). The DELETE
// itself runs only when there is something to delete: with foreign keys on, SQLite collects
// its rows in an ephemeral table opened and closed on every run, found or not.
void SqliteLedgerCommands::drop_expired_records(std::string_view user_id, Timestamp now) {
    std::string user(user_id);
    if (const auto due = key_cleanup_due_.find(user);
        due != key_cleanup_due_.end() && now < due->second) {
        return;
    }
    // Forgetting when each person was looked at only means looking again once.
    if (key_cleanup_due_.size() >= limits::idempotency_cleanup_people_max) key_cleanup_due_.clear();
    key_cleanup_due_[std::move(user)] = now + limits::idempotency_cleanup_interval;
    const std::int64_t window_start = to_micros(idempotency_window_start(now));
    {
        auto expired = connection_.query(
            "SELECT 1 FROM idempotency_keys WHERE user_id = ? AND created_at <= ? LIMIT 1");
        expired.bind_unowned(user_id).bind(window_start);
        if (!expired.step()) return;
    }
    connection_.query("DELETE FROM idempotency_keys WHERE user_id = ? AND created_at <= ?")
        .bind(user_id)
        .bind(window_start)
        .run();
}

WriteResult SqliteLedgerCommands::write_plan(PostingPlan& plan) {
    update_balance(*plan.payer);
    if (plan.payee) update_balance(*plan.payee);
    for (Transaction& row : plan.rows) insert_transaction(row);
    rollups_.stage(plan.rows, plan.rollups);
    rollups_.stage_figures(bank_figure_deltas(plan));
    stage_activity(plan);
    WriteResult result;
    result.account = std::move(plan.payer);
    result.transactions = std::move(plan.rows);
    return result;
}

// Merged per writer batch (SqliteRollupBatch::write_activity): a bulk payment of a thousand
// items is one person's activity in one month, and was a thousand INSERT OR IGNOREs.
void SqliteLedgerCommands::stage_activity(const PostingPlan& plan) {
    if (auto activity = activity_of(plan)) rollups_.stage_activity(std::move(*activity));
}

void SqliteLedgerCommands::update_balance(const Account& account) {
    connection_.query("UPDATE accounts SET balance = ? WHERE account_id = ?")
        .bind(account.balance.cents())
        .bind_unowned(account.account_id)
        .run();
}

// The row's text is bound without a copy: the row outlives the statement run here.
void SqliteLedgerCommands::insert_transaction(Transaction& row) {
    connection_
        .query(
            "INSERT INTO transactions (transaction_id, account_id, transaction_type, amount, "
            "balance_after, counterparty_account_number, description, category, timestamp, "
            "transfer_id, idempotency_key, reversal_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?)")
        .bind_unowned(row.transaction_id)
        .bind_unowned(row.account_id)
        .bind_unowned(to_string(row.transaction_type))
        .bind(row.amount.cents())
        .bind(row.balance_after.cents())
        .bind_unowned(row.counterparty_account_number)
        .bind_unowned(row.description)
        .bind_unowned(row.category)
        .bind(to_micros(row.timestamp))
        .bind_unowned(row.transfer_id)
        .bind_unowned(row.idempotency_key)
        .bind_unowned(row.reversal_of)
        .run();
    row.sequence = connection_.last_insert_rowid();
}

std::size_t SqliteLedgerCommands::count_active_accounts(std::string_view user_id) {
    auto query =
        connection_.query("SELECT count(*) FROM accounts WHERE user_id = ? AND status = 'active'");
    query.bind(user_id);
    query.step();
    return static_cast<std::size_t>(query.integer(0));
}

}  // namespace bank
