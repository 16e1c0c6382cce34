#include "storage/sqlite/sqlite_query.hpp"

#include <sqlite3.h>

#include "core/assert.hpp"
#include "storage/sqlite/sqlite_error.hpp"
#include "storage/sqlite/sqlite_statement.hpp"

namespace bank {

SqliteQuery::SqliteQuery(SqliteStatement& statement)
    : statement_(statement), handle_(statement.handle()) {
    BANK_ASSERT(!statement.in_use());
    statement_.set_in_use(true);
}

SqliteQuery::~SqliteQuery() {
    sqlite3_reset(handle_);
    sqlite3_clear_bindings(handle_);
    statement_.set_in_use(false);
}

SqliteQuery& SqliteQuery::bind(std::int64_t value) {
    const int code = sqlite3_bind_int64(handle_, next_parameter_++, value);
    if (code != SQLITE_OK) throw_sqlite_error(statement_.database(), code, "bind integer");
    return *this;
}

SqliteQuery& SqliteQuery::bind(std::string_view value) {
    const int code = sqlite3_bind_text64(handle_, next_parameter_++, value.data(), value.size(),
                                         SQLITE_TRANSIENT, SQLITE_UTF8);
    if (code != SQLITE_OK) throw_sqlite_error(statement_.database(), code, "bind text");
    return *this;
}

SqliteQuery& SqliteQuery::bind_unowned(std::string_view value) {
    const int code = sqlite3_bind_text64(handle_, next_parameter_++, value.data(), value.size(),
                                         SQLITE_STATIC, SQLITE_UTF8);
    if (code != SQLITE_OK) throw_sqlite_error(statement_.database(), code, "bind text");
    return *this;
}

bool SqliteQuery::step() {
    const int code = sqlite3_step(handle_);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    throw_sqlite_error(statement_.database(), sqlite3_extended_errcode(statement_.database()),
                       std::string("step \"") + sqlite3_sql(handle_) + "\"");
}

void SqliteQuery::run() {
    while (step()) {
    }
}

std::int64_t SqliteQuery::integer(int column) const {
    return sqlite3_column_int64(handle_, column);
}

std::string SqliteQuery::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(handle_, column));
    const int size = sqlite3_column_bytes(handle_, column);
    return data == nullptr ? std::string() : std::string(data, static_cast<std::size_t>(size));
}

}  // namespace bank
