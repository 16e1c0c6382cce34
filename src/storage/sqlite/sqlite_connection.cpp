#include "storage/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <chrono>
#include <mutex>

#include "storage/sqlite/sqlite_error.hpp"
#include "storage/sqlite/sqlite_wal_write_vfs.hpp"

namespace bank {

namespace {

// How long a connection waits for a lock held by another before giving up.
constexpr std::chrono::milliseconds busy_timeout{5000};

// SQLite's memory statistics take one process-wide mutex in every allocation and free: under
// the transfer load that was about 8% of the writer's samples, and every reader thread takes
// the same mutex. Nothing here reads the statistics. The setting only takes before SQLite
// initializes (otherwise it is refused and changes nothing), so before the first connection.
void configure_sqlite_once() {
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

SqliteConnection::SqliteConnection(std::string path, Mode mode) : path_(std::move(path)) {
    configure_sqlite_once();
    // Each connection is confined to one thread at a time, so SQLite's own mutexes are not
    // needed.
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (mode == Mode::read_write_create) flags |= SQLITE_OPEN_CREATE;
    // The default VFS with the WAL's frames written a run at a time (sqlite_wal_write_vfs.hpp).
    const int code = sqlite3_open_v2(path_.c_str(), &database_, flags, wal_write_batching_vfs());
    if (code != SQLITE_OK) {
        const std::string message =
            database_ != nullptr ? sqlite3_errmsg(database_) : sqlite3_errstr(code);
        sqlite3_close(database_);
        database_ = nullptr;
        throw SqliteError(code, "sqlite: cannot open " + path_ + ": " + message);
    }
    sqlite3_extended_result_codes(database_, 1);
    sqlite3_busy_timeout(database_, static_cast<int>(busy_timeout.count()));
    if (mode == Mode::read_only) execute("PRAGMA query_only = ON");
}

SqliteConnection::~SqliteConnection() {
    // Statements must be finalized before the connection closes.
    statements_.clear();
    sqlite3_close(database_);
}

void SqliteConnection::execute(std::string_view sql) {
    const std::string text(sql);
    char* error = nullptr;
    const int code = sqlite3_exec(database_, text.c_str(), nullptr, nullptr, &error);
    sqlite3_free(error);
    if (code != SQLITE_OK) {
        throw_sqlite_error(database_, sqlite3_extended_errcode(database_),
                           "execute \"" + text.substr(0, 80) + "\" on " + path_);
    }
}

bool SqliteConnection::try_begin_immediate() {
    sqlite3_busy_timeout(database_, 0);
    const int code = sqlite3_exec(database_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_busy_timeout(database_, static_cast<int>(busy_timeout.count()));
    if (code == SQLITE_OK) return true;
    if ((code & 0xff) == SQLITE_BUSY) return false;
    throw_sqlite_error(database_, sqlite3_extended_errcode(database_),
                       "BEGIN IMMEDIATE on " + path_);
}

std::int64_t SqliteConnection::data_version() {
    auto select = query("PRAGMA data_version");
    if (!select.step()) throw SqliteError(SQLITE_ERROR, "sqlite: PRAGMA data_version gave no row");
    return select.integer(0);
}

SqliteQuery SqliteConnection::query(std::string_view sql) {
    auto found = statements_.find(sql);
    if (found == statements_.end()) {
        auto statement = std::make_unique<SqliteStatement>(database_, sql);
        found = statements_.emplace(std::string(sql), std::move(statement)).first;
    }
    return SqliteQuery(*found->second);
}

std::int64_t SqliteConnection::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(database_);
}

std::int64_t SqliteConnection::changes() const { return sqlite3_changes64(database_); }

std::int64_t SqliteConnection::total_changes() const { return sqlite3_total_changes64(database_); }

bool SqliteConnection::in_transaction() const { return sqlite3_get_autocommit(database_) == 0; }

}  // namespace bank
