#include "ledger/user_plans.hpp"

#include <algorithm>
#include <set>

#include "core/time_zone.hpp"

namespace bank {

namespace {

UserPlan refused(WriteStatus status) {
    UserPlan plan;
    plan.status = status;
    return plan;
}

UserPlan changed(User user) {
    UserPlan plan;
    plan.user = std::move(user);
    return plan;
}

}  // namespace

WriteStatus plan_create_user(const std::optional<std::string>& email_owner,
                             const std::string& time_zone) {
    if (email_owner) return WriteStatus::email_taken;
    if (!TimeZone::find(time_zone)) return WriteStatus::time_zone_invalid;
    return WriteStatus::ok;
}

UserPlan plan_login_failure(const std::optional<User>& user, const RecordLoginFailure& command) {
    if (!user) return refused(WriteStatus::user_not_found);
    User after = *user;
    if (after.failed_logins + 1 >= command.attempts_max) {
        after.failed_logins = 0;
        after.locked_until = command.lock_until;
    } else {
        ++after.failed_logins;
    }
    return changed(std::move(after));
}

UserPlan plan_login_success(const std::optional<User>& user) {
    if (!user) return refused(WriteStatus::user_not_found);
    User after = *user;
    after.failed_logins = 0;
    after.locked_until = Timestamp{};
    return changed(std::move(after));
}

UserPlan plan_update_profile(const std::optional<User>& user, const UpdateProfile& command) {
    if (!user) return refused(WriteStatus::user_not_found);
    User after = *user;
    after.full_name = command.full_name;
    after.phone = command.phone;
    return changed(std::move(after));
}

UserPlan plan_set_time_zone(const std::optional<User>& user, const SetTimeZone& command) {
    if (!user) return refused(WriteStatus::user_not_found);
    if (!TimeZone::find(command.time_zone)) return refused(WriteStatus::time_zone_invalid);
    User after = *user;
    after.time_zone = command.time_zone;
    return changed(std::move(after));
}

UserSessionsPlan plan_change_password(const std::optional<User>& user,
                                      const std::vector<Session>& sessions,
                                      const ChangePassword& command) {
    UserSessionsPlan plan;
    if (!user) {
        plan.status = WriteStatus::user_not_found;
        return plan;
    }
    plan.user = *user;
    plan.user.password_hash = command.password_hash;
    for (const Session& session : sessions) {
        if (session.token_hash != command.keep_token_hash) {
            plan.ended_token_hashes.push_back(session.token_hash);
        }
    }
    return plan;
}

CreateSessionPlan plan_create_session(bool user_exists, std::vector<Session> sessions,
                                      const CreateSession& command) {
    CreateSessionPlan plan;
    if (!user_exists) {
        plan.status = WriteStatus::user_not_found;
        return plan;
    }
    // Each kind counts on its own: access tokens never push out sign-ins, nor the reverse.
    std::erase_if(sessions, [&](const Session& session) {
        return session.token_hash == command.session.token_hash ||
               session.kind != command.session.kind;
    });
    if (command.sessions_max == 0 || sessions.size() < command.sessions_max) return plan;
    if (command.session.kind == SessionKind::access_token) {
        // The person chose each token; none is ended behind their back.
        plan.status = WriteStatus::too_many_tokens;
        return plan;
    }
    std::sort(sessions.begin(), sessions.end(), [](const Session& left, const Session& right) {
        if (left.created_at != right.created_at) return left.created_at > right.created_at;
        return left.token_hash < right.token_hash;
    });
    for (std::size_t index = command.sessions_max - 1; index < sessions.size(); ++index) {
        plan.ended_token_hashes.push_back(sessions[index].token_hash);
    }
    return plan;
}

WriteStatus plan_append_audit_event(bool user_exists) {
    return user_exists ? WriteStatus::ok : WriteStatus::user_not_found;
}

std::vector<std::string> people_of(const std::vector<AuditEvent>& events) {
    std::vector<std::string> people;
    std::set<std::string> seen;
    for (const AuditEvent& event : events) {
        if (seen.insert(event.user_id).second) people.push_back(event.user_id);
    }
    return people;
}

AuditEventsPlan plan_append_audit_events(const std::vector<AuditEvent>& events,
                                         const std::set<std::string>& people_existing) {
    AuditEventsPlan plan;
    plan.statuses.reserve(events.size());
    std::set<std::string> trimmed;
    for (const AuditEvent& event : events) {
        const WriteStatus status = plan_append_audit_event(people_existing.contains(event.user_id));
        plan.statuses.push_back(status);
        if (status == WriteStatus::ok && trimmed.insert(event.user_id).second) {
            plan.trimmed.push_back(event.user_id);
        }
    }
    return plan;
}

}  // namespace bank
