#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bank {

// The server's 256-bit secret (BANK_SECRET_KEY_FILE). Never logged. Each use gets a key of
// its own derived with HMAC-SHA256 over a label, so the sealing key never signs anything.
class SecretKey {
public:
    static constexpr std::size_t size = 32;
    using Bytes = std::array<std::uint8_t, size>;

    explicit SecretKey(const Bytes& bytes) : bytes_(bytes) {}
    // A key from 64 hex digits (what the key file holds); nullopt otherwise.
    static std::optional<SecretKey> from_hex(std::string_view text);
    static SecretKey generate();
    std::string to_hex() const;

    SecretKey derive(std::string_view label) const;
    // HMAC-SHA256 of `data` under this key, as 64 hex digits.
    std::string sign(std::string_view data) const;
    const Bytes& bytes() const { return bytes_; }

private:
    Bytes bytes_;
};

}  // namespace bank
