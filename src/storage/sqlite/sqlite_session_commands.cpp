#include "storage/sqlite/sqlite_session_commands.hpp"

#include "ledger/session_plans.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_rows.hpp"

namespace bank {

void SqliteSessionCommands::delete_sessions(const std::vector<std::string>& token_hashes) {
    for (const std::string& token_hash : token_hashes) {
        connection_.query("DELETE FROM sessions WHERE token_hash = ?").bind(token_hash).run();
    }
}

WriteResult SqliteSessionCommands::apply(const RevokeSession& command) {
    const EndSessionsPlan plan =
        plan_revoke_session(select_sessions_of_user(connection_, command.user_id), command);
    if (plan.status == WriteStatus::ok) delete_sessions(plan.ended_token_hashes);
    return with_status(plan.status);
}

WriteResult SqliteSessionCommands::apply(const RevokeOtherSessions& command) {
    const EndSessionsPlan plan =
        plan_revoke_other_sessions(select_sessions_of_user(connection_, command.user_id), command);
    if (plan.status == WriteStatus::ok) delete_sessions(plan.ended_token_hashes);
    return with_status(plan.status);
}

WriteResult SqliteSessionCommands::apply(const SetUserDisabled& command) {
    const SetUserDisabledPlan plan =
        plan_set_user_disabled(select_user(connection_, command.user_id),
                               select_sessions_of_user(connection_, command.user_id), command);
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    connection_.query("UPDATE users SET disabled = ? WHERE user_id = ?")
        .bind(std::int64_t{plan.user.disabled ? 1 : 0})
        .bind(plan.user.user_id)
        .run();
    delete_sessions(plan.ended_token_hashes);
    WriteResult result;
    result.user = plan.user;
    return result;
}

WriteResult SqliteSessionCommands::apply(const ResetPassword& command) {
    const std::optional<Session> link = select_session(connection_, command.token_hash);
    const std::optional<User> user =
        link ? select_user(connection_, link->user_id) : std::optional<User>();
    const ResetPasswordPlan plan = plan_reset_password(
        link, user,
        link ? select_sessions_of_user(connection_, link->user_id) : std::vector<Session>{},
        command);
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    connection_
        .query(
            "UPDATE users SET password_hash = ?, failed_logins = ?, locked_until = ? "
            "WHERE user_id = ?")
        .bind(plan.user.password_hash)
        .bind(std::int64_t{plan.user.failed_logins})
        .bind(to_micros(plan.user.locked_until))
        .bind(plan.user.user_id)
        .run();
    delete_sessions(plan.ended_token_hashes);
    WriteResult result;
    result.user = plan.user;
    return result;
}

}  // namespace bank
