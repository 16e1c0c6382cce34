#include "storage/sqlite/sqlite_rows.hpp"

#include <stdexcept>
#include <string>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_query.hpp"

namespace bank {

namespace {

template <class T>
T known(std::optional<T> value, std::string_view column, const std::string& text) {
    if (!value) {
        throw std::runtime_error("sqlite: unknown " + std::string(column) + " '" + text + "'");
    }
    return *value;
}

std::string select_sql(std::string_view columns, std::string_view rest) {
    std::string sql = "SELECT ";
    sql += columns;
    sql += ' ';
    sql += rest;
    return sql;
}

// "a, b" of `table` as "table.a, table.b", for a join whose tables share column names.
std::string qualified(std::string_view table, std::string_view columns) {
    std::string out;
    std::size_t start = 0;
    while (start < columns.size()) {
        std::size_t end = columns.find(", ", start);
        if (end == std::string_view::npos) end = columns.size();
        if (!out.empty()) out += ", ";
        out += table;
        out += '.';
        out += columns.substr(start, end - start);
        start = end + 2;
    }
    return out;
}

template <class T, class Read>
std::optional<T> select_one(SqliteConnection& connection, const std::string& sql,
                            std::string_view key, Read read) {
    auto query = connection.query(sql);
    query.bind(key);
    if (!query.step()) return std::nullopt;
    return read(query);
}

}  // namespace

User read_user(const SqliteQuery& query, int first) {
    User user;
    user.user_id = query.text(first);
    user.email = query.text(first + 1);
    user.password_hash = query.text(first + 2);
    user.full_name = query.text(first + 3);
    user.phone = query.text(first + 4);
    user.created_at = from_micros(query.integer(first + 5));
    user.failed_logins = static_cast<int>(query.integer(first + 6));
    user.locked_until = from_micros(query.integer(first + 7));
    const std::string role = query.text(first + 8);
    user.role = known(parse_role(role), "role", role);
    user.disabled = query.integer(first + 9) != 0;
    user.time_zone = query.text(first + 10);
    return user;
}

Account read_account(const SqliteQuery& query) {
    Account account;
    account.account_id = query.text(0);
    account.account_number = query.text(1);
    account.user_id = query.text(2);
    const std::string type = query.text(3);
    account.account_type = known(parse_account_type(type), "account_type", type);
    account.balance = Money::from_cents(query.integer(4));
    const std::string status = query.text(5);
    account.status = known(parse_account_status(status), "status", status);
    account.created_at = from_micros(query.integer(6));
    if (const std::string mode = query.text(7); !mode.empty()) {
        account.freeze =
            AccountFreeze{known(parse_freeze_mode(mode), "freeze_mode", mode), query.text(8)};
    }
    return account;
}

Transaction read_transaction(const SqliteQuery& query) {
    Transaction row;
    row.sequence = query.integer(0);
    row.transaction_id = query.text(1);
    row.account_id = query.text(2);
    const std::string type = query.text(3);
    row.transaction_type = known(parse_transaction_type(type), "transaction_type", type);
    row.amount = Money::from_cents(query.integer(4));
    row.balance_after = Money::from_cents(query.integer(5));
    row.counterparty_account_number = query.text(6);
    row.description = query.text(7);
    row.category = query.text(8);
    row.timestamp = from_micros(query.integer(9));
    row.transfer_id = query.text(10);
    row.idempotency_key = query.text(11);
    row.reversal_of = query.text(12);
    row.reversed_by = query.text(13);
    return row;
}

Session read_session(const SqliteQuery& query, int first) {
    Session session;
    session.token_hash = query.text(first);
    session.user_id = query.text(first + 1);
    session.csrf_secret = query.text(first + 2);
    session.created_at = from_micros(query.integer(first + 3));
    session.last_seen = from_micros(query.integer(first + 4));
    session.expires_at = from_micros(query.integer(first + 5));
    session.session_id = query.text(first + 6);
    const std::string kind = query.text(first + 7);
    session.kind = known(parse_session_kind(kind), "session kind", kind);
    const std::string scope = query.text(first + 8);
    session.scope = known(parse_token_scope(scope), "token scope", scope);
    session.name = query.text(first + 9);
    session.user_agent = query.text(first + 10);
    session.client_address = query.text(first + 11);
    return session;
}

Rollup read_rollup(const SqliteQuery& query) {
    Rollup rollup;
    rollup.account_id = query.text(0);
    rollup.month = query.text(1);
    rollup.category = query.text(2);
    const std::string type = query.text(3);
    rollup.transaction_type = known(parse_transaction_type(type), "transaction_type", type);
    rollup.total = Money::from_cents(query.integer(4));
    rollup.count = query.integer(5);
    return rollup;
}

PayeeRollup read_payee_rollup(const SqliteQuery& query) {
    PayeeRollup rollup;
    rollup.account_id = query.text(0);
    rollup.month = query.text(1);
    rollup.description = query.text(2);
    rollup.total = Money::from_cents(query.integer(3));
    rollup.count = query.integer(4);
    return rollup;
}

CategoryRule read_category_rule(const SqliteQuery& query) {
    CategoryRule rule;
    rule.rule_id = query.text(0);
    rule.user_id = query.text(1);
    rule.pattern = query.text(2);
    rule.category = query.text(3);
    rule.created_at = from_micros(query.integer(4));
    return rule;
}

namespace {

// read_user and read_session with their rows starting at the first column.
constexpr auto user_row = [](const SqliteQuery& query) { return read_user(query); };
constexpr auto session_row = [](const SqliteQuery& query) { return read_session(query); };

}  // namespace

std::optional<User> select_user(SqliteConnection& connection, std::string_view user_id) {
    static const std::string sql = select_sql(user_columns, "FROM users WHERE user_id = ?");
    return select_one<User>(connection, sql, user_id, user_row);
}

std::optional<User> select_user_by_email(SqliteConnection& connection, std::string_view email) {
    static const std::string sql = select_sql(user_columns, "FROM users WHERE email = ?");
    return select_one<User>(connection, sql, email, user_row);
}

std::optional<Session> select_session(SqliteConnection& connection, std::string_view token_hash) {
    static const std::string sql =
        select_sql(session_columns, "FROM sessions WHERE token_hash = ?");
    return select_one<Session>(connection, sql, token_hash, session_row);
}

std::optional<SessionAndUser> select_session_and_user(SqliteConnection& connection,
                                                      std::string_view token_hash) {
    static const std::string sql =
        select_sql(qualified("sessions", session_columns) + ", " + qualified("users", user_columns),
                   "FROM sessions JOIN users ON users.user_id = sessions.user_id "
                   "WHERE sessions.token_hash = ?");
    return select_one<SessionAndUser>(connection, sql, token_hash, [](const SqliteQuery& query) {
        return SessionAndUser{read_session(query), read_user(query, session_column_count)};
    });
}

std::optional<Account> select_account(SqliteConnection& connection, std::string_view account_id) {
    static const std::string sql =
        select_sql(account_columns, "FROM accounts WHERE account_id = ?");
    return select_one<Account>(connection, sql, account_id, read_account);
}

std::optional<Account> select_account_by_number(SqliteConnection& connection,
                                                std::string_view account_number) {
    static const std::string sql =
        select_sql(account_columns, "FROM accounts WHERE account_number = ?");
    return select_one<Account>(connection, sql, account_number, read_account);
}

std::vector<Account> select_accounts_of_user(SqliteConnection& connection,
                                             std::string_view user_id) {
    static const std::string sql =
        select_sql(account_columns, "FROM accounts WHERE user_id = ? ORDER BY created_at, rowid");
    std::vector<Account> accounts;
    auto query = connection.query(sql);
    query.bind(user_id);
    while (query.step()) accounts.push_back(read_account(query));
    return accounts;
}

std::optional<Transaction> select_transaction(SqliteConnection& connection,
                                              std::string_view transaction_id) {
    static const std::string sql =
        select_sql(transaction_columns, "FROM transactions WHERE transaction_id = ?");
    return select_one<Transaction>(connection, sql, transaction_id, read_transaction);
}

std::optional<Transaction> select_transaction_of_user(SqliteConnection& connection,
                                                      std::string_view user_id,
                                                      std::string_view transaction_id) {
    static const std::string sql =
        select_sql(transaction_columns,
                   "FROM transactions WHERE transaction_id = ? AND account_id IN "
                   "(SELECT account_id FROM accounts WHERE user_id = ?)");
    auto query = connection.query(sql);
    query.bind(transaction_id).bind(user_id);
    if (!query.step()) return std::nullopt;
    return read_transaction(query);
}

std::vector<CategoryRule> select_category_rules_of_user(SqliteConnection& connection,
                                                        std::string_view user_id) {
    static const std::string sql = select_sql(
        category_rule_columns, "FROM category_rules WHERE user_id = ? ORDER BY created_at, rowid");
    std::vector<CategoryRule> rules;
    auto query = connection.query(sql);
    query.bind(user_id);
    while (query.step()) rules.push_back(read_category_rule(query));
    return rules;
}

std::vector<Session> select_sessions_of_user(SqliteConnection& connection,
                                             std::string_view user_id) {
    static const std::string sql = select_sql(session_columns, "FROM sessions WHERE user_id = ?");
    std::vector<Session> sessions;
    auto query = connection.query(sql);
    query.bind(user_id);
    while (query.step()) sessions.push_back(read_session(query));
    return sessions;
}

}  // namespace bank
