#include "storage/sqlite/sqlite_schema.hpp"

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_schema_steps.hpp"

namespace bank {

namespace {

// Amounts are integer cents and timestamps integer microseconds since the epoch (UTC).
// The CHECKs are a last line of defence; the ledger refuses such writes before they get here.
constexpr const char* schema_sql = R"sql(
CREATE TABLE IF NOT EXISTS users (
    user_id       TEXT PRIMARY KEY NOT NULL,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    full_name     TEXT NOT NULL,
    phone         TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until  INTEGER NOT NULL DEFAULT 0,
    role          TEXT NOT NULL CHECK (role IN ('customer', 'admin'))
) STRICT;

CREATE TABLE IF NOT EXISTS accounts (
    account_id     TEXT PRIMARY KEY NOT NULL,
    account_number TEXT NOT NULL UNIQUE,
    user_id        TEXT NOT NULL REFERENCES users (user_id),
    account_type   TEXT NOT NULL CHECK (account_type IN ('checking', 'savings')),
    balance        INTEGER NOT NULL CHECK (balance >= 0),
    status         TEXT NOT NULL CHECK (status IN ('active', 'closed')),
    created_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS accounts_by_user ON accounts (user_id);

CREATE TABLE IF NOT EXISTS transactions (
    sequence                    INTEGER PRIMARY KEY AUTOINCREMENT,
    transaction_id              TEXT NOT NULL UNIQUE,
    account_id                  TEXT NOT NULL REFERENCES accounts (account_id),
    transaction_type            TEXT NOT NULL
        CHECK (transaction_type = 'deposit' OR transaction_type = 'withdrawal' OR
               transaction_type = 'transfer_in' OR transaction_type = 'transfer_out'),
    amount                      INTEGER NOT NULL CHECK (amount > 0),
    balance_after               INTEGER NOT NULL CHECK (balance_after >= 0),
    counterparty_account_number TEXT NOT NULL DEFAULT '',
    description                 TEXT NOT NULL DEFAULT '',
    category                    TEXT NOT NULL DEFAULT '',
    timestamp                   INTEGER NOT NULL,
    transfer_id                 TEXT NOT NULL DEFAULT '',
    idempotency_key             TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX IF NOT EXISTS transactions_by_account ON transactions (account_id, sequence);

CREATE TABLE IF NOT EXISTS sessions (
    token_hash  TEXT PRIMARY KEY NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    csrf_secret TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_id);

CREATE TABLE IF NOT EXISTS rollups (
    account_id       TEXT NOT NULL REFERENCES accounts (account_id),
    month            TEXT NOT NULL,
    category         TEXT NOT NULL,
    transaction_type TEXT NOT NULL
        CHECK (transaction_type = 'deposit' OR transaction_type = 'withdrawal' OR
               transaction_type = 'transfer_in' OR transaction_type = 'transfer_out'),
    total            INTEGER NOT NULL CHECK (total >= 0),
    count            INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (account_id, month, category, transaction_type)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS category_rules (
    rule_id    TEXT PRIMARY KEY NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (user_id),
    pattern    TEXT NOT NULL,
    category   TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS category_rules_by_user ON category_rules (user_id, created_at);

-- Keys are per user; transaction_id is the payer's row of the posting the key applied.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    user_id             TEXT NOT NULL REFERENCES users (user_id),
    key                 TEXT NOT NULL,
    request_fingerprint TEXT NOT NULL,
    transaction_id      TEXT NOT NULL,
    created_at          INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
) STRICT, WITHOUT ROWID;
)sql";

// From version 1: keys were unique per account in the transactions table. The rollups are
// rebuilt from the history; the keys of the history become per-user records with no
// fingerprint (which any retry matches), so a retry across the upgrade is still caught.
constexpr const char* migration_from_1_sql = R"sql(
DROP INDEX IF EXISTS transactions_by_idempotency_key;
DELETE FROM rollups;
INSERT INTO rollups (account_id, month, category, transaction_type, total, count)
    SELECT account_id, strftime('%Y-%m', timestamp / 1000000, 'unixepoch'), category,
           transaction_type, sum(amount), count(*)
    FROM transactions GROUP BY 1, 2, 3, 4;
INSERT OR IGNORE INTO idempotency_keys
        (user_id, key, request_fingerprint, transaction_id, created_at)
    SELECT accounts.user_id, transactions.idempotency_key, '', transactions.transaction_id,
           max(transactions.timestamp)
    FROM transactions JOIN accounts USING (account_id)
    WHERE transactions.idempotency_key != ''
    GROUP BY accounts.user_id, transactions.idempotency_key;
)sql";

// To version 3: the analytics reads of one period (an account's postings between two
// instants, the balance at an instant) and the bank-wide ones of the admin pages seek by
// time instead of reading an account's whole history. The rowid (sequence) ends each index,
// so ties in time keep their posting order.
constexpr const char* migration_to_3_sql = R"sql(
CREATE INDEX IF NOT EXISTS transactions_by_account_time ON transactions (account_id, timestamp);
CREATE INDEX IF NOT EXISTS transactions_by_time ON transactions (timestamp);
)sql";

// To version 4: the history page's sorts by amount and its category filter. A person's history
// is read one account at a time in index order, so such a page reads about one page of rows
// per account however long the history. The rowid (sequence) ends each index and breaks
// ties, which keyset paging needs.
constexpr const char* migration_to_4_sql = R"sql(
CREATE INDEX IF NOT EXISTS transactions_by_account_amount ON transactions (account_id, amount);
CREATE INDEX IF NOT EXISTS transactions_by_account_category ON transactions (account_id, category);
)sql";

// To version 5: the audit log of security events. A person's events are read newest first
// and trimmed to the newest N in the write that adds one, both through the (user_id, at)
// index; event_id ends it to order events of the same instant. No CHECK on kind, so a new
// kind needs no table rebuild; the reader refuses a kind it does not know.
constexpr const char* migration_to_5_sql = R"sql(
CREATE TABLE IF NOT EXISTS audit_events (
    event_id       TEXT PRIMARY KEY NOT NULL,
    user_id        TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    client_address TEXT NOT NULL DEFAULT '',
    detail         TEXT NOT NULL DEFAULT '',
    at             INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS audit_events_by_user ON audit_events (user_id, at, event_id);
)sql";

// To version 6: the payee rollups (per account, month and description: the sum and count
// of outgoing postings), built here from the history and kept by the writer in the same
// savepoint as each posting, so the top payees of a period read rollups, not postings. And
// the outgoing postings by (account, category, amount, timestamp), a partial index (only
// withdrawals and outgoing transfers pay for it on write) that lets the largest and unusual
// figures walk a category from its largest amount down, filtering by time inside the index,
// and stop once they have their rows instead of reading every posting of the period. The
// type ends it only so that such a walk reads no table row: SQLite checks the index's own
// WHERE against the column, which it then finds in the index.
constexpr const char* migration_to_6_sql = R"sql(
CREATE TABLE IF NOT EXISTS payee_rollups (
    account_id  TEXT NOT NULL REFERENCES accounts (account_id),
    month       TEXT NOT NULL,
    description TEXT NOT NULL,
    total       INTEGER NOT NULL CHECK (total >= 0),
    count       INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (account_id, month, description)
) STRICT, WITHOUT ROWID;
DELETE FROM payee_rollups;
INSERT INTO payee_rollups (account_id, month, description, total, count)
    SELECT account_id, strftime('%Y-%m', timestamp / 1000000, 'unixepoch'), description,
           sum(amount), count(*)
    FROM transactions WHERE transaction_type IN ('withdrawal', 'transfer_out')
    GROUP BY 1, 2, 3;
CREATE INDEX IF NOT EXISTS transactions_outflows_by_category_amount
    ON transactions (account_id, category, amount, timestamp, transaction_type)
    WHERE transaction_type IN ('withdrawal', 'transfer_out');
)sql";

// To version 7: no index by transfer_id. Its only reader was a retried keyed transfer looking
// for the other leg, which now seeks (account_id, timestamp): the other leg is on the account
// the payer's row names, at the same instant (plan_posting writes both legs with one `now`,
// and `bank verify` checks it). Every transfer wrote two entries into it, on random pages
// while transfer ids were random.
constexpr const char* migration_to_7_sql = R"sql(
DROP INDEX IF EXISTS transactions_by_transfer;
)sql";

// To version 8: each person's second factors and step-up threshold (SqliteSecondFactors), one
// row per person written whole under a version check. The TOTP secret is sealed with the
// server key (AES-256-GCM); recovery codes are SHA-256 hashes, space-separated.
constexpr const char* migration_to_8_sql = R"sql(
CREATE TABLE IF NOT EXISTS second_factors (
    user_id                  TEXT PRIMARY KEY REFERENCES users(user_id),
    totp_secret_sealed       TEXT NOT NULL,
    totp_confirmed           INTEGER NOT NULL,
    last_used_step           INTEGER NOT NULL,
    recovery_code_hashes     TEXT NOT NULL,
    challenges_spent_through INTEGER NOT NULL,
    step_up_threshold_cents  INTEGER NOT NULL CHECK (step_up_threshold_cents >= 0),
    version                  INTEGER NOT NULL
) WITHOUT ROWID;
)sql";
// To version 9: a session's public id, kind (sign-in, personal access token, password reset
// link), scope, name, and the User-Agent and address it was made from, so a person can list
// and end them; and a person's disabled flag. Sessions of before get a random public id.
// Each column is added only when missing, so a file whose version was set back (as the
// migration tests do) migrates too.
constexpr std::pair<const char*, const char*> columns_of_9[] = {
    {"sessions", "session_id TEXT NOT NULL DEFAULT ''"},
    {"sessions", "kind TEXT NOT NULL DEFAULT 'sign_in'"},
    {"sessions", "scope TEXT NOT NULL DEFAULT 'full'"},
    {"sessions", "name TEXT NOT NULL DEFAULT ''"},
    {"sessions", "user_agent TEXT NOT NULL DEFAULT ''"},
    {"sessions", "client_address TEXT NOT NULL DEFAULT ''"},
    {"users", "disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))"},
};

bool has_column(SqliteConnection& connection, const std::string& table, const std::string& column) {
    auto query = connection.query("SELECT count(*) FROM pragma_table_info(?) WHERE name = ?");
    query.bind(table).bind(column);
    return query.step() && query.integer(0) > 0;
}

void migrate_to_9(SqliteConnection& connection) {
    for (const auto& [table, definition] : columns_of_9) {
        const std::string column(definition, std::string_view(definition).find(' '));
        if (has_column(connection, table, column)) continue;
        connection.execute(std::string("ALTER TABLE ") + table + " ADD COLUMN " + definition);
    }
    connection.execute(
        "UPDATE sessions SET session_id = lower(hex(randomblob(16))) WHERE session_id = ''");
}

// To version 10: each person's time zone (an IANA name, checked against the tz database before
// it is written); people of before see their bank in UTC, as they did.
void migrate_to_10(SqliteConnection& connection) {
    if (has_column(connection, "users", "time_zone")) return;
    connection.execute("ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC'");
}
// Passkeys (schema 11): each person's WebAuthn credentials
// (SqlitePasskeys), found by credential id for a passwordless sign-in and listed by person.
// Its own step, so that it can be renumbered without touching the others.
constexpr const char* migration_to_passkeys_sql = R"sql(
CREATE TABLE IF NOT EXISTS passkeys (
    credential_id            TEXT PRIMARY KEY,
    user_id                  TEXT NOT NULL REFERENCES users(user_id),
    user_handle              TEXT NOT NULL,
    public_key_cose          TEXT NOT NULL,
    name                     TEXT NOT NULL,
    sign_count               INTEGER NOT NULL CHECK (sign_count >= 0),
    created_at               INTEGER NOT NULL,
    last_used_at             INTEGER NOT NULL,
    challenges_spent_through INTEGER NOT NULL,
    version                  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS passkeys_by_user ON passkeys (user_id, created_at);
)sql";
constexpr int passkeys_schema_version = 11;
// Standing orders (schema 12): each person's orders (SqliteStandingOrders), listed by person
// and found by the scheduler by their next due date, and each order's occurrences, one row per
// order and due date: the primary key is the claim that makes an occurrence run once.
constexpr const char* migration_to_standing_orders_sql = R"sql(
CREATE TABLE IF NOT EXISTS standing_orders (
    standing_order_id TEXT PRIMARY KEY,
    user_id           TEXT NOT NULL REFERENCES users(user_id),
    from_account_id   TEXT NOT NULL,
    to_account_number TEXT NOT NULL,
    amount            INTEGER NOT NULL CHECK (amount > 0),
    description       TEXT NOT NULL,
    category          TEXT NOT NULL,
    start_date        TEXT NOT NULL,
    rrule             TEXT NOT NULL,
    status            TEXT NOT NULL,
    next_due          TEXT NOT NULL,  -- empty when no date is left
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    version           INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS standing_orders_by_user ON standing_orders (user_id, created_at);
CREATE INDEX IF NOT EXISTS standing_orders_due ON standing_orders (next_due)
    WHERE status = 'active';
CREATE TABLE IF NOT EXISTS standing_order_occurrences (
    standing_order_id TEXT NOT NULL REFERENCES standing_orders(standing_order_id),
    due_date          TEXT NOT NULL,
    user_id           TEXT NOT NULL,
    status            TEXT NOT NULL,
    attempts          INTEGER NOT NULL,
    transaction_id    TEXT NOT NULL,
    detail            TEXT NOT NULL,
    claimed_at        INTEGER NOT NULL,
    claimed_until     INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    version           INTEGER NOT NULL,
    PRIMARY KEY (standing_order_id, due_date)
) WITHOUT ROWID;
)sql";
constexpr int standing_orders_schema_version = 12;
// Bank operations with four eyes (schema 13): an account's freeze (mode and reason, empty
// when not frozen), the links between a reversed row and its reversal, and the proposals
// awaiting a second administrator (SqliteProposals). Columns are added only when missing, as
// in migrate_to_9. Its own step, so that it can be renumbered without touching the others.
constexpr std::pair<const char*, const char*> columns_of_bank_operations[] = {
    {"accounts", "freeze_mode TEXT NOT NULL DEFAULT ''"},
    {"accounts", "freeze_reason TEXT NOT NULL DEFAULT ''"},
    {"transactions", "reversal_of TEXT NOT NULL DEFAULT ''"},
    {"transactions", "reversed_by TEXT NOT NULL DEFAULT ''"},
};
constexpr const char* migration_to_bank_operations_sql = R"sql(
CREATE TABLE IF NOT EXISTS proposals (
    proposal_id    TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    status         TEXT NOT NULL,
    account_id     TEXT NOT NULL,
    owner_user_id  TEXT NOT NULL,
    transaction_id TEXT NOT NULL,
    freeze_mode    TEXT NOT NULL,
    reason         TEXT NOT NULL,
    proposed_by    TEXT NOT NULL,
    proposed_at    INTEGER NOT NULL,
    decided_by     TEXT NOT NULL,
    decided_at     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS proposals_by_time ON proposals (proposed_at);
)sql";
constexpr int bank_operations_schema_version = 13;

// Interest on savings (schema 14): each account type's rate periods, added and never edited,
// and each account's record of a posted month with the fraction of a cent it carries
// (SqliteInterestRates). The primary keys are the guards: one period per type and date, one
// record per account and month. Its own step, so that it can be renumbered without touching
// the others.
constexpr const char* migration_to_interest_sql = R"sql(
CREATE TABLE IF NOT EXISTS interest_rates (
    account_type   TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    annual_rate    INTEGER NOT NULL CHECK (annual_rate >= 0),
    set_by         TEXT NOT NULL,
    set_at         INTEGER NOT NULL,
    PRIMARY KEY (account_type, effective_from)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS interest_accruals (
    account_id     TEXT NOT NULL,
    month          TEXT NOT NULL,
    interest       INTEGER NOT NULL CHECK (interest >= 0),
    carried_units  INTEGER NOT NULL CHECK (carried_units >= 0),
    transaction_id TEXT NOT NULL,
    recorded_at    INTEGER NOT NULL,
    PRIMARY KEY (account_id, month)
) WITHOUT ROWID;
)sql";
constexpr int interest_schema_version = 14;

void migrate_to_bank_operations(SqliteConnection& connection) {
    for (const auto& [table, definition] : columns_of_bank_operations) {
        const std::string column(definition, std::string_view(definition).find(' '));
        if (has_column(connection, table, column)) continue;
        connection.execute(std::string("ALTER TABLE ") + table + " ADD COLUMN " + definition);
    }
    connection.execute(migration_to_bank_operations_sql);
}

// Budgets (schema 15): a person's budget per category for one month or every month
// (SqliteBudgets). The unique index is what refuses a second budget of the same category and
// month, however two requests interleave. Its own step, so that it can be renumbered without
// touching the others.
constexpr const char* migration_to_budgets_sql = R"sql(
CREATE TABLE IF NOT EXISTS budgets (
    budget_id    TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL,
    category     TEXT NOT NULL,
    month        TEXT NOT NULL,
    start_month  TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    rollover     TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    version      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS budgets_by_user_category_month
    ON budgets (user_id, category, month);
)sql";
constexpr int budgets_schema_version = 15;

// Decisions on recurring payments (schema 16): what a person confirmed or dismissed, one row
// per person and recurrence key (SqliteRecurringDecisions). Its own step, like the budgets.
constexpr const char* migration_to_recurring_decisions_sql = R"sql(
CREATE TABLE IF NOT EXISTS recurring_decisions (
    user_id        TEXT NOT NULL,
    recurrence_key TEXT NOT NULL,
    description    TEXT NOT NULL,
    interval       TEXT NOT NULL,
    decision       TEXT NOT NULL,
    decided_at     INTEGER NOT NULL,
    PRIMARY KEY (user_id, recurrence_key)
) WITHOUT ROWID;
)sql";
constexpr int recurring_decisions_schema_version = 16;

std::string single_text(SqliteConnection& connection, const char* sql) {
    auto query = connection.query(sql);
    return query.step() ? query.text(0) : std::string();
}

}  // namespace

void prepare_database(SqliteConnection& connection) {
    if (single_text(connection, "PRAGMA journal_mode = WAL") != "wal") {
        throw std::runtime_error("sqlite: cannot use WAL journal mode on " + connection.path());
    }
    connection.execute("PRAGMA synchronous = FULL");
    connection.execute("PRAGMA foreign_keys = ON");

    const int version = std::stoi(single_text(connection, "PRAGMA user_version"));
    if (version > sqlite_schema_version) {
        throw std::runtime_error("sqlite: " + connection.path() + " has schema version " +
                                 std::to_string(version) + ", newer than this program's " +
                                 std::to_string(sqlite_schema_version));
    }
    connection.execute("BEGIN IMMEDIATE");
    try {
        connection.execute(schema_sql);
        if (version == 1) connection.execute(migration_from_1_sql);
        if (version < 3) connection.execute(migration_to_3_sql);
        if (version < 4) connection.execute(migration_to_4_sql);
        if (version < 5) connection.execute(migration_to_5_sql);
        if (version < 6) connection.execute(migration_to_6_sql);
        if (version < 7) connection.execute(migration_to_7_sql);
        if (version < 8) connection.execute(migration_to_8_sql);
        if (version < 9) migrate_to_9(connection);
        if (version < 10) migrate_to_10(connection);
        if (version < passkeys_schema_version) connection.execute(migration_to_passkeys_sql);
        if (version < standing_orders_schema_version) {
            connection.execute(migration_to_standing_orders_sql);
        }
        if (version < bank_operations_schema_version) migrate_to_bank_operations(connection);
        if (version < interest_schema_version) connection.execute(migration_to_interest_sql);
        if (version < budgets_schema_version) connection.execute(migration_to_budgets_sql);
        if (version < recurring_decisions_schema_version) {
            connection.execute(migration_to_recurring_decisions_sql);
        }
        apply_schema_steps_from_17(connection, version);
        connection.execute("PRAGMA user_version = " + std::to_string(sqlite_schema_version));
        connection.execute("COMMIT");
    } catch (...) {
        if (connection.in_transaction()) connection.execute("ROLLBACK");
        throw;
    }
}

}  // namespace bank
