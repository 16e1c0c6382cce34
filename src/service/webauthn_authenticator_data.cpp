#include "service/webauthn_authenticator_data.hpp"

#include <cbor.h>

namespace bank {

namespace {

constexpr std::size_t rp_id_hash_bytes = 32;
constexpr std::size_t aaguid_bytes = 16;
// The fixed part: rpIdHash, flags, signCount.
constexpr std::size_t header_bytes = rp_id_hash_bytes + 1 + 4;
// Credential ids are at most 1023 bytes (WebAuthn Level 2, section 5.8.3).
constexpr std::size_t credential_id_bytes_max = 1023;

std::uint32_t big_endian(std::string_view bytes) {
    std::uint32_t value = 0;
    for (const char byte : bytes) value = (value << 8) | static_cast<unsigned char>(byte);
    return value;
}

// How many bytes the one CBOR item at the start of `bytes` takes (0: not CBOR). libcbor
// reads exactly one item and reports where it ended.
std::size_t cbor_item_length(std::string_view bytes) {
    cbor_load_result loaded{};
    cbor_item_t* item = cbor_load(reinterpret_cast<cbor_data>(bytes.data()), bytes.size(), &loaded);
    if (item == nullptr) return 0;
    cbor_decref(&item);
    return loaded.error.code == CBOR_ERR_NONE ? loaded.read : 0;
}

}  // namespace

std::optional<WebAuthnAuthenticatorData> WebAuthnAuthenticatorData::parse(std::string_view bytes) {
    if (bytes.size() < header_bytes) return std::nullopt;
    WebAuthnAuthenticatorData data;
    data.rp_id_hash = std::string(bytes.substr(0, rp_id_hash_bytes));
    data.flags = static_cast<std::uint8_t>(bytes[rp_id_hash_bytes]);
    data.sign_count = big_endian(bytes.substr(rp_id_hash_bytes + 1, 4));
    std::string_view rest = bytes.substr(header_bytes);
    if (data.has_attested_credential()) {
        if (rest.size() < aaguid_bytes + 2) return std::nullopt;
        const std::size_t id_length = big_endian(rest.substr(aaguid_bytes, 2));
        rest.remove_prefix(aaguid_bytes + 2);
        if (id_length == 0 || id_length > credential_id_bytes_max || rest.size() < id_length) {
            return std::nullopt;
        }
        data.credential_id = std::string(rest.substr(0, id_length));
        rest.remove_prefix(id_length);
        const std::size_t key_length = cbor_item_length(rest);
        if (key_length == 0) return std::nullopt;
        data.credential_public_key = std::string(rest.substr(0, key_length));
        rest.remove_prefix(key_length);
    }
    if ((data.flags & flag_extension_data) != 0) {
        // Extension outputs are not used, but must be one CBOR map and the end of the data.
        if (cbor_item_length(rest) != rest.size() || rest.empty()) return std::nullopt;
        rest = {};
    }
    if (!rest.empty()) return std::nullopt;
    return data;
}

}  // namespace bank
