#pragma once

namespace bank {

class SqliteConnection;

// The schema version this program writes, kept in PRAGMA user_version.
// 1: users, accounts, transactions (idempotency keys unique per account), sessions.
// 2: rollups, category_rules, idempotency_keys (per user, with a request fingerprint).
// 3: indexes by time for the analytics reads bounded by a period.
// 4: indexes by amount and by category for the history's filters and sorts.
// 5: audit_events, a person's security events.
// 6: payee_rollups; the outgoing postings by category and amount, for the analytics reads.
// 10: users.time_zone, each person's IANA time zone.
// 11: passkeys, each person's WebAuthn credentials.
// 12: standing orders and their occurrences.
// 13: accounts' freezes, the links of reversals, proposals of bank operations (four eyes).
// 14: interest on savings: rate periods and the record of each posted month.
// 15: budgets per person, category and month.
// 16: recurring_decisions, what a person confirmed or dismissed of their recurring payments.
// 17: savings_goals, a person's savings goals.
// 18: alert_rules, notifications and the alert evaluator's cursor.
// 19: webhook_endpoints and webhook_deliveries.
// 20: bank_figures and bank_top_transfers, the bank-wide figures kept in each write.
// 21: bank_active_months, active customers per month and cohorts.
// 22: transactions_by_account_type, an account's postings of one type in posting order;
//     transactions_by_time dropped.
// 23: the type CHECK of transactions and rollups as comparisons, not an IN list.
inline constexpr int sqlite_schema_version = 23;

// Sets the write connection's pragmas (WAL, synchronous=FULL, foreign keys), creates any
// missing table or index and migrates an older schema, all in one transaction. Throws when
// the file holds a newer schema than this program.
void prepare_database(SqliteConnection& connection);

}  // namespace bank
