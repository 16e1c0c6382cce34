#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <openssl/evp.h>

namespace bank {

// COSE algorithm identifiers (IANA COSE registry) this server accepts for passkeys.
inline constexpr std::int64_t cose_algorithm_es256 = -7;    // ECDSA P-256 with SHA-256
inline constexpr std::int64_t cose_algorithm_rs256 = -257;  // RSASSA-PKCS1-v1_5 with SHA-256

// A credential's public key read from its COSE_Key (RFC 9052 section 7, as WebAuthn's
// attested credential data carries it), held as an OpenSSL key that checks assertions.
class WebAuthnPublicKey {
public:
    // nullopt for a key that is not well-formed CBOR or not ES256 (EC2, P-256) or RS256.
    static std::optional<WebAuthnPublicKey> from_cose(std::string_view cose_key);

    std::int64_t algorithm() const { return algorithm_; }
    // Whether `signature` (DER for ECDSA) is this key's signature of `message` with SHA-256.
    bool verify(std::string_view message, std::string_view signature) const;

private:
    WebAuthnPublicKey(std::shared_ptr<EVP_PKEY> key, std::int64_t algorithm)
        : key_(std::move(key)), algorithm_(algorithm) {}

    std::shared_ptr<EVP_PKEY> key_;
    std::int64_t algorithm_ = 0;
};

}  // namespace bank
