#include "storage/sqlite/sqlite_user_commands.hpp"

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_rows.hpp"

namespace bank {

namespace {

WriteResult with_status(WriteStatus status) {
    WriteResult result;
    result.status = status;
    return result;
}

// The outcome of an UPDATE keyed by user_id: no row touched means no such user.
WriteResult user_updated(const SqliteConnection& connection) {
    return with_status(connection.changes() == 0 ? WriteStatus::user_not_found : WriteStatus::ok);
}

}  // namespace

WriteResult SqliteUserCommands::apply(const CreateUser& command) {
    const User& user = command.user;
    if (select_user_by_email(connection_, user.email)) return with_status(WriteStatus::email_taken);
    connection_
        .query(
            "INSERT INTO users (user_id, email, password_hash, full_name, phone, created_at, "
            "failed_logins, locked_until, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(user.user_id)
        .bind(user.email)
        .bind(user.password_hash)
        .bind(user.full_name)
        .bind(user.phone)
        .bind(to_micros(user.created_at))
        .bind(std::int64_t{user.failed_logins})
        .bind(to_micros(user.locked_until))
        .bind(to_string(user.role))
        .run();
    WriteResult result;
    result.user = user;
    return result;
}

WriteResult SqliteUserCommands::apply(const RecordLoginFailure& command) {
    // One statement reads and writes the count, so no failure is lost or counted twice.
    connection_
        .query(
            "UPDATE users SET "
            "locked_until = CASE WHEN failed_logins + 1 >= ?1 THEN ?2 ELSE locked_until END, "
            "failed_logins = CASE WHEN failed_logins + 1 >= ?1 THEN 0 "
            "ELSE failed_logins + 1 END "
            "WHERE user_id = ?3")
        .bind(std::int64_t{command.attempts_max})
        .bind(to_micros(command.lock_until))
        .bind(command.user_id)
        .run();
    WriteResult result = user_updated(connection_);
    if (result.status == WriteStatus::ok) result.user = select_user(connection_, command.user_id);
    return result;
}

WriteResult SqliteUserCommands::apply(const RecordLoginSuccess& command) {
    connection_.query("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE user_id = ?")
        .bind(command.user_id)
        .run();
    WriteResult result = user_updated(connection_);
    if (result.status == WriteStatus::ok) result.user = select_user(connection_, command.user_id);
    return result;
}

WriteResult SqliteUserCommands::apply(const CreateSession& command) {
    const Session& session = command.session;
    if (!select_user(connection_, session.user_id)) {
        return with_status(WriteStatus::user_not_found);
    }
    connection_
        .query(
            "INSERT INTO sessions (token_hash, user_id, csrf_secret, created_at, last_seen, "
            "expires_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(session.token_hash)
        .bind(session.user_id)
        .bind(session.csrf_secret)
        .bind(to_micros(session.created_at))
        .bind(to_micros(session.last_seen))
        .bind(to_micros(session.expires_at))
        .run();
    // sessions_max of 0 means no limit; rowid breaks ties between sessions made in the same
    // microsecond, so the newest always survives.
    if (command.sessions_max > 0) {
        connection_
            .query(
                "DELETE FROM sessions WHERE user_id = ?1 AND token_hash NOT IN ("
                "SELECT token_hash FROM sessions WHERE user_id = ?1 "
                "ORDER BY created_at DESC, rowid DESC LIMIT ?2)")
            .bind(session.user_id)
            .bind(static_cast<std::int64_t>(command.sessions_max))
            .run();
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
    connection_.query("UPDATE users SET full_name = ?, phone = ? WHERE user_id = ?")
        .bind(command.full_name)
        .bind(command.phone)
        .bind(command.user_id)
        .run();
    WriteResult result = user_updated(connection_);
    if (result.status == WriteStatus::ok) result.user = select_user(connection_, command.user_id);
    return result;
}

WriteResult SqliteUserCommands::apply(const ChangePassword& command) {
    connection_.query("UPDATE users SET password_hash = ? WHERE user_id = ?")
        .bind(command.password_hash)
        .bind(command.user_id)
        .run();
    WriteResult result = user_updated(connection_);
    if (result.status != WriteStatus::ok) return result;
    connection_.query("DELETE FROM sessions WHERE user_id = ? AND token_hash != ?")
        .bind(command.user_id)
        .bind(command.keep_token_hash)
        .run();
    return result;
}

}  // namespace bank
