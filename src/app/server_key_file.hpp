#pragma once

#include <string>

#include "app/store_factory.hpp"
#include "core/secret_key.hpp"

namespace bank {

// The server key (core/secret_key.hpp), which seals TOTP secrets and signs second-factor
// challenges. From `key_file` (BANK_SECRET_KEY_FILE: 64 hex digits) when it is named. If not,
// the embedded SQLite store keeps one beside its database (`<db>.key`), created with mode 0600
// on first start (logged); a DynamoDB deployment, whose servers must all share one key, must
// name it, and the server refuses to start otherwise. Throws std::runtime_error with the
// reason; the key itself is never logged.
SecretKey load_server_key(const std::string& key_file, const StoreOptions& store);

}  // namespace bank
