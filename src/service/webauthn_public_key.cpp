#include "service/webauthn_public_key.hpp"

#include <cbor.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include <map>

namespace bank {

namespace {

// COSE_Key labels (RFC 9052 section 7.1, RFC 9053 sections 7.1.1 and 7.2).
constexpr std::int64_t label_kty = 1;
constexpr std::int64_t label_alg = 3;
constexpr std::int64_t label_ec_curve = -1;
constexpr std::int64_t label_ec_x = -2;
constexpr std::int64_t label_ec_y = -3;
constexpr std::int64_t label_rsa_n = -1;
constexpr std::int64_t label_rsa_e = -2;
constexpr std::int64_t kty_ec2 = 2;
constexpr std::int64_t kty_rsa = 3;
constexpr std::int64_t curve_p256 = 1;
constexpr std::size_t p256_coordinate_bytes = 32;

// A COSE_Key's entries: integer labels to integer or byte-string values.
struct CoseEntries {
    std::map<std::int64_t, std::int64_t> integers;
    std::map<std::int64_t, std::string> bytes;
};

std::optional<std::int64_t> cbor_integer(const cbor_item_t* item) {
    const std::uint64_t magnitude = cbor_get_int(item);
    if (magnitude > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    if (cbor_isa_uint(item)) return static_cast<std::int64_t>(magnitude);
    if (cbor_isa_negint(item)) return -1 - static_cast<std::int64_t>(magnitude);
    return std::nullopt;
}

std::optional<CoseEntries> read_entries(std::string_view cose_key) {
    cbor_load_result loaded{};
    cbor_item_t* root =
        cbor_load(reinterpret_cast<cbor_data>(cose_key.data()), cose_key.size(), &loaded);
    if (root == nullptr) return std::nullopt;
    std::unique_ptr<cbor_item_t*, void (*)(cbor_item_t**)> owner(&root, cbor_decref);
    if (loaded.read != cose_key.size() || !cbor_isa_map(root) || !cbor_map_is_definite(root)) {
        return std::nullopt;
    }
    CoseEntries entries;
    const cbor_pair* pairs = cbor_map_handle(root);
    for (std::size_t i = 0; i < cbor_map_size(root); ++i) {
        if (!cbor_isa_uint(pairs[i].key) && !cbor_isa_negint(pairs[i].key)) continue;
        const auto label = cbor_integer(pairs[i].key);
        if (!label) return std::nullopt;
        const cbor_item_t* value = pairs[i].value;
        if (cbor_isa_uint(value) || cbor_isa_negint(value)) {
            const auto number = cbor_integer(value);
            if (!number) return std::nullopt;
            entries.integers[*label] = *number;
        } else if (cbor_isa_bytestring(value) && cbor_bytestring_is_definite(value)) {
            entries.bytes[*label] =
                std::string(reinterpret_cast<const char*>(cbor_bytestring_handle(value)),
                            cbor_bytestring_length(value));
        }
    }
    return entries;
}

using KeyPointer = std::shared_ptr<EVP_PKEY>;

// Builds a public key of `type` ("EC" or "RSA") from OpenSSL parameters.
KeyPointer key_from_parameters(const char* type, OSSL_PARAM_BLD* builder) {
    OSSL_PARAM* parameters = OSSL_PARAM_BLD_to_param(builder);
    EVP_PKEY_CTX* context = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
    EVP_PKEY* key = nullptr;
    if (parameters != nullptr && context != nullptr && EVP_PKEY_fromdata_init(context) == 1) {
        if (EVP_PKEY_fromdata(context, &key, EVP_PKEY_PUBLIC_KEY, parameters) != 1) key = nullptr;
    }
    EVP_PKEY_CTX_free(context);
    OSSL_PARAM_free(parameters);
    return KeyPointer(key, EVP_PKEY_free);
}

KeyPointer ec2_key(const CoseEntries& entries) {
    const auto curve = entries.integers.find(label_ec_curve);
    const auto x = entries.bytes.find(label_ec_x);
    const auto y = entries.bytes.find(label_ec_y);
    if (curve == entries.integers.end() || curve->second != curve_p256) return nullptr;
    if (x == entries.bytes.end() || y == entries.bytes.end()) return nullptr;
    if (x->second.size() != p256_coordinate_bytes || y->second.size() != p256_coordinate_bytes) {
        return nullptr;
    }
    // The uncompressed point: 0x04, then x and y. OpenSSL refuses a point not on the curve.
    std::string point = "\x04" + x->second + y->second;
    OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
    if (builder == nullptr) return nullptr;
    char group[] = "prime256v1";
    OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, group, 0);
    OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
    KeyPointer key = key_from_parameters("EC", builder);
    OSSL_PARAM_BLD_free(builder);
    if (key && EVP_PKEY_bits(key.get()) != 256) return nullptr;
    return key;
}

KeyPointer rsa_key(const CoseEntries& entries) {
    const auto n = entries.bytes.find(label_rsa_n);
    const auto e = entries.bytes.find(label_rsa_e);
    if (n == entries.bytes.end() || e == entries.bytes.end()) return nullptr;
    BIGNUM* modulus = BN_bin2bn(reinterpret_cast<const unsigned char*>(n->second.data()),
                                static_cast<int>(n->second.size()), nullptr);
    BIGNUM* exponent = BN_bin2bn(reinterpret_cast<const unsigned char*>(e->second.data()),
                                 static_cast<int>(e->second.size()), nullptr);
    OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
    KeyPointer key(nullptr, EVP_PKEY_free);
    if (builder != nullptr && modulus != nullptr && exponent != nullptr) {
        OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, modulus);
        OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, exponent);
        key = key_from_parameters("RSA", builder);
    }
    OSSL_PARAM_BLD_free(builder);
    BN_free(modulus);
    BN_free(exponent);
    // Keys under 2048 bits are too weak to accept (NIST SP 800-131A).
    if (key && EVP_PKEY_bits(key.get()) < 2048) return nullptr;
    return key;
}

}  // namespace

std::optional<WebAuthnPublicKey> WebAuthnPublicKey::from_cose(std::string_view cose_key) {
    const auto entries = read_entries(cose_key);
    if (!entries) return std::nullopt;
    const auto kty = entries->integers.find(label_kty);
    const auto alg = entries->integers.find(label_alg);
    if (kty == entries->integers.end() || alg == entries->integers.end()) return std::nullopt;
    KeyPointer key(nullptr, EVP_PKEY_free);
    if (kty->second == kty_ec2 && alg->second == cose_algorithm_es256) key = ec2_key(*entries);
    if (kty->second == kty_rsa && alg->second == cose_algorithm_rs256) key = rsa_key(*entries);
    if (!key) return std::nullopt;
    return WebAuthnPublicKey(std::move(key), alg->second);
}

bool WebAuthnPublicKey::verify(std::string_view message, std::string_view signature) const {
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    if (context == nullptr) return false;
    bool valid =
        EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key_.get()) == 1 &&
        EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature.data()),
                         signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                         message.size()) == 1;
    EVP_MD_CTX_free(context);
    return valid;
}

}  // namespace bank
