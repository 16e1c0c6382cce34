#include "ledger/session_plans.hpp"

#include <algorithm>

namespace bank {

namespace {

std::vector<std::string> every_token_hash(const std::vector<Session>& sessions) {
    std::vector<std::string> hashes;
    hashes.reserve(sessions.size());
    for (const Session& session : sessions) hashes.push_back(session.token_hash);
    return hashes;
}

}  // namespace

EndSessionsPlan plan_revoke_session(const std::vector<Session>& sessions,
                                    const RevokeSession& command) {
    EndSessionsPlan plan;
    for (const Session& session : sessions) {
        if (session.user_id == command.user_id && session.kind == command.kind &&
            !command.session_id.empty() && session.session_id == command.session_id) {
            plan.ended_token_hashes.push_back(session.token_hash);
            return plan;
        }
    }
    plan.status = WriteStatus::session_not_found;
    return plan;
}

EndSessionsPlan plan_revoke_other_sessions(const std::vector<Session>& sessions,
                                           const RevokeOtherSessions& command) {
    EndSessionsPlan plan;
    for (const Session& session : sessions) {
        if (session.user_id == command.user_id && session.kind == SessionKind::sign_in &&
            session.token_hash != command.keep_token_hash) {
            plan.ended_token_hashes.push_back(session.token_hash);
        }
    }
    return plan;
}

SetUserDisabledPlan plan_set_user_disabled(const std::optional<User>& user,
                                           const std::vector<Session>& sessions,
                                           const SetUserDisabled& command) {
    SetUserDisabledPlan plan;
    if (!user || user->user_id != command.user_id) {
        plan.status = WriteStatus::user_not_found;
        return plan;
    }
    plan.user = *user;
    plan.user.disabled = command.disabled;
    if (command.disabled) plan.ended_token_hashes = every_token_hash(sessions);
    return plan;
}

ResetPasswordPlan plan_reset_password(const std::optional<Session>& link,
                                      const std::optional<User>& user,
                                      const std::vector<Session>& sessions,
                                      const ResetPassword& command) {
    ResetPasswordPlan plan;
    const bool usable = link && link->token_hash == command.token_hash &&
                        link->kind == SessionKind::password_reset &&
                        link->expires_at > command.now && user && user->user_id == link->user_id &&
                        !user->disabled;
    if (!usable) {
        plan.status = WriteStatus::reset_link_invalid;
        return plan;
    }
    plan.user = *user;
    plan.user.password_hash = command.password_hash;
    // A lock from wrong guesses ends too: the person proved they hold the email.
    plan.user.failed_logins = 0;
    plan.user.locked_until = Timestamp{};
    plan.ended_token_hashes = every_token_hash(sessions);
    if (std::find(plan.ended_token_hashes.begin(), plan.ended_token_hashes.end(),
                  command.token_hash) == plan.ended_token_hashes.end()) {
        plan.ended_token_hashes.push_back(command.token_hash);
    }
    return plan;
}

}  // namespace bank
