#include "service/totp.hpp"

#include <liboath/oath.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "core/random.hpp"
#include "core/second_factor_limits.hpp"

namespace bank {

namespace {

void initialise_liboath() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (oath_init() != OATH_OK) throw std::runtime_error("liboath: oath_init failed");
    });
}

std::string percent_encoded(std::string_view text) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        if (plain) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 0x0f];
        }
    }
    return out;
}

bool six_digits(std::string_view code) {
    if (code.size() != static_cast<std::size_t>(limits::totp_digits)) return false;
    for (char c : code) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

// liboath compares codes with this: in constant time, so the comparison tells nothing of
// how much of a wrong code was right.
int compare_in_constant_time(void* typed, const char* candidate) {
    const auto* code = static_cast<const std::string*>(typed);
    return constant_time_equal(*code, candidate) ? 0 : 1;
}

}  // namespace

std::string Totp::new_secret() {
    const std::string hex = random_token(limits::totp_secret_bytes);
    std::string secret;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        secret += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    }
    return secret;
}

std::string Totp::base32(std::string_view secret) {
    initialise_liboath();
    char* out = nullptr;
    std::size_t length = 0;
    if (oath_base32_encode(secret.data(), secret.size(), &out, &length) != OATH_OK) {
        throw std::runtime_error("liboath: base32 encoding failed");
    }
    const std::unique_ptr<char, decltype(&std::free)> owner(out, &std::free);
    std::string text(out, length);
    while (!text.empty() && text.back() == '=') text.pop_back();
    return text;
}

std::string Totp::otpauth_uri(std::string_view issuer, std::string_view account,
                              std::string_view secret) {
    const std::string label = percent_encoded(issuer) + ":" + percent_encoded(account);
    return "otpauth://totp/" + label + "?secret=" + base32(secret) +
           "&issuer=" + percent_encoded(issuer) +
           "&algorithm=SHA1&digits=" + std::to_string(limits::totp_digits) +
           "&period=" + std::to_string(limits::totp_step.count());
}

std::optional<std::int64_t> Totp::matching_step(std::string_view secret, std::string_view code,
                                                Timestamp now) {
    if (!six_digits(code)) return std::nullopt;
    initialise_liboath();
    const std::string typed(code);
    const auto seconds = std::chrono::floor<std::chrono::seconds>(now.time_since_epoch()).count();
    int position = 0;
    std::uint64_t step = 0;
    const int found = oath_totp_validate3_callback(
        secret.data(), secret.size(), static_cast<time_t>(seconds),
        static_cast<unsigned>(limits::totp_step.count()), 0, limits::totp_digits,
        limits::totp_drift_steps, &position, &step, compare_in_constant_time,
        const_cast<std::string*>(&typed));
    if (found < 0) return std::nullopt;
    return static_cast<std::int64_t>(step);
}

}  // namespace bank
