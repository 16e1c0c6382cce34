#include "storage/sqlite/sqlite_schema_steps.hpp"

#include <cstdint>
#include <string>

#include "core/bank_figure_limits.hpp"
#include "ledger/interest_rate.hpp"

namespace bank {

namespace {

// Savings goals (schema 17): a person's goals, each on one of their savings accounts
// (SqliteGoals). Its own step, like the budgets. The standing order that feeds a goal is an
// id, empty when the automatic transfer is off.
constexpr const char* migration_to_goals_sql = R"sql(
CREATE TABLE IF NOT EXISTS savings_goals (
    goal_id           TEXT PRIMARY KEY,
    user_id           TEXT NOT NULL,
    account_id        TEXT NOT NULL,
    name              TEXT NOT NULL,
    target_cents      INTEGER NOT NULL CHECK (target_cents > 0),
    target_date       TEXT NOT NULL,
    standing_order_id TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    version           INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS savings_goals_by_user ON savings_goals (user_id, created_at);
)sql";
constexpr int goals_schema_version = 17;

// Alerts and notifications (schema 18): each person's rules, their
// notifications (the id is deterministic, so a repeated evaluation inserts nothing) and the
// evaluator's one cursor row (SqliteNotifications).
constexpr const char* migration_to_notifications_sql = R"sql(
CREATE TABLE IF NOT EXISTS alert_rules (
    rule_id         TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL,
    kind            TEXT NOT NULL,
    has_threshold   INTEGER NOT NULL,
    threshold_cents INTEGER NOT NULL,
    email           INTEGER NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_rules_by_user ON alert_rules (user_id, created_at);
CREATE TABLE IF NOT EXISTS notifications (
    notification_id TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL,
    rule_id         TEXT NOT NULL,
    kind            TEXT NOT NULL,
    subject_id      TEXT NOT NULL,
    message         TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    read            INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS notifications_by_user
    ON notifications (user_id, created_at, notification_id);
CREATE TABLE IF NOT EXISTS alert_cursor (
    name     TEXT PRIMARY KEY,
    position TEXT NOT NULL,
    version  INTEGER NOT NULL
) WITHOUT ROWID;
)sql";
constexpr int notifications_schema_version = 18;

// Webhooks (schema 19): people's endpoints (the secret sealed, events as a comma-separated
// list of the fixed event types) and one row per event and endpoint (SqliteWebhooks). The
// partial index holds only pending deliveries, in the order the dispatcher takes them.
constexpr const char* migration_to_webhooks_sql = R"sql(
CREATE TABLE IF NOT EXISTS webhook_endpoints (
    endpoint_id   TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL,
    url           TEXT NOT NULL,
    events        TEXT NOT NULL,
    sealed_secret TEXT NOT NULL,
    enabled       INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    failing_since INTEGER NOT NULL,
    version       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS webhook_endpoints_by_user ON webhook_endpoints (user_id, created_at);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    endpoint_id     TEXT NOT NULL,
    delivery_id     TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    event_type      TEXT NOT NULL,
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    last_attempt_at INTEGER NOT NULL,
    last_status     INTEGER NOT NULL,
    last_latency_ms INTEGER NOT NULL,
    last_error      TEXT NOT NULL,
    version         INTEGER NOT NULL,
    PRIMARY KEY (endpoint_id, delivery_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS webhook_deliveries_due
    ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
)sql";
constexpr int webhooks_schema_version = 19;

// Bank-wide figures (schema 20, issue 16): the counters of ledger/bank_figures.hpp, added to
// in the write of every posting, registration and account opening, and the largest transfers
// of each day (at most limits::bank_top_transfers_per_day a day), so that /admin reads a few
// rows however large the bank. Filled here from the rows there are (whatever a file whose
// version was set back held is replaced), by the same rules
// bank_figure_deltas applies (verify_bank_figures checks them). The partial indexes find the
// locked and the disabled people without reading the others.
constexpr const char* migration_to_bank_figures_sql = R"sql(
CREATE TABLE IF NOT EXISTS bank_figures (
    figure TEXT NOT NULL,
    period TEXT NOT NULL,
    item   TEXT NOT NULL,
    count  INTEGER NOT NULL,
    total  INTEGER NOT NULL,
    PRIMARY KEY (figure, period, item)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bank_top_transfers (
    day            TEXT NOT NULL,
    transaction_id TEXT NOT NULL,
    amount         INTEGER NOT NULL,
    timestamp      INTEGER NOT NULL,
    category       TEXT NOT NULL,
    PRIMARY KEY (day, transaction_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS users_locked ON users (locked_until) WHERE locked_until > 0;
CREATE INDEX IF NOT EXISTS users_disabled ON users (user_id) WHERE disabled = 1;
DELETE FROM bank_figures;
DELETE FROM bank_top_transfers;
INSERT INTO bank_figures (figure, period, item, count, total)
    SELECT 'people', '', '', count(*), 0 FROM users HAVING count(*) > 0;
INSERT INTO bank_figures (figure, period, item, count, total)
    SELECT 'signups', date(created_at / 1000000, 'unixepoch', '-6 days', 'weekday 1'),
           'people', count(*), 0 FROM users GROUP BY 2;
INSERT INTO bank_figures (figure, period, item, count, total)
    SELECT 'signups', date(created_at / 1000000, 'unixepoch', '-6 days', 'weekday 1'),
           'accounts', count(*), 0 FROM accounts GROUP BY 2;
INSERT INTO bank_figures (figure, period, item, count, total)
    SELECT 'balances', '', account_type, count(*), sum(balance) FROM accounts
    GROUP BY account_type;
INSERT INTO bank_figures (figure, period, item, count, total)
    SELECT 'deposits', '', a.account_type, count(*), sum(t.amount)
    FROM transactions t JOIN accounts a ON a.account_id = t.account_id
    WHERE t.transaction_type = 'deposit' GROUP BY a.account_type;
INSERT INTO bank_figures (figure, period, item, count, total)
    SELECT 'volume', date(t.timestamp / 1000000, 'unixepoch'),
           CASE WHEN t.transaction_type = 'transfer_out'
                THEN 'transfer ' || a.account_type || '>' ||
                     coalesce(p.account_type, a.account_type) ||
                     CASE WHEN coalesce(p.user_id, a.user_id) = a.user_id
                          THEN ' own' ELSE ' others' END
                ELSE t.transaction_type END,
           count(*), sum(t.amount)
    FROM transactions t JOIN accounts a ON a.account_id = t.account_id
    LEFT JOIN accounts p ON p.account_number = t.counterparty_account_number
    WHERE t.transaction_type != 'transfer_in' GROUP BY 2, 3;
INSERT INTO bank_top_transfers (day, transaction_id, amount, timestamp, category)
    SELECT day, transaction_id, amount, timestamp, category FROM (
        SELECT date(timestamp / 1000000, 'unixepoch') AS day, transaction_id, amount,
               timestamp, category,
               row_number() OVER (PARTITION BY date(timestamp / 1000000, 'unixepoch')
                                  ORDER BY amount DESC, sequence DESC) AS place
        FROM transactions WHERE transaction_type = 'transfer_out')
    WHERE place <= 10;
)sql";
constexpr int bank_figures_schema_version = 20;
static_assert(limits::bank_top_transfers_per_day == 10, "schema 20 keeps ten transfers a day");

// Active customers per month and cohort retention (schema 21, issue 16): one marker per
// (person, month) the person was active in, inserted only if absent in the posting's write
// (ledger/activity.hpp says why a marker per month rather than a last active month), and the
// `active` and `cohort` figures. Filled here from the rows there are by the rules of
// counts_as_activity (the acted-on row, no incoming leg, reversal or interest) and
// registration_deltas; verify_bank_figures checks them.
constexpr const char* migration_to_active_months_sql = R"sql(
CREATE TABLE IF NOT EXISTS bank_active_months (
    user_id TEXT NOT NULL,
    month   TEXT NOT NULL,
    PRIMARY KEY (user_id, month)
) STRICT, WITHOUT ROWID;
DELETE FROM bank_active_months;
DELETE FROM bank_figures WHERE figure IN ('active', 'cohort');
INSERT INTO bank_active_months (user_id, month)
    SELECT DISTINCT a.user_id, strftime('%Y-%m', t.timestamp / 1000000, 'unixepoch')
    FROM transactions t JOIN accounts a ON a.account_id = t.account_id
    WHERE t.transaction_type != 'transfer_in' AND t.reversal_of = ''
      AND substr(t.idempotency_key, 1, 9) != 'interest:';
INSERT INTO bank_figures (figure, period, item, count, total)
    SELECT 'cohort', strftime('%Y-%m', created_at / 1000000, 'unixepoch'), '', count(*), 0
    FROM users GROUP BY 2;
INSERT INTO bank_figures (figure, period, item, count, total)
    SELECT 'active', month, '', count(*), 0 FROM bank_active_months GROUP BY month;
INSERT INTO bank_figures (figure, period, item, count, total)
    SELECT 'cohort', strftime('%Y-%m', u.created_at / 1000000, 'unixepoch'), m.month, count(*), 0
    FROM bank_active_months m JOIN users u ON u.user_id = m.user_id GROUP BY 2, 3;
)sql";
constexpr int active_months_schema_version = 21;
static_assert(interest_key_prefix == "interest:", "schema 21 leaves out interest by this prefix");
// An account's postings of one type in posting order (schema 22), for the history's type
// filter (SqliteHistoryQuery): the analytics' read of a period's outgoing transfer legs
// (service/own_transfers) went through (account_id, timestamp) and read every posting of the
// period from the table to check its type, on a page of its own for each posting in a large
// bank (about 1,700 page reads for one person's year at 1,000,000 postings, against 90 at
// 10,000), then sorted them, again for each page of 100. This walks only that type's entries
// in the page's order and checks the period in the index (timestamp is in it), reading the
// table only for the rows it returns. The same step drops the (timestamp) index of schema 3,
// which nothing reads since /admin reads the bank-wide figures (schema 20): every posting
// paid for one index entry nobody used, and now pays for this one instead.
constexpr const char* migration_to_account_type_index_sql = R"sql(
CREATE INDEX IF NOT EXISTS transactions_by_account_type
    ON transactions (account_id, transaction_type, sequence, timestamp);
DROP INDEX IF EXISTS transactions_by_time;
)sql";
constexpr int account_type_index_schema_version = 22;

// The type CHECK of transactions and rollups without an IN list (schema 23, issue 16). SQLite
// evaluates `x IN (...)` of more than two constants through an ephemeral b-tree it opens,
// fills and closes on every row it checks: under the bulk load that was about a tenth of
// insert_transaction's samples (sqlite3BtreeOpen, its pager's allocations), for every posting
// row and every rollup upsert. The comparisons admit exactly the same four types. A CHECK's
// text changes nothing stored, so the step edits the tables' definitions in place, as SQLite
// documents for such changes (writable_schema, then a new schema_version so that every
// connection reads the definitions again), instead of copying the whole history into a new
// table. A file made by this program from schema 23 on has the comparisons from the start.
constexpr const char* type_in_list =
    "transaction_type IN ('deposit', 'withdrawal', 'transfer_in', 'transfer_out')";
constexpr const char* type_as_comparisons =
    "transaction_type = 'deposit' OR transaction_type = 'withdrawal' OR transaction_type = "
    "'transfer_in' OR transaction_type = 'transfer_out'";
constexpr int type_check_schema_version = 23;

void migrate_to_type_check_comparisons(SqliteConnection& connection) {
    std::int64_t schema_version = 0;
    {
        auto version_query = connection.query("PRAGMA schema_version");
        if (version_query.step()) schema_version = version_query.integer(0);
    }
    connection.execute("PRAGMA writable_schema = ON");
    connection
        .query(
            "UPDATE sqlite_schema SET sql = replace(sql, ?1, ?2) "
            "WHERE type = 'table' AND name IN ('transactions', 'rollups') AND instr(sql, ?1) > 0")
        .bind(type_in_list)
        .bind(type_as_comparisons)
        .run();
    const bool changed = connection.changes() > 0;
    if (changed)
        connection.execute("PRAGMA schema_version = " + std::to_string(schema_version + 1));
    connection.execute("PRAGMA writable_schema = OFF");
}

}  // namespace

void apply_schema_steps_from_17(SqliteConnection& connection, int version) {
    if (version < goals_schema_version) connection.execute(migration_to_goals_sql);
    if (version < notifications_schema_version) connection.execute(migration_to_notifications_sql);
    if (version < webhooks_schema_version) connection.execute(migration_to_webhooks_sql);
    if (version < bank_figures_schema_version) connection.execute(migration_to_bank_figures_sql);
    if (version < active_months_schema_version) connection.execute(migration_to_active_months_sql);
    if (version < account_type_index_schema_version) {
        connection.execute(migration_to_account_type_index_sql);
    }
    if (version < type_check_schema_version) migrate_to_type_check_comparisons(connection);
}

}  // namespace bank
