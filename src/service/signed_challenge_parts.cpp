#include "service/signed_challenge_parts.hpp"

#include <charconv>
#include <cstdint>

namespace bank {

namespace {

constexpr std::size_t mac_digits = 32;  // 128 bits of the HMAC-SHA256

}  // namespace

std::vector<std::string_view> split_dots(std::string_view text) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        const auto dot = text.find('.', start);
        parts.push_back(text.substr(start, dot == std::string_view::npos ? dot : dot - start));
        if (dot == std::string_view::npos) return parts;
        start = dot + 1;
    }
}

std::optional<Timestamp> parse_issued_micros(std::string_view text) {
    std::int64_t micros = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), micros);
    if (error != std::errc() || end != text.data() + text.size() || micros <= 0) {
        return std::nullopt;
    }
    return from_micros(micros);
}

std::string challenge_mac(const SecretKey& key, std::string_view purpose, std::string_view bound,
                          std::string_view issued, std::string_view nonce) {
    std::string message;
    message.append(purpose).append("|").append(bound).append("|");
    message.append(issued).append("|").append(nonce);
    return key.sign(message).substr(0, mac_digits);
}

}  // namespace bank
