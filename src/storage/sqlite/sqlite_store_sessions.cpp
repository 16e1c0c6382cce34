// SqliteStore's SessionReads role, beside sqlite_store.cpp (which is at its size limit).
#include "storage/sqlite/sqlite_rows.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

std::vector<Session> SqliteStore::list_sessions(std::string_view user_id) {
    return readers_.with_connection(
        [&](SqliteConnection& connection) { return select_sessions_of_user(connection, user_id); });
}

}  // namespace bank
