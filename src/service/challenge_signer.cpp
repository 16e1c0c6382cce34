#include "service/challenge_signer.hpp"

#include <charconv>
#include <vector>

#include "core/random.hpp"

namespace bank {

namespace {

constexpr std::size_t nonce_bytes = 12;
constexpr std::size_t mac_digits = 32;  // 128 bits of the HMAC-SHA256
constexpr std::string_view sign_in_prefix = "si";
constexpr std::string_view step_up_prefix = "su";

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

std::optional<Timestamp> parse_micros(std::string_view text) {
    std::int64_t micros = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), micros);
    if (error != std::errc() || end != text.data() + text.size() || micros <= 0) {
        return std::nullopt;
    }
    return from_micros(micros);
}

}  // namespace

std::string ChallengeSigner::mac(std::string_view purpose, std::string_view bound,
                                 std::string_view issued, std::string_view nonce) const {
    std::string message;
    message.append(purpose).append("|").append(bound).append("|");
    message.append(issued).append("|").append(nonce);
    return key_.sign(message).substr(0, mac_digits);
}

std::string ChallengeSigner::issue_sign_in(std::string_view user_id, Timestamp now) const {
    const std::string issued = std::to_string(to_micros(now));
    const std::string nonce = random_token(nonce_bytes);
    return std::string(sign_in_prefix) + "." + std::string(user_id) + "." + issued + "." + nonce +
           "." + mac(sign_in_prefix, user_id, issued, nonce);
}

std::optional<ChallengeSigner::SignIn> ChallengeSigner::read_sign_in(
    std::string_view challenge_id) const {
    const auto parts = split_dots(challenge_id);
    if (parts.size() != 5 || parts[0] != sign_in_prefix) return std::nullopt;
    const auto issued = parse_micros(parts[2]);
    if (!issued) return std::nullopt;
    if (!constant_time_equal(parts[4], mac(sign_in_prefix, parts[1], parts[2], parts[3]))) {
        return std::nullopt;
    }
    return SignIn{std::string(parts[1]), *issued};
}

std::string ChallengeSigner::issue_step_up(std::string_view user_id, std::string_view payee,
                                           Money amount, Timestamp now) const {
    const std::string issued = std::to_string(to_micros(now));
    const std::string nonce = random_token(nonce_bytes);
    const std::string bound =
        std::string(user_id) + "|" + std::string(payee) + "|" + std::to_string(amount.cents());
    return std::string(step_up_prefix) + "." + issued + "." + nonce + "." +
           mac(step_up_prefix, bound, issued, nonce);
}

std::optional<Timestamp> ChallengeSigner::read_step_up(std::string_view challenge_id,
                                                       std::string_view user_id,
                                                       std::string_view payee, Money amount) const {
    const auto parts = split_dots(challenge_id);
    if (parts.size() != 4 || parts[0] != step_up_prefix) return std::nullopt;
    const auto issued = parse_micros(parts[1]);
    if (!issued) return std::nullopt;
    const std::string bound =
        std::string(user_id) + "|" + std::string(payee) + "|" + std::to_string(amount.cents());
    if (!constant_time_equal(parts[3], mac(step_up_prefix, bound, parts[1], parts[2]))) {
        return std::nullopt;
    }
    return issued;
}

}  // namespace bank
