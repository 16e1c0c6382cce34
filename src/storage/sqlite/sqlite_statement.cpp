#include "storage/sqlite/sqlite_statement.hpp"

#include <sqlite3.h>

#include <string>

#include "storage/sqlite/sqlite_error.hpp"

namespace bank {

SqliteStatement::SqliteStatement(sqlite3* database, std::string_view sql) : database_(database) {
    const int code = sqlite3_prepare_v3(database, sql.data(), static_cast<int>(sql.size()),
                                        SQLITE_PREPARE_PERSISTENT, &statement_, nullptr);
    if (code != SQLITE_OK) {
        sqlite3_finalize(statement_);
        throw_sqlite_error(database, code, "prepare \"" + std::string(sql.substr(0, 80)) + "\"");
    }
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

}  // namespace bank
