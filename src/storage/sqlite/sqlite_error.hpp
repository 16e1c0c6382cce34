#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

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

// Throws a SqliteError naming what was being done and SQLite's own message.
[[noreturn]] void throw_sqlite_error(sqlite3* database, int code, std::string_view context);

}  // namespace bank
