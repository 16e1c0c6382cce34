#include "storage/sqlite/sqlite_ledger_commands.hpp"

#include <stdexcept>
#include <string>

#include "core/random.hpp"
#include "ledger/account_number.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_error.hpp"
#include "storage/sqlite/sqlite_rows.hpp"

namespace bank {

namespace {

// Nine random digits collide rarely; this many tries in a row means something else is wrong.
constexpr int account_number_attempts_max = 16;

constexpr std::string_view opening_description = "Opening deposit";

WriteResult with_status(WriteStatus status) {
    WriteResult result;
    result.status = status;
    return result;
}

}  // namespace

WriteResult SqliteLedgerCommands::apply(const OpenAccount& command) {
    if (!select_user(connection_, command.user_id)) return with_status(WriteStatus::user_not_found);
    if (!command.opening_balance.is_zero()) {
        if (const auto status = check_amount(command.opening_balance); status != WriteStatus::ok) {
            return with_status(status);
        }
    }
    if (count_active_accounts(command.user_id) >= command.accounts_max) {
        return with_status(WriteStatus::too_many_accounts);
    }
    Account account = insert_account(command);
    if (command.opening_balance.is_zero()) {
        WriteResult result;
        result.account = std::move(account);
        return result;
    }
    Posting deposit;
    deposit.kind = PostingKind::deposit;
    deposit.user_id = command.user_id;
    deposit.account_id = account.account_id;
    deposit.amount = command.opening_balance;
    deposit.description = opening_description;
    PostingPlan plan = plan_posting(deposit, account, std::nullopt, clock_.now());
    return write_plan(plan);
}

WriteResult SqliteLedgerCommands::apply(const CloseAccount& command) {
    std::optional<Account> account = select_account(connection_, command.account_id);
    if (!account || account->user_id != command.user_id) {
        return with_status(WriteStatus::account_not_found);
    }
    if (account->status == AccountStatus::closed) return with_status(WriteStatus::account_closed);
    if (!account->balance.is_zero()) return with_status(WriteStatus::balance_not_zero);
    connection_.query("UPDATE accounts SET status = 'closed' WHERE account_id = ?")
        .bind(account->account_id)
        .run();
    account->status = AccountStatus::closed;
    WriteResult result;
    result.account = std::move(account);
    return result;
}

WriteResult SqliteLedgerCommands::apply(const Posting& command) {
    if (!command.idempotency_key.empty()) {
        if (auto duplicate = find_duplicate(command)) return std::move(*duplicate);
    }
    const std::optional<Account> account = select_account(connection_, command.account_id);
    std::optional<Account> payee;
    if (command.kind == PostingKind::transfer) {
        payee = select_account_by_number(connection_, command.to_account_number);
    }
    PostingPlan plan = plan_posting(command, account, payee, clock_.now());
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    return write_plan(plan);
}

Account SqliteLedgerCommands::insert_account(const OpenAccount& command) {
    Account account;
    account.account_id = new_id();
    account.user_id = command.user_id;
    account.account_type = command.account_type;
    account.status = AccountStatus::active;
    account.created_at = clock_.now();
    for (int attempt = 0; attempt < account_number_attempts_max; ++attempt) {
        account.account_number = AccountNumber::generate();
        try {
            connection_
                .query(
                    "INSERT INTO accounts (account_id, account_number, user_id, account_type, "
                    "balance, status, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)")
                .bind(account.account_id)
                .bind(account.account_number)
                .bind(account.user_id)
                .bind(to_string(account.account_type))
                .bind(to_string(account.status))
                .bind(to_micros(account.created_at))
                .run();
            return account;
        } catch (const SqliteError& error) {
            // A UNIQUE failure aborts only its statement; try another number.
            if (!error.is_unique_violation()) throw;
        }
    }
    throw std::runtime_error("sqlite: no free account number after " +
                             std::to_string(account_number_attempts_max) + " attempts");
}

// The original outcome of a retried request: its rows (the payer's first, then the other
// leg of a transfer) and the payer's account as it is now.
std::optional<WriteResult> SqliteLedgerCommands::find_duplicate(const Posting& command) {
    static const std::string original_sql =
        "SELECT " + std::string(transaction_columns) +
        " FROM transactions WHERE account_id = ?1 AND idempotency_key = ?2"
        " AND account_id IN (SELECT account_id FROM accounts WHERE user_id = ?3)";
    static const std::string other_leg_sql =
        "SELECT " + std::string(transaction_columns) +
        " FROM transactions WHERE transfer_id = ? AND transaction_id != ? ORDER BY sequence";
    WriteResult result;
    {
        auto query = connection_.query(original_sql);
        query.bind(command.account_id).bind(command.idempotency_key).bind(command.user_id);
        if (!query.step()) return std::nullopt;
        result.transactions.push_back(read_transaction(query));
    }
    const Transaction& original = result.transactions.front();
    if (!original.transfer_id.empty()) {
        auto query = connection_.query(other_leg_sql);
        query.bind(original.transfer_id).bind(original.transaction_id);
        while (query.step()) result.transactions.push_back(read_transaction(query));
    }
    result.status = WriteStatus::duplicate;
    result.account = select_account(connection_, command.account_id);
    return result;
}

WriteResult SqliteLedgerCommands::write_plan(PostingPlan& plan) {
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    update_balance(*plan.payer);
    if (plan.payee) update_balance(*plan.payee);
    for (Transaction& row : plan.rows) insert_transaction(row);
    WriteResult result;
    result.account = std::move(plan.payer);
    result.transactions = std::move(plan.rows);
    return result;
}

void SqliteLedgerCommands::update_balance(const Account& account) {
    connection_.query("UPDATE accounts SET balance = ? WHERE account_id = ?")
        .bind(account.balance.cents())
        .bind(account.account_id)
        .run();
}

void SqliteLedgerCommands::insert_transaction(Transaction& row) {
    connection_
        .query(
            "INSERT INTO transactions (transaction_id, account_id, transaction_type, amount, "
            "balance_after, counterparty_account_number, description, category, timestamp, "
            "transfer_id, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(row.transaction_id)
        .bind(row.account_id)
        .bind(to_string(row.transaction_type))
        .bind(row.amount.cents())
        .bind(row.balance_after.cents())
        .bind(row.counterparty_account_number)
        .bind(row.description)
        .bind(row.category)
        .bind(to_micros(row.timestamp))
        .bind(row.transfer_id)
        .bind(row.idempotency_key)
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
