#include "service/webauthn_base64url.hpp"

#include <openssl/evp.h>

namespace bank {

// OpenSSL's EVP_EncodeBlock and EVP_DecodeBlock do the arithmetic; only the two characters
// of the URL alphabet and the padding differ from theirs.
std::string base64url_encode(std::string_view bytes) {
    std::string text(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()),
                                        reinterpret_cast<const unsigned char*>(bytes.data()),
                                        static_cast<int>(bytes.size()));
    text.resize(static_cast<std::size_t>(written));
    while (!text.empty() && text.back() == '=') text.pop_back();
    for (char& c : text) {
        if (c == '+') c = '-';
        if (c == '/') c = '_';
    }
    return text;
}

std::optional<std::string> base64url_decode(std::string_view text) {
    if (text.size() % 4 == 1) return std::nullopt;
    std::string standard;
    standard.reserve(text.size() + 3);
    for (const char c : text) {
        const bool plain =
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (plain) {
            standard.push_back(c);
        } else if (c == '-') {
            standard.push_back('+');
        } else if (c == '_') {
            standard.push_back('/');
        } else {
            return std::nullopt;
        }
    }
    const std::size_t padding = (4 - standard.size() % 4) % 4;
    standard.append(padding, '=');
    std::string bytes(standard.size() / 4 * 3, '\0');
    const int decoded = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                        reinterpret_cast<const unsigned char*>(standard.data()),
                                        static_cast<int>(standard.size()));
    if (decoded < 0) return std::nullopt;
    // EVP_DecodeBlock counts the padding as zero bytes.
    bytes.resize(static_cast<std::size_t>(decoded) - padding);
    // A last character with bits set beyond the data would decode the same as another text:
    // only the canonical form is accepted, so one value has one spelling.
    if (base64url_encode(bytes) != text) return std::nullopt;
    return bytes;
}

}  // namespace bank
