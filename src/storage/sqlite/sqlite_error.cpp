#include "storage/sqlite/sqlite_error.hpp"

#include <sqlite3.h>

namespace bank {

bool SqliteError::is_unique_violation() const {
    return code_ == SQLITE_CONSTRAINT_UNIQUE || code_ == SQLITE_CONSTRAINT_PRIMARYKEY;
}

void throw_sqlite_error(sqlite3* database, int code, std::string_view context) {
    std::string message = "sqlite: ";
    message += context;
    message += ": ";
    message += database != nullptr ? sqlite3_errmsg(database) : sqlite3_errstr(code);
    message += " (code " + std::to_string(code) + ")";
    throw SqliteError(code, message);
}

}  // namespace bank
