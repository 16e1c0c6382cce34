#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/secret_key.hpp"

namespace bank {

// Seals small secrets for storage with AES-256-GCM (OpenSSL EVP): a random 96-bit nonce per
// seal, and the record's owner as associated data, so a sealed value copied into another
// person's record does not open.
class SecretBox {
public:
    explicit SecretBox(const SecretKey& key) : key_(key.derive("bank secret box v1")) {}

    // "v1." followed by hex of nonce, ciphertext and tag.
    std::string seal(std::string_view plaintext, std::string_view owner) const;
    // The plaintext, or nullopt when the text was not sealed by this key for this owner.
    std::optional<std::string> open(std::string_view sealed, std::string_view owner) const;

private:
    SecretKey key_;
};

}  // namespace bank
