#include "storage/sqlite/sqlite_schema.hpp"

#include <stdexcept>
#include <string>

#include "storage/sqlite/sqlite_connection.hpp"

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
        CHECK (transaction_type IN ('deposit', 'withdrawal', 'transfer_in', 'transfer_out')),
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
CREATE UNIQUE INDEX IF NOT EXISTS transactions_by_idempotency_key
    ON transactions (account_id, idempotency_key) WHERE idempotency_key != '';
CREATE INDEX IF NOT EXISTS transactions_by_transfer
    ON transactions (transfer_id) WHERE transfer_id != '';

CREATE TABLE IF NOT EXISTS sessions (
    token_hash  TEXT PRIMARY KEY NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    csrf_secret TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_id);
)sql";

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
        connection.execute("PRAGMA user_version = " + std::to_string(sqlite_schema_version));
        connection.execute("COMMIT");
    } catch (...) {
        if (connection.in_transaction()) connection.execute("ROLLBACK");
        throw;
    }
}

}  // namespace bank
