#include "service/challenge_signer.hpp"

#include <vector>

#include "core/random.hpp"
#include "service/signed_challenge_parts.hpp"

namespace bank {

namespace {

constexpr std::size_t nonce_bytes = 12;
constexpr std::string_view sign_in_prefix = "si";
constexpr std::string_view step_up_prefix = "su";

}  // namespace

std::string ChallengeSigner::mac(std::string_view purpose, std::string_view bound,
                                 std::string_view issued, std::string_view nonce) const {
    return challenge_mac(key_, purpose, bound, issued, nonce);
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
    const auto issued = parse_issued_micros(parts[2]);
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
    const auto issued = parse_issued_micros(parts[1]);
    if (!issued) return std::nullopt;
    const std::string bound =
        std::string(user_id) + "|" + std::string(payee) + "|" + std::to_string(amount.cents());
    if (!constant_time_equal(parts[3], mac(step_up_prefix, bound, parts[1], parts[2]))) {
        return std::nullopt;
    }
    return issued;
}

}  // namespace bank
