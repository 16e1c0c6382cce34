#include "storage/sqlite/sqlite_error.hpp"

#include <sqlite3.h>

namespace bank {

bool SqliteError::is_unique_violation() const {
    return code_ == SQLITE_CONSTRAINT_UNIQUE || code_ == SQLITE_CONSTRAINT_PRIMARYKEY;
}

bool sqlite_code_is_outage(int code) {
    switch (code & 0xff) {  // the primary result code
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_CANTOPEN:
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
        case SQLITE_NOMEM:
        case SQLITE_READONLY:
            return true;
        default:
            return false;
    }
}

void throw_sqlite_error(sqlite3* database, int code, std::string_view context) {
    std::string message = "sqlite: ";
    message += context;
    message += ": ";
    message += database != nullptr ? sqlite3_errmsg(database) : sqlite3_errstr(code);
    message += " (code " + std::to_string(code) + ")";
    if (sqlite_code_is_outage(code)) throw SqliteUnavailable(code, message);
    throw SqliteError(code, message);
}

}  // namespace bank
