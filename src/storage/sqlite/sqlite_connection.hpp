#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/sqlite/sqlite_query.hpp"
#include "storage/sqlite/sqlite_statement.hpp"

struct sqlite3;

namespace bank {

// Owns one sqlite3 connection and the prepared statements made on it. A connection is
// used by one thread at a time.
class SqliteConnection {
public:
    enum class Mode { read_write_create, read_only };

    SqliteConnection(std::string path, Mode mode);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    // Runs SQL text that returns no rows (pragmas, schema, transaction control).
    void execute(std::string_view sql);
    // BEGIN IMMEDIATE without waiting out another connection's write lock: false when
    // another connection holds it.
    bool try_begin_immediate();
    // PRAGMA data_version: changes when another connection (of any process) commits.
    std::int64_t data_version();
    // A cached prepared statement for `sql`, ready for a fresh execution.
    SqliteQuery query(std::string_view sql);

    std::int64_t last_insert_rowid() const;
    std::int64_t changes() const;
    // Rows changed by every statement since the connection opened.
    std::int64_t total_changes() const;
    bool in_transaction() const;
    const std::string& path() const { return path_; }
    sqlite3* handle() const { return database_; }

private:
    std::string path_;
    sqlite3* database_ = nullptr;
    // Looked up by the SQL text as given, without copying it into a std::string first: every
    // read of every request looks up its statement.
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const {
            return std::hash<std::string_view>{}(text);
        }
    };
    std::unordered_map<std::string, std::unique_ptr<SqliteStatement>, TextHash, std::equal_to<>>
        statements_;
};

}  // namespace bank
