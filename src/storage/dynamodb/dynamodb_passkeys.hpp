#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/passkey.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"

namespace bank {

// The passkeys table (BankingPasskeys: user_id + credential_id), so a person's passkeys are
// one strongly consistent Query. A credential id is made unique over the bank, and found
// without knowing its owner (a passwordless sign-in), by a "passkey#<credential id>" item in
// the unique-keys table naming the owner, written and deleted in the same transaction as
// the passkey: a consistent GetItem, where an index would lag.
class DynamoDbPasskeys {
public:
    DynamoDbPasskeys(DynamoDbClient& client, const DynamoDbTables& tables)
        : client_(client), tables_(tables) {}

    std::vector<Passkey> list(std::string_view user_id);
    std::optional<Passkey> find(std::string_view credential_id);
    bool add(const Passkey& passkey);
    bool save(const Passkey& next);
    bool remove(const Passkey& current);

private:
    std::optional<Passkey> find_owned(std::string_view user_id, std::string_view credential_id);

    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
};

}  // namespace bank
