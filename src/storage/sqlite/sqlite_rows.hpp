#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/model.hpp"
#include "ledger/store.hpp"

namespace bank {

class SqliteConnection;
class SqliteQuery;

// The column lists every SELECT of a whole row uses, in the order the read_* functions expect.
inline constexpr std::string_view user_columns =
    "user_id, email, password_hash, full_name, phone, created_at, failed_logins, "
    "locked_until, role, disabled, time_zone";
inline constexpr std::string_view account_columns =
    "account_id, account_number, user_id, account_type, balance, status, created_at, "
    "freeze_mode, freeze_reason";
inline constexpr std::string_view transaction_columns =
    "sequence, transaction_id, account_id, transaction_type, amount, balance_after, "
    "counterparty_account_number, description, category, timestamp, transfer_id, "
    "idempotency_key, reversal_of, reversed_by";
inline constexpr std::string_view session_columns =
    "token_hash, user_id, csrf_secret, created_at, last_seen, expires_at, session_id, kind, "
    "scope, name, user_agent, client_address";
inline constexpr int session_column_count = 12;
inline constexpr std::string_view rollup_columns =
    "account_id, month, category, transaction_type, total, count";
inline constexpr std::string_view payee_rollup_columns =
    "account_id, month, description, total, count";
inline constexpr std::string_view category_rule_columns =
    "rule_id, user_id, pattern, category, created_at";

// Rows to domain types. A value the schema's CHECKs allow but the domain does not know
// means a damaged file: that throws std::runtime_error.
// `first`: the column the row starts at, for a join that reads two rows side by side.
User read_user(const SqliteQuery& query, int first = 0);
Account read_account(const SqliteQuery& query);
Transaction read_transaction(const SqliteQuery& query);
Session read_session(const SqliteQuery& query, int first = 0);
Rollup read_rollup(const SqliteQuery& query);
PayeeRollup read_payee_rollup(const SqliteQuery& query);
CategoryRule read_category_rule(const SqliteQuery& query);

// Lookups by key, shared by the read connections and the writer.
std::optional<User> select_user(SqliteConnection& connection, std::string_view user_id);
std::optional<User> select_user_by_email(SqliteConnection& connection, std::string_view email);
std::optional<Session> select_session(SqliteConnection& connection, std::string_view token_hash);
// The session and its user in one statement (one read transaction).
std::optional<SessionAndUser> select_session_and_user(SqliteConnection& connection,
                                                      std::string_view token_hash);
std::optional<Account> select_account(SqliteConnection& connection, std::string_view account_id);
std::optional<Account> select_account_by_number(SqliteConnection& connection,
                                                std::string_view account_number);
std::vector<Account> select_accounts_of_user(SqliteConnection& connection,
                                             std::string_view user_id);
std::optional<Transaction> select_transaction(SqliteConnection& connection,
                                              std::string_view transaction_id);
// The transaction only when its account belongs to `user_id`.
std::optional<Transaction> select_transaction_of_user(SqliteConnection& connection,
                                                      std::string_view user_id,
                                                      std::string_view transaction_id);
std::vector<CategoryRule> select_category_rules_of_user(SqliteConnection& connection,
                                                        std::string_view user_id);
std::vector<Session> select_sessions_of_user(SqliteConnection& connection,
                                             std::string_view user_id);

}  // namespace bank
