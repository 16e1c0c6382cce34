// DynamoDbStore's PasskeyStore role, kept out of dynamodb_store.cpp.
#include "storage/dynamodb/dynamodb_passkeys.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

std::vector<Passkey> DynamoDbStore::list_passkeys(std::string_view user_id) {
    return DynamoDbPasskeys(client_, tables_).list(user_id);
}

std::optional<Passkey> DynamoDbStore::find_passkey(std::string_view credential_id) {
    return DynamoDbPasskeys(client_, tables_).find(credential_id);
}

bool DynamoDbStore::add_passkey(const Passkey& passkey) {
    return DynamoDbPasskeys(client_, tables_).add(passkey);
}

bool DynamoDbStore::save_passkey(const Passkey& next) {
    return DynamoDbPasskeys(client_, tables_).save(next);
}

bool DynamoDbStore::remove_passkey(const Passkey& current) {
    return DynamoDbPasskeys(client_, tables_).remove(current);
}

}  // namespace bank
