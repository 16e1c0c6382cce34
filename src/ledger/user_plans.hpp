#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ledger/model.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// The person after a command that changes their own record (sign-in counters, profile,
// password), or the status that refused it.
struct UserPlan {
    WriteStatus status = WriteStatus::ok;
    User user;
};

// The email is not registered yet (`email_owner` is the user id the store holds for it,
// or nullopt), and the person's time zone is in the tz database.
WriteStatus plan_create_user(const std::optional<std::string>& email_owner,
                             const std::string& time_zone);

// One failure more; at `attempts_max` the person is locked until `lock_until` and the
// count starts again. `user` as the store holds it now.
UserPlan plan_login_failure(const std::optional<User>& user, const RecordLoginFailure& command);
// Clears the failures and any lock.
UserPlan plan_login_success(const std::optional<User>& user);
UserPlan plan_update_profile(const std::optional<User>& user, const UpdateProfile& command);
// The person exists and the zone is one of the tz database's names (the system's zoneinfo,
// read-only data: the same name gets the same answer on every call).
UserPlan plan_set_time_zone(const std::optional<User>& user, const SetTimeZone& command);

// The person after a change that ends sessions with it, and the token hashes of the sessions
// (of every kind) that end.
struct UserSessionsPlan {
    WriteStatus status = WriteStatus::ok;
    User user;
    std::vector<std::string> ended_token_hashes;
};

// The new password, and every other session, access token and reset link of the person ends
// (all but the one kept: the session that asked). `sessions` as the store holds them.
UserSessionsPlan plan_change_password(const std::optional<User>& user,
                                      const std::vector<Session>& sessions,
                                      const ChangePassword& command);

// A new session, and the person's sessions of its kind that end to keep them within
// `sessions_max` (0: no limit): the oldest go first (ties: the larger token hash goes first),
// the new one always stays. An access token beyond the limit is refused (too_many_tokens).
// `sessions` are the person's other sessions as the store holds them.
struct CreateSessionPlan {
    WriteStatus status = WriteStatus::ok;
    std::vector<std::string> ended_token_hashes;
};
CreateSessionPlan plan_create_session(bool user_exists, std::vector<Session> sessions,
                                      const CreateSession& command);

// An audit event belongs to a person who exists.
WriteStatus plan_append_audit_event(bool user_exists);

// The distinct people of `events`, in the order of their first event: whom a store looks up
// before plan_append_audit_events.
std::vector<std::string> people_of(const std::vector<AuditEvent>& events);

// A batch of events (AppendAuditEvents): each is decided as plan_append_audit_event decides it
// alone, on whether its person is among `people_existing` (those of people_of the store
// found). `trimmed` names once each person with an event written, in the order of their first
// event: a log bounded by count is trimmed once per person after the batch's inserts, which
// keeps the same newest events as a trim after each insert (a trim only ever drops events
// outside the newest `events_max`, and those stay outside as more are added).
struct AuditEventsPlan {
    std::vector<WriteStatus> statuses;  // one per event, in order
    std::vector<std::string> trimmed;
};
AuditEventsPlan plan_append_audit_events(const std::vector<AuditEvent>& events,
                                         const std::set<std::string>& people_existing);

}  // namespace bank
