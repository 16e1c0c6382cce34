#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/passkey.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// The passkeys table (schema 11) on one connection: a passkey read and written whole,
// changed only over the version it was decided on.
class SqlitePasskeys {
public:
    explicit SqlitePasskeys(SqliteConnection& connection) : connection_(connection) {}

    std::vector<Passkey> list(std::string_view user_id);
    std::optional<Passkey> find(std::string_view credential_id);
    // False when the credential id is taken.
    bool add(const Passkey& passkey);
    bool save(const Passkey& next);
    bool remove(const Passkey& current);

private:
    SqliteConnection& connection_;
};

}  // namespace bank
