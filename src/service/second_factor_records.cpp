#include "service/second_factor_records.hpp"

#include <cctype>

#include "core/random.hpp"
#include "core/second_factor_limits.hpp"
#include "service/totp.hpp"

namespace bank {

SecondFactorPlan SecondFactorRecords::decide_and_write(std::string_view user_id,
                                                       const Planner& planner) {
    SecondFactorPlan plan;
    for (int attempt = 0; attempt < limits::second_factor_write_attempts_max; ++attempt) {
        plan = planner(store_.find_second_factor(user_id));
        if (plan.status != SecondFactorStatus::ok) return plan;
        if (store_.save_second_factor(plan.next)) return plan;
    }
    plan.next.version = 0;
    return plan;
}

std::optional<std::string> SecondFactorRecords::open_secret(const SecondFactor& record) const {
    if (record.totp_secret_sealed.empty()) return std::nullopt;
    return box_.open(record.totp_secret_sealed, record.user_id);
}

MatchedStep SecondFactorRecords::matching_step(const std::optional<SecondFactor>& record,
                                               std::string_view code) const {
    if (!record) return std::nullopt;
    const auto secret = open_secret(*record);
    if (!secret) return std::nullopt;
    return Totp::matching_step(*secret, code, clock_.now());
}

std::vector<std::string> SecondFactorRecords::new_recovery_codes() {
    std::vector<std::string> codes;
    for (std::size_t i = 0; i < limits::recovery_codes_per_user; ++i) {
        const std::string hex = random_token(limits::recovery_code_bytes);
        std::string shown;
        for (std::size_t at = 0; at < hex.size(); at += 4) {
            if (!shown.empty()) shown += '-';
            shown += hex.substr(at, 4);
        }
        codes.push_back(std::move(shown));
    }
    return codes;
}

// Dashes, spaces and case do not matter: people copy codes from paper.
std::string SecondFactorRecords::recovery_code_hash(std::string_view typed) {
    std::string normalised;
    for (char c : typed) {
        if (c == '-' || c == ' ') continue;
        normalised += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (normalised.size() != limits::recovery_code_bytes * 2) return "";
    return sha256_hex(normalised);
}

std::vector<std::string> SecondFactorRecords::hashes_of(const std::vector<std::string>& codes) {
    std::vector<std::string> hashes;
    for (const auto& code : codes) hashes.push_back(recovery_code_hash(code));
    return hashes;
}

}  // namespace bank
