#include "core/secret_key.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "core/assert.hpp"

namespace bank {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<SecretKey> SecretKey::from_hex(std::string_view text) {
    if (text.size() != size * 2) return std::nullopt;
    Bytes bytes{};
    for (std::size_t i = 0; i < size; ++i) {
        const int high = hex_value(text[2 * i]);
        const int low = hex_value(text[2 * i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        bytes[i] = static_cast<std::uint8_t>(high * 16 + low);
    }
    return SecretKey(bytes);
}

SecretKey SecretKey::generate() {
    Bytes bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
    return SecretKey(bytes);
}

std::string SecretKey::to_hex() const {
    std::string text;
    for (std::uint8_t byte : bytes_) {
        text += hex_digits[byte >> 4];
        text += hex_digits[byte & 0x0f];
    }
    return text;
}

SecretKey SecretKey::derive(std::string_view label) const {
    Bytes derived{};
    unsigned int length = 0;
    const auto* result = HMAC(EVP_sha256(), bytes_.data(), static_cast<int>(bytes_.size()),
                              reinterpret_cast<const unsigned char*>(label.data()), label.size(),
                              derived.data(), &length);
    BANK_ASSERT(result != nullptr && length == size);
    return SecretKey(derived);
}

std::string SecretKey::sign(std::string_view data) const {
    // HMAC over a label and over data are the same function.
    return derive(data).to_hex();
}

}  // namespace bank
