// SqliteStore's PasskeyStore role, kept out of sqlite_store.cpp.
#include "storage/sqlite/sqlite_passkeys.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

namespace {

// As save_second_factor: a side writer (a pooled connection of its own) takes SQLite's write lock
// for this one conditional statement, outside the ledger writer's queue (no money moves).
template <typename Change>
bool write_passkey(SqliteConnectionPool& side_writers, Change change) {
    return side_writers.with_connection([&](SqliteConnection& connection) {
        SqlitePasskeys passkeys(connection);
        return change(passkeys);
    });
}

}  // namespace

std::vector<Passkey> SqliteStore::list_passkeys(std::string_view user_id) {
    return readers_.with_connection(
        [&](SqliteConnection& connection) { return SqlitePasskeys(connection).list(user_id); });
}

std::optional<Passkey> SqliteStore::find_passkey(std::string_view credential_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqlitePasskeys(connection).find(credential_id);
    });
}

bool SqliteStore::add_passkey(const Passkey& passkey) {
    return write_passkey(side_writers_,
                         [&](SqlitePasskeys& passkeys) { return passkeys.add(passkey); });
}

bool SqliteStore::save_passkey(const Passkey& next) {
    return write_passkey(side_writers_,
                         [&](SqlitePasskeys& passkeys) { return passkeys.save(next); });
}

bool SqliteStore::remove_passkey(const Passkey& current) {
    return write_passkey(side_writers_,
                         [&](SqlitePasskeys& passkeys) { return passkeys.remove(current); });
}

}  // namespace bank
