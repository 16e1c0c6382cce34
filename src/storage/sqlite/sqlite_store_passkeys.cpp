// SqliteStore's PasskeyStore role, kept out of sqlite_store.cpp.
#include "storage/sqlite/sqlite_passkeys.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

// As save_second_factor: each write borrows a side writer (side_writers_.with), which takes
// SQLite's write lock for this one conditional statement, outside the ledger writer's queue (no
// money moves).

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
    return side_writers_.with<SqlitePasskeys>(
        [&](SqlitePasskeys& passkeys) { return passkeys.add(passkey); });
}

bool SqliteStore::save_passkey(const Passkey& next) {
    return side_writers_.with<SqlitePasskeys>(
        [&](SqlitePasskeys& passkeys) { return passkeys.save(next); });
}

bool SqliteStore::remove_passkey(const Passkey& current) {
    return side_writers_.with<SqlitePasskeys>(
        [&](SqlitePasskeys& passkeys) { return passkeys.remove(current); });
}

}  // namespace bank
