#include "storage/sqlite/sqlite_user_commands.hpp"

#include "ledger/bank_figures.hpp"
#include "ledger/user_plans.hpp"
#include "storage/sqlite/sqlite_bank_figures.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_rows.hpp"

namespace bank {

namespace {

WriteResult with_user(UserPlan plan) {
    WriteResult result = with_status(plan.status);
    if (plan.status == WriteStatus::ok) result.user = std::move(plan.user);
    return result;
}

}  // namespace

WriteResult SqliteUserCommands::apply(const CreateUser& command) {
    const User& user = command.user;
    const auto existing = select_user_by_email(connection_, user.email);
    const auto status = plan_create_user(existing ? std::optional(existing->user_id) : std::nullopt,
                                         user.time_zone);
    if (status != WriteStatus::ok) return with_status(status);
    connection_
        .query(
            "INSERT INTO users (user_id, email, password_hash, full_name, phone, created_at, "
            "failed_logins, locked_until, role, time_zone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(user.user_id)
        .bind(user.email)
        .bind(user.password_hash)
        .bind(user.full_name)
        .bind(user.phone)
        .bind(to_micros(user.created_at))
        .bind(std::int64_t{user.failed_logins})
        .bind(to_micros(user.locked_until))
        .bind(to_string(user.role))
        .bind(user.time_zone)
        .run();
    // In the registration's own savepoint: a refused or failed registration counts nothing.
    SqliteBankFigures figures(connection_);
    for (const BankFigure& delta : registration_deltas(user)) figures.add(delta);
    WriteResult result;
    result.user = user;
    return result;
}

// The writer is the only one that changes users on this file, so what it read is what the
// update changes.
WriteResult SqliteUserCommands::apply(const RecordLoginFailure& command) {
    return write_sign_in_state(
        plan_login_failure(select_user(connection_, command.user_id), command));
}

WriteResult SqliteUserCommands::apply(const RecordLoginSuccess& command) {
    return write_sign_in_state(plan_login_success(select_user(connection_, command.user_id)));
}

WriteResult SqliteUserCommands::write_sign_in_state(UserPlan plan) {
    if (plan.status == WriteStatus::ok) {
        connection_.query("UPDATE users SET failed_logins = ?, locked_until = ? WHERE user_id = ?")
            .bind(std::int64_t{plan.user.failed_logins})
            .bind(to_micros(plan.user.locked_until))
            .bind(plan.user.user_id)
            .run();
    }
    return with_user(std::move(plan));
}

WriteResult SqliteUserCommands::apply(const CreateSession& command) {
    const Session& session = command.session;
    CreateSessionPlan plan =
        plan_create_session(select_user(connection_, session.user_id).has_value(),
                            select_sessions_of_user(connection_, session.user_id), command);
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    connection_
        .query(
            "INSERT INTO sessions (token_hash, user_id, csrf_secret, created_at, last_seen, "
            "expires_at, session_id, kind, scope, name, user_agent, client_address) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(session.token_hash)
        .bind(session.user_id)
        .bind(session.csrf_secret)
        .bind(to_micros(session.created_at))
        .bind(to_micros(session.last_seen))
        .bind(to_micros(session.expires_at))
        .bind(session.session_id)
        .bind(to_string(session.kind))
        .bind(to_string(session.scope))
        .bind(session.name)
        .bind(session.user_agent)
        .bind(session.client_address)
        .run();
    for (const std::string& token_hash : plan.ended_token_hashes) {
        apply(DeleteSession{token_hash});
    }
    return with_status(WriteStatus::ok);
}

WriteResult SqliteUserCommands::apply(const TouchSession& command) {
    connection_.query("UPDATE sessions SET last_seen = ? WHERE token_hash = ?")
        .bind(to_micros(command.last_seen))
        .bind(command.token_hash)
        .run();
    return with_status(WriteStatus::ok);
}

WriteResult SqliteUserCommands::apply(const DeleteSession& command) {
    connection_.query("DELETE FROM sessions WHERE token_hash = ?").bind(command.token_hash).run();
    return with_status(WriteStatus::ok);
}

WriteResult SqliteUserCommands::apply(const UpdateProfile& command) {
    UserPlan plan = plan_update_profile(select_user(connection_, command.user_id), command);
    if (plan.status == WriteStatus::ok) {
        connection_.query("UPDATE users SET full_name = ?, phone = ? WHERE user_id = ?")
            .bind(plan.user.full_name)
            .bind(plan.user.phone)
            .bind(plan.user.user_id)
            .run();
    }
    return with_user(std::move(plan));
}

WriteResult SqliteUserCommands::apply(const SetTimeZone& command) {
    UserPlan plan = plan_set_time_zone(select_user(connection_, command.user_id), command);
    if (plan.status == WriteStatus::ok) {
        connection_.query("UPDATE users SET time_zone = ? WHERE user_id = ?")
            .bind(plan.user.time_zone)
            .bind(plan.user.user_id)
            .run();
    }
    return with_user(std::move(plan));
}

WriteResult SqliteUserCommands::apply(const ChangePassword& command) {
    const UserSessionsPlan plan =
        plan_change_password(select_user(connection_, command.user_id),
                             select_sessions_of_user(connection_, command.user_id), command);
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    connection_.query("UPDATE users SET password_hash = ? WHERE user_id = ?")
        .bind(plan.user.password_hash)
        .bind(plan.user.user_id)
        .run();
    for (const std::string& token_hash : plan.ended_token_hashes) {
        connection_.query("DELETE FROM sessions WHERE token_hash = ?").bind(token_hash).run();
    }
    return with_status(WriteStatus::ok);
}

}  // namespace bank
