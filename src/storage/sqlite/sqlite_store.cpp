#include "storage/sqlite/sqlite_store.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/limits.hpp"
#include "storage/sqlite/sqlite_audit_log.hpp"
#include "storage/sqlite/sqlite_bank_reads.hpp"
#include "storage/sqlite/sqlite_history_query.hpp"
#include "storage/sqlite/sqlite_report_queries.hpp"
#include "storage/sqlite/sqlite_rows.hpp"
#include "storage/sqlite/sqlite_schema.hpp"

namespace bank {

namespace {

WriteResult unavailable() {
    WriteResult result;
    result.status = WriteStatus::unavailable;
    return result;
}

void complete(Store::Completion& done, WriteResult result) {
    try {
        done(std::move(result));
    } catch (const std::exception& error) {
        spdlog::error("sqlite store: a write completion threw: {}", error.what());
    }
}

std::unique_ptr<SqliteConnection> open_writer(std::string path) {
    auto connection = std::make_unique<SqliteConnection>(std::move(path),
                                                         SqliteConnection::Mode::read_write_create);
    prepare_database(*connection);
    // Each command's savepoint journals the pages it changes. On a file (/var/tmp) that is a
    // pwrite per page, about 26 per posting, and the profile of a batch was half kernel time;
    // in memory it is a copy. It holds one batch's pages at most and only serves rolling a
    // savepoint back in this process, never crash recovery (the WAL does that).
    connection->execute("PRAGMA temp_store = MEMORY");
    // SQLite's default page cache is 2 MiB: under a steady load the writer read back, from the
    // WAL or the file, index pages it had written a few batches before, and a batch larger
    // than the cache spills pages into the WAL before its commit. 64 MiB at most, filled
    // only as pages are used.
    connection->execute("PRAGMA cache_size = -65536");
    return connection;
}

// The commands that decide every refusal before they write (apply_batch says why that lets
// them go without a savepoint of their own).
bool writes_only_after_deciding(const WriteCommand& command) {
    return std::holds_alternative<Posting>(command) ||
           std::holds_alternative<PostingBatch>(command);
}

}  // namespace

SqliteStore::SqliteStore(std::string path, const Clock& clock)
    : clock_(clock),
      writer_connection_(open_writer(path)),
      user_commands_(*writer_connection_),
      ledger_commands_(*writer_connection_, rollup_batch_, clock_, plan_guard_),
      category_commands_(*writer_connection_, plan_guard_),
      audit_log_(*writer_connection_),
      readers_(path, SqliteConnection::Mode::read_only, read_connections_idle_max),
      side_writers_(std::move(path), SqliteConnection::Mode::read_write_create,
                    side_writers_idle_max),
      change_watch_(*writer_connection_),
      checkpointer_(*writer_connection_),
      lanes_([this](std::vector<QueuedWrite>& group) { commit_batch(group); }) {}

SqliteStore::~SqliteStore() { shutdown(); }

void SqliteStore::submit(WriteCommand command, Completion done) {
    queue(std::move(command), std::move(done), SqliteWriteLanes::Lane::interactive);
}

void SqliteStore::submit_background(WriteCommand command, Completion done) {
    queue(std::move(command), std::move(done), SqliteWriteLanes::Lane::background);
}

// A full lane or a stopped store answers at once, outside the lanes' lock.
void SqliteStore::queue(WriteCommand command, Completion done, SqliteWriteLanes::Lane lane) {
    QueuedWrite write{std::move(command), std::move(done)};
    if (!lanes_.push(write, lane)) complete(write.done, unavailable());
}

void SqliteStore::shutdown() { lanes_.shutdown(); }

void SqliteStore::commit_batch(std::vector<QueuedWrite>& batch) {
    std::vector<WriteResult> results;
    results.reserve(batch.size());
    try {
        if (!apply_batch(batch, results, SavepointUse::where_needed)) {
            apply_batch(batch, results, SavepointUse::every_command);
        }
        writer_connection_->execute("COMMIT");
    } catch (const std::exception& error) {
        rollup_batch_.clear();
        // Nothing of this batch is durable, so none of it may be acknowledged as done.
        spdlog::error("sqlite store: batch of {} writes failed, none applied: {}", batch.size(),
                      error.what());
        try {
            if (writer_connection_->in_transaction()) writer_connection_->execute("ROLLBACK");
        } catch (const std::exception& rollback_error) {
            spdlog::error("sqlite store: rollback failed: {}", rollback_error.what());
        }
        results.assign(batch.size(), unavailable());
        complete_all(batch, results);
        return;
    }
    // Before any waiter hears of its write, so a page read after the answer is never one
    // cached before the write.
    for (std::size_t index = 0; index < batch.size(); ++index) {
        change_watch_.committed(batch[index].command, results[index]);
    }
    change_watch_.after_batch();
    complete_all(batch, results);
}

void SqliteStore::complete_all(std::vector<QueuedWrite>& batch, std::vector<WriteResult>& results) {
    for (std::size_t index = 0; index < batch.size(); ++index) {
        complete(batch[index].done, std::move(results[index]));
    }
}

// Opens the batch's transaction and applies every command. A posting decides every refusal
// before it writes anything, so it needs no savepoint of its own, and a savepoint costs: it
// journals every page its command touches (about 14% of the writer's CPU in a seed run).
// A bulk payment (PostingBatch) is the same: each item's refusal is decided before the item
// writes, and its idempotency record is written last; its savepoint copied every page of a
// thousand transfers into the sub-journal (in memory: temp_store) and kept its bitmaps. When such a
// command fails after it may have written, the transaction is rolled back and the answer is false:
// the caller applies the batch again with a savepoint for every command, where the failure costs
// that command alone.
bool SqliteStore::apply_batch(const std::vector<QueuedWrite>& batch,
                              std::vector<WriteResult>& results, SavepointUse use) {
    results.clear();
    rollup_batch_.clear();
    writer_connection_->execute("BEGIN IMMEDIATE");
    for (const QueuedWrite& pending : batch) {
        if (use == SavepointUse::every_command || !writes_only_after_deciding(pending.command)) {
            results.push_back(apply_in_savepoint(pending.command));
            continue;
        }
        std::optional<WriteResult> result = apply_without_savepoint(pending.command);
        if (!result) {
            writer_connection_->execute("ROLLBACK");
            rollup_batch_.clear();
            return false;
        }
        results.push_back(std::move(*result));
    }
    rollup_batch_.write(*writer_connection_);
    return true;
}

// Nothing when the command failed (it may have written part of itself).
std::optional<WriteResult> SqliteStore::apply_without_savepoint(const WriteCommand& command) {
    const std::int64_t changes_before = writer_connection_->total_changes();
    WriteResult result;
    try {
        result = apply(command);
    } catch (const std::exception& error) {
        spdlog::warn("sqlite store: a posting failed; the batch starts again with savepoints: {}",
                     error.what());
        return std::nullopt;
    }
    if (result.status != WriteStatus::ok) {
        if (writer_connection_->total_changes() != changes_before) {
            // A refusal decided after a write: not how postings are built, but the batch can
            // still be applied correctly, with a savepoint that takes this one back.
            spdlog::error(
                "sqlite store: a refused posting ({}) had written; the batch starts "
                "again with savepoints",
                to_string(result.status));
            return std::nullopt;
        }
        rollup_batch_.drop_staged();
        return result;
    }
    rollup_batch_.keep_staged();
    return result;
}

// A refused or failed command is rolled back to its savepoint, leaving its neighbours in
// the batch untouched.
WriteResult SqliteStore::apply_in_savepoint(const WriteCommand& command) {
    // A recategorisation moves a row between rollups, so they must hold the batch's postings
    // first; outside its savepoint, so that rolling it back does not take those back.
    if (std::holds_alternative<Recategorize>(command)) rollup_batch_.write(*writer_connection_);
    // Prepared once and reused (the connection caches statements): sqlite3_exec would parse
    // these three for every command of every batch.
    writer_connection_->query("SAVEPOINT command").run();
    WriteResult result;
    try {
        result = apply(command);
    } catch (const std::exception& error) {
        spdlog::error("sqlite store: write command failed: {}", error.what());
        result = unavailable();
    }
    // Some failures (a full disk, an I/O error) end the whole transaction; then the batch
    // cannot commit and the statements below throw, failing it as a whole.
    if (result.status != WriteStatus::ok) {
        rollup_batch_.drop_staged();
        writer_connection_->query("ROLLBACK TO command").run();
    }
    writer_connection_->query("RELEASE command").run();
    rollup_batch_.keep_staged();
    return result;
}

WriteResult SqliteStore::apply(const WriteCommand& command) {
    return std::visit(
        [this](const auto& typed) {
            if constexpr (requires { ledger_commands_.apply(typed); }) {
                return ledger_commands_.apply(typed);
            } else if constexpr (requires { category_commands_.apply(typed); }) {
                return category_commands_.apply(typed);
            } else if constexpr (requires { audit_log_.apply(typed); }) {
                return audit_log_.apply(typed);
            } else {
                return user_commands_.apply(typed);
            }
        },
        command);
}

std::optional<std::uint64_t> SqliteStore::data_version(const std::vector<std::string>& ids) {
    return change_watch_.version(ids);
}

std::optional<User> SqliteStore::find_user(std::string_view user_id) {
    return readers_.with_connection(
        [&](SqliteConnection& connection) { return select_user(connection, user_id); });
}

std::optional<User> SqliteStore::find_user_by_email(std::string_view email) {
    return readers_.with_connection(
        [&](SqliteConnection& connection) { return select_user_by_email(connection, email); });
}

std::optional<Session> SqliteStore::find_session(std::string_view token_hash) {
    return readers_.with_connection(
        [&](SqliteConnection& connection) { return select_session(connection, token_hash); });
}

std::optional<SessionAndUser> SqliteStore::find_session_and_user(std::string_view token_hash) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return select_session_and_user(connection, token_hash);
    });
}

std::vector<Account> SqliteStore::list_accounts(std::string_view user_id) {
    return readers_.with_connection(
        [&](SqliteConnection& connection) { return select_accounts_of_user(connection, user_id); });
}

std::optional<Account> SqliteStore::find_account(std::string_view account_id) {
    return readers_.with_connection(
        [&](SqliteConnection& connection) { return select_account(connection, account_id); });
}

std::optional<Account> SqliteStore::find_account_by_number(std::string_view account_number) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return select_account_by_number(connection, account_number);
    });
}

std::vector<Transaction> SqliteStore::list_transactions(const TransactionQuery& query) {
    return readers_.with_connection(
        [&](SqliteConnection& connection) { return SqliteHistoryQuery(connection).list(query); });
}

std::vector<MonthlyTotal> SqliteStore::monthly_totals(std::string_view user_id,
                                                      std::string_view account_id) {
    // From the rollups, which the writer keeps equal to the history, so no history scan.
    static constexpr const char* sql =
        "SELECT month, transaction_type, sum(total), sum(count) FROM rollups "
        "WHERE account_id IN (SELECT account_id FROM accounts WHERE user_id = ?1) "
        "AND (?2 = '' OR account_id = ?2) "
        "GROUP BY month, transaction_type ORDER BY month, transaction_type";
    return readers_.with_connection([&](SqliteConnection& connection) {
        auto select = connection.query(sql);
        select.bind(user_id).bind(account_id);
        std::vector<MonthlyTotal> totals;
        while (select.step()) {
            MonthlyTotal total;
            total.month = select.text(0);
            const std::string type = select.text(1);
            const auto parsed = parse_transaction_type(type);
            if (!parsed) throw std::runtime_error("sqlite: unknown transaction_type " + type);
            total.transaction_type = *parsed;
            total.total = Money::from_cents(select.integer(2));
            total.count = select.integer(3);
            totals.push_back(std::move(total));
        }
        return totals;
    });
}

void SqliteStore::for_each_account(const std::function<void(const Account&)>& visit) {
    static const std::string sql =
        "SELECT " + std::string(account_columns) + " FROM accounts ORDER BY rowid";
    readers_.with_connection([&](SqliteConnection& connection) {
        auto select = connection.query(sql);
        while (select.step()) visit(read_account(select));
    });
}

void SqliteStore::for_each_transaction(const std::function<void(const Transaction&)>& visit) {
    static const std::string sql =
        "SELECT " + std::string(transaction_columns) + " FROM transactions ORDER BY sequence";
    readers_.with_connection([&](SqliteConnection& connection) {
        auto select = connection.query(sql);
        while (select.step()) visit(read_transaction(select));
    });
}

std::vector<Rollup> SqliteStore::list_rollups(std::string_view user_id, std::string_view account_id,
                                              std::string_view from_month,
                                              std::string_view to_month) {
    // Months are "YYYY-MM", so text order is time order.
    static const std::string sql =
        "SELECT " + std::string(rollup_columns) +
        " FROM rollups WHERE account_id IN (SELECT account_id FROM accounts WHERE user_id = ?1)"
        " AND (?2 = '' OR account_id = ?2) AND (?3 = '' OR month >= ?3)"
        " AND (?4 = '' OR month <= ?4)"
        " ORDER BY month, account_id, category, transaction_type";
    return readers_.with_connection([&](SqliteConnection& connection) {
        auto select = connection.query(sql);
        select.bind(user_id).bind(account_id).bind(from_month).bind(to_month);
        std::vector<Rollup> rollups;
        while (select.step()) rollups.push_back(read_rollup(select));
        return rollups;
    });
}

std::vector<PayeeRollup> SqliteStore::list_payee_rollups(std::string_view user_id,
                                                         std::string_view account_id,
                                                         std::string_view from_month,
                                                         std::string_view to_month) {
    static const std::string sql = "SELECT " + std::string(payee_rollup_columns) +
                                   " FROM payee_rollups WHERE account_id IN "
                                   "(SELECT account_id FROM accounts WHERE user_id = ?1)"
                                   " AND (?2 = '' OR account_id = ?2) AND (?3 = '' OR month >= ?3)"
                                   " AND (?4 = '' OR month <= ?4)"
                                   " ORDER BY month, account_id, description";
    return readers_.with_connection([&](SqliteConnection& connection) {
        auto select = connection.query(sql);
        select.bind(user_id).bind(account_id).bind(from_month).bind(to_month);
        std::vector<PayeeRollup> rollups;
        while (select.step()) rollups.push_back(read_payee_rollup(select));
        return rollups;
    });
}

std::optional<Transaction> SqliteStore::find_transaction(std::string_view user_id,
                                                         std::string_view transaction_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return select_transaction_of_user(connection, user_id, transaction_id);
    });
}

std::vector<CategoryRule> SqliteStore::list_category_rules(std::string_view user_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return select_category_rules_of_user(connection, user_id);
    });
}

std::vector<AuditEvent> SqliteStore::list_audit_events(std::string_view user_id,
                                                       std::size_t limit) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteAuditLog(connection).list(user_id, limit);
    });
}

void SqliteStore::for_each_rollup(const std::function<void(const Rollup&)>& visit) {
    static const std::string sql = "SELECT " + std::string(rollup_columns) +
                                   " FROM rollups ORDER BY account_id, month, category, "
                                   "transaction_type";
    readers_.with_connection([&](SqliteConnection& connection) {
        auto select = connection.query(sql);
        while (select.step()) visit(read_rollup(select));
    });
}

void SqliteStore::for_each_payee_rollup(const std::function<void(const PayeeRollup&)>& visit) {
    static const std::string sql = "SELECT " + std::string(payee_rollup_columns) +
                                   " FROM payee_rollups ORDER BY account_id, month, description";
    readers_.with_connection([&](SqliteConnection& connection) {
        auto select = connection.query(sql);
        while (select.step()) visit(read_payee_rollup(select));
    });
}

std::vector<Rollup> SqliteStore::period_rollups(const PeriodQuery& query) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteReportQueries(connection).period_rollups(query);
    });
}

std::vector<PayeeRollup> SqliteStore::period_payee_rollups(const PeriodQuery& query) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteReportQueries(connection).period_payee_rollups(query);
    });
}

std::vector<Transaction> SqliteStore::largest_outflows(const PeriodQuery& query,
                                                       const PeriodCounts& counts,
                                                       std::size_t limit) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteReportQueries(connection).largest_outflows(query, counts, limit);
    });
}

std::vector<Transaction> SqliteStore::outflows_above(
    const PeriodQuery& query, const PeriodCounts& counts,
    const std::vector<CategoryThreshold>& thresholds, std::size_t limit) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteReportQueries(connection).outflows_above(query, counts, thresholds, limit);
    });
}

std::vector<Money> SqliteStore::balances_at(std::string_view user_id, std::string_view account_id,
                                            const std::vector<Timestamp>& at) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteReportQueries(connection).balances_at(user_id, account_id, at);
    });
}

bool SqliteStore::for_each_bank_account(std::size_t limit,
                                        const std::function<void(const Account&)>& visit) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteBankReads(connection).for_each_account(limit, visit);
    });
}

// A role moves no money and touches no ledger row, so it does not need the writer's queue:
// a side writer (a pooled connection of its own) takes SQLite's write lock (waiting out the
// writer's batch, see busy_timeout) for this one statement.
bool SqliteStore::set_role(std::string_view email, Role role) {
    return side_writers_.with_connection([&](SqliteConnection& connection) {
        connection.query("UPDATE users SET role = ? WHERE email = ?")
            .bind(to_string(role))
            .bind(email)
            .run();
        return connection.changes() == 1;
    });
}

}  // namespace bank
