#include "storage/sqlite/sqlite_passkeys.hpp"

namespace bank {

namespace {

constexpr const char* passkey_columns =
    "credential_id, user_id, user_handle, public_key_cose, name, sign_count, created_at, "
    "last_used_at, challenges_spent_through, version";

Passkey read_passkey(const SqliteQuery& query) {
    Passkey passkey;
    passkey.credential_id = query.text(0);
    passkey.user_id = query.text(1);
    passkey.user_handle = query.text(2);
    passkey.public_key_cose = query.text(3);
    passkey.name = query.text(4);
    passkey.sign_count = query.integer(5);
    passkey.created_at = from_micros(query.integer(6));
    passkey.last_used_at = from_micros(query.integer(7));
    passkey.challenges_spent_through = from_micros(query.integer(8));
    passkey.version = query.integer(9);
    return passkey;
}

}  // namespace

std::vector<Passkey> SqlitePasskeys::list(std::string_view user_id) {
    auto query = connection_.query(std::string("SELECT ") + passkey_columns +
                                   " FROM passkeys WHERE user_id = ? "
                                   "ORDER BY created_at, credential_id");
    query.bind(user_id);
    std::vector<Passkey> passkeys;
    while (query.step()) passkeys.push_back(read_passkey(query));
    return passkeys;
}

std::optional<Passkey> SqlitePasskeys::find(std::string_view credential_id) {
    auto query = connection_.query(std::string("SELECT ") + passkey_columns +
                                   " FROM passkeys WHERE credential_id = ?");
    query.bind(credential_id);
    if (!query.step()) return std::nullopt;
    return read_passkey(query);
}

bool SqlitePasskeys::add(const Passkey& passkey) {
    connection_
        .query(std::string("INSERT INTO passkeys (") + passkey_columns +
               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (credential_id) DO NOTHING")
        .bind(passkey.credential_id)
        .bind(passkey.user_id)
        .bind(passkey.user_handle)
        .bind(passkey.public_key_cose)
        .bind(passkey.name)
        .bind(passkey.sign_count)
        .bind(to_micros(passkey.created_at))
        .bind(to_micros(passkey.last_used_at))
        .bind(to_micros(passkey.challenges_spent_through))
        .run();
    return connection_.changes() == 1;
}

bool SqlitePasskeys::save(const Passkey& next) {
    connection_
        .query(
            "UPDATE passkeys SET name = ?, sign_count = ?, last_used_at = ?, "
            "challenges_spent_through = ?, version = ? "
            "WHERE credential_id = ? AND user_id = ? AND version = ?")
        .bind(next.name)
        .bind(next.sign_count)
        .bind(to_micros(next.last_used_at))
        .bind(to_micros(next.challenges_spent_through))
        .bind(next.version)
        .bind(next.credential_id)
        .bind(next.user_id)
        .bind(next.version - 1)
        .run();
    return connection_.changes() == 1;
}

bool SqlitePasskeys::remove(const Passkey& current) {
    connection_
        .query("DELETE FROM passkeys WHERE credential_id = ? AND user_id = ? AND version = ?")
        .bind(current.credential_id)
        .bind(current.user_id)
        .bind(current.version)
        .run();
    return connection_.changes() == 1;
}

}  // namespace bank
