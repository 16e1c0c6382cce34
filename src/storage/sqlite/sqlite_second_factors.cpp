#include "storage/sqlite/sqlite_second_factors.hpp"

#include "ledger/recovery_code_hashes.hpp"

namespace bank {

std::optional<SecondFactor> SqliteSecondFactors::find(std::string_view user_id) {
    auto query = connection_.query(
        "SELECT totp_secret_sealed, totp_confirmed, last_used_step, recovery_code_hashes, "
        "challenges_spent_through, step_up_threshold_cents, version FROM second_factors "
        "WHERE user_id = ?");
    query.bind(user_id);
    if (!query.step()) return std::nullopt;
    SecondFactor record;
    record.user_id = std::string(user_id);
    record.totp_secret_sealed = query.text(0);
    record.totp_confirmed = query.integer(1) != 0;
    record.last_used_step = query.integer(2);
    record.recovery_code_hashes = split_recovery_code_hashes(query.text(3));
    record.challenges_spent_through = from_micros(query.integer(4));
    record.step_up_threshold = Money::from_cents(query.integer(5));
    record.version = query.integer(6);
    return record;
}

bool SqliteSecondFactors::save(const SecondFactor& next) {
    if (next.version == 1) {
        connection_
            .query(
                "INSERT INTO second_factors (user_id, totp_secret_sealed, totp_confirmed, "
                "last_used_step, recovery_code_hashes, challenges_spent_through, "
                "step_up_threshold_cents, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1) "
                "ON CONFLICT (user_id) DO NOTHING")
            .bind(next.user_id)
            .bind(next.totp_secret_sealed)
            .bind(std::int64_t{next.totp_confirmed ? 1 : 0})
            .bind(next.last_used_step)
            .bind(join_recovery_code_hashes(next.recovery_code_hashes))
            .bind(to_micros(next.challenges_spent_through))
            .bind(next.step_up_threshold.cents())
            .run();
        return connection_.changes() == 1;
    }
    connection_
        .query(
            "UPDATE second_factors SET totp_secret_sealed = ?, totp_confirmed = ?, "
            "last_used_step = ?, recovery_code_hashes = ?, challenges_spent_through = ?, "
            "step_up_threshold_cents = ?, version = ? WHERE user_id = ? AND version = ?")
        .bind(next.totp_secret_sealed)
        .bind(std::int64_t{next.totp_confirmed ? 1 : 0})
        .bind(next.last_used_step)
        .bind(join_recovery_code_hashes(next.recovery_code_hashes))
        .bind(to_micros(next.challenges_spent_through))
        .bind(next.step_up_threshold.cents())
        .bind(next.version)
        .bind(next.user_id)
        .bind(next.version - 1)
        .run();
    return connection_.changes() == 1;
}

}  // namespace bank
