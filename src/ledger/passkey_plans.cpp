#include "ledger/passkey_plans.hpp"

#include <algorithm>

#include "core/passkey_limits.hpp"

namespace bank {

std::string_view to_string(PasskeyStatus status) {
    switch (status) {
        case PasskeyStatus::ok:
            return "ok";
        case PasskeyStatus::not_found:
            return "not_found";
        case PasskeyStatus::name_invalid:
            return "name_invalid";
        case PasskeyStatus::limit_reached:
            return "limit_reached";
        case PasskeyStatus::credential_taken:
            return "credential_taken";
        case PasskeyStatus::challenge_expired:
            return "challenge_expired";
        case PasskeyStatus::challenge_spent:
            return "challenge_spent";
        case PasskeyStatus::counter_not_increasing:
            return "counter_not_increasing";
    }
    return "unknown";
}

bool passkey_name_valid(std::string_view name) {
    if (name.empty() || name.size() > limits::passkey_name_length_max) return false;
    return std::none_of(name.begin(), name.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
}

PasskeyPlan plan_passkey_registration(const std::vector<Passkey>& owned, bool credential_taken,
                                      Passkey candidate, const ChallengeUse& challenge) {
    if (!passkey_name_valid(candidate.name)) return {PasskeyStatus::name_invalid, {}};
    if (owned.size() >= limits::passkeys_per_user_max) return {PasskeyStatus::limit_reached, {}};
    const bool taken_here = std::any_of(owned.begin(), owned.end(), [&](const Passkey& passkey) {
        return passkey.credential_id == candidate.credential_id;
    });
    if (credential_taken || taken_here) return {PasskeyStatus::credential_taken, {}};
    if (challenge.now > challenge.expires_at) return {PasskeyStatus::challenge_expired, {}};
    const bool spent = std::any_of(owned.begin(), owned.end(), [&](const Passkey& passkey) {
        return challenge.issued_at <= passkey.created_at;
    });
    if (spent) return {PasskeyStatus::challenge_spent, {}};
    candidate.created_at = challenge.now;
    candidate.last_used_at = Timestamp{};
    candidate.challenges_spent_through = challenge.issued_at;
    candidate.version = 1;
    return {PasskeyStatus::ok, std::move(candidate)};
}

PasskeyPlan plan_passkey_rename(const std::optional<Passkey>& current, std::string_view user_id,
                                std::string name) {
    if (!current || current->user_id != user_id) return {PasskeyStatus::not_found, {}};
    if (!passkey_name_valid(name)) return {PasskeyStatus::name_invalid, {}};
    Passkey next = *current;
    next.name = std::move(name);
    next.version = current->version + 1;
    return {PasskeyStatus::ok, std::move(next)};
}

PasskeyPlan plan_passkey_removal(const std::optional<Passkey>& current, std::string_view user_id) {
    if (!current || current->user_id != user_id) return {PasskeyStatus::not_found, {}};
    return {PasskeyStatus::ok, *current};
}

PasskeyPlan plan_passkey_use(const std::optional<Passkey>& current, std::uint32_t sign_count,
                             const ChallengeUse& challenge) {
    if (!current) return {PasskeyStatus::not_found, {}};
    if (challenge.now > challenge.expires_at) return {PasskeyStatus::challenge_expired, {}};
    if (challenge.issued_at <= current->challenges_spent_through) {
        return {PasskeyStatus::challenge_spent, {}};
    }
    // Both zero: an authenticator that keeps no counter (many synced passkeys). Otherwise
    // the counter must go up, or two copies of the key are in use (section 6.1.1).
    const bool counted = sign_count != 0 || current->sign_count != 0;
    if (counted && static_cast<std::int64_t>(sign_count) <= current->sign_count) {
        return {PasskeyStatus::counter_not_increasing, {}};
    }
    Passkey next = *current;
    next.sign_count = sign_count;
    next.last_used_at = challenge.now;
    next.challenges_spent_through = challenge.issued_at;
    next.version = current->version + 1;
    return {PasskeyStatus::ok, std::move(next)};
}

}  // namespace bank
