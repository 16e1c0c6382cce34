#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "ledger/store_unavailable.hpp"

struct sqlite3;

namespace bank {

// An infrastructure failure reported by SQLite. `code` is the extended result code, so a
// caller can tell a UNIQUE violation (which it may retry) from a full disk.
class SqliteError final : public std::runtime_error {
public:
    SqliteError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}

    int code() const { return code_; }
    bool is_unique_violation() const;

private:
    int code_;
};

// SQLite cannot use the database right now (busy, locked, an I/O error, a full disk, a file it
// cannot open or read as a database): an outage, which the pipeline answers with 503, not a
// defect of the statement.
class SqliteUnavailable final : public StoreUnavailable {
public:
    SqliteUnavailable(int code, const std::string& message)
        : StoreUnavailable(message), code_(code) {}

    int code() const { return code_; }

private:
    int code_;
};

// Whether an extended result code means the database cannot be used right now.
bool sqlite_code_is_outage(int code);

// Throws a SqliteUnavailable or a SqliteError naming what was being done and SQLite's own
// message.
[[noreturn]] void throw_sqlite_error(sqlite3* database, int code, std::string_view context);

}  // namespace bank
