#pragma once

#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace bank {

// Owns one prepared statement. A connection keeps these cached and reuses them; a
// SqliteQuery borrows one for a single execution.
class SqliteStatement {
public:
    SqliteStatement(sqlite3* database, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    sqlite3_stmt* handle() const { return statement_; }
    sqlite3* database() const { return database_; }

    // A statement runs one execution at a time; borrowing a busy one is a programmer error.
    bool in_use() const { return in_use_; }
    void set_in_use(bool in_use) { in_use_ = in_use; }

private:
    sqlite3* database_;
    sqlite3_stmt* statement_ = nullptr;
    bool in_use_ = false;
};

}  // namespace bank
