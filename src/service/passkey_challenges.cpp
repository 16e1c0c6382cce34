#include "service/passkey_challenges.hpp"

#include <vector>

#include <openssl/rand.h>

#include "core/passkey_limits.hpp"
#include "core/random.hpp"
#include "service/signed_challenge_parts.hpp"
#include "service/webauthn_base64url.hpp"

namespace bank {

namespace {

constexpr std::string_view registration_prefix = "pr";
constexpr std::string_view sign_in_prefix = "pl";

}  // namespace

std::string PasskeyChallenges::mac(std::string_view purpose, std::string_view bound,
                                   std::string_view issued, std::string_view nonce) const {
    return challenge_mac(key_, purpose, bound, issued, nonce);
}

std::string PasskeyChallenges::issue_registration(std::string_view user_id,
                                                  std::string_view user_handle,
                                                  Timestamp now) const {
    const std::string issued = std::to_string(to_micros(now));
    const std::string nonce = random_token(limits::passkey_challenge_bytes);
    const std::string bound = std::string(user_id) + "|" + std::string(user_handle);
    return std::string(registration_prefix) + "." + issued + "." + nonce + "." +
           std::string(user_handle) + "." + mac(registration_prefix, bound, issued, nonce);
}

std::optional<PasskeyChallenges::Registration> PasskeyChallenges::read_registration(
    std::string_view challenge, std::string_view user_id) const {
    const auto parts = split_dots(challenge);
    if (parts.size() != 5 || parts[0] != registration_prefix) return std::nullopt;
    const auto issued = parse_issued_micros(parts[1]);
    if (!issued) return std::nullopt;
    const std::string bound = std::string(user_id) + "|" + std::string(parts[3]);
    if (!constant_time_equal(parts[4], mac(registration_prefix, bound, parts[1], parts[2]))) {
        return std::nullopt;
    }
    return Registration{*issued, std::string(parts[3])};
}

std::string PasskeyChallenges::issue_sign_in(Timestamp now) const {
    const std::string issued = std::to_string(to_micros(now));
    const std::string nonce = random_token(limits::passkey_challenge_bytes);
    return std::string(sign_in_prefix) + "." + issued + "." + nonce + "." +
           mac(sign_in_prefix, "", issued, nonce);
}

std::optional<Timestamp> PasskeyChallenges::read_sign_in(std::string_view challenge) const {
    const auto parts = split_dots(challenge);
    if (parts.size() != 4 || parts[0] != sign_in_prefix) return std::nullopt;
    const auto issued = parse_issued_micros(parts[1]);
    if (!issued) return std::nullopt;
    if (!constant_time_equal(parts[3], mac(sign_in_prefix, "", parts[1], parts[2]))) {
        return std::nullopt;
    }
    return issued;
}

std::string PasskeyChallenges::new_user_handle() {
    std::string bytes(limits::passkey_user_handle_bytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()),
                   static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
    return base64url_encode(bytes);
}

}  // namespace bank
