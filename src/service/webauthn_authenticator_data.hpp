#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bank {

// The authenticator data of a registration or an assertion (WebAuthn Level 2, section 6.1).
struct WebAuthnAuthenticatorData {
    static constexpr std::uint8_t flag_user_present = 0x01;
    static constexpr std::uint8_t flag_user_verified = 0x04;
    static constexpr std::uint8_t flag_attested_credential_data = 0x40;
    static constexpr std::uint8_t flag_extension_data = 0x80;

    std::string rp_id_hash;  // SHA-256 of the RP ID, 32 bytes
    std::uint8_t flags = 0;
    std::uint32_t sign_count = 0;
    // The attested credential data (registration only; empty otherwise).
    std::string credential_id;
    std::string credential_public_key;  // the COSE_Key's CBOR bytes as the authenticator sent them

    bool user_present() const { return (flags & flag_user_present) != 0; }
    bool user_verified() const { return (flags & flag_user_verified) != 0; }
    bool has_attested_credential() const { return (flags & flag_attested_credential_data) != 0; }

    // nullopt when the bytes are shorter than their fields say or the COSE_Key is not CBOR.
    static std::optional<WebAuthnAuthenticatorData> parse(std::string_view bytes);
};

}  // namespace bank
