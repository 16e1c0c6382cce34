#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace bank {

class SqliteStatement;

// One execution of a cached statement: binds parameters in order, steps through rows, and
// resets the statement when it goes out of scope. The reset matters: a statement left
// mid-way keeps its read transaction open and would hide later commits from that
// connection.
class SqliteQuery {
public:
    explicit SqliteQuery(SqliteStatement& statement);
    ~SqliteQuery();
    SqliteQuery(const SqliteQuery&) = delete;
    SqliteQuery& operator=(const SqliteQuery&) = delete;

    // Binds the next parameter (?1, ?2, ... in call order).
    SqliteQuery& bind(std::int64_t value);
    SqliteQuery& bind(std::string_view value);
    // The same without SQLite's own copy of the text (SQLITE_STATIC): for the writer's hot
    // statements, where a copy per column of every posted row showed in the profile. The text
    // must stay unchanged until this query is destroyed (it resets the statement and clears
    // its bindings), as the fields of a row bound and run in one expression do.
    SqliteQuery& bind_unowned(std::string_view value);

    // True when a row is ready, false when done; throws SqliteError on failure.
    bool step();
    // Runs a statement that returns no rows.
    void run();

    std::int64_t integer(int column) const;
    std::string text(int column) const;

private:
    SqliteStatement& statement_;
    sqlite3_stmt* handle_;
    int next_parameter_ = 1;
};

}  // namespace bank
