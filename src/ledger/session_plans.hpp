#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ledger/model.hpp"
#include "ledger/user_plans.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// The sessions (of every kind) a command ends, or the status that refused it. `sessions` in
// each planner are the person's sessions as the store holds them.
struct EndSessionsPlan {
    WriteStatus status = WriteStatus::ok;
    std::vector<std::string> ended_token_hashes;
};

// The person's session of the command's kind with that session_id; another person's, or
// one of another kind, is not found, exactly like an unknown id.
EndSessionsPlan plan_revoke_session(const std::vector<Session>& sessions,
                                    const RevokeSession& command);
// Every sign-in session but the one kept; access tokens and reset links stay.
EndSessionsPlan plan_revoke_other_sessions(const std::vector<Session>& sessions,
                                           const RevokeOtherSessions& command);

// The person after an administrator's change, and (when disabling) every session, token and
// reset link of theirs, which all end with it.
using SetUserDisabledPlan = UserSessionsPlan;
SetUserDisabledPlan plan_set_user_disabled(const std::optional<User>& user,
                                           const std::vector<Session>& sessions,
                                           const SetUserDisabled& command);

// A reset by an emailed link: `link` is the session the command's token hash names (nullopt
// when none), `user` its owner and `sessions` theirs. The link must be a password_reset that
// has not expired at the command's `now`, of a person who is not disabled; the new password
// replaces the old and every session, token and link of the person ends, the used one
// included, so a link works once.
using ResetPasswordPlan = UserSessionsPlan;
ResetPasswordPlan plan_reset_password(const std::optional<Session>& link,
                                      const std::optional<User>& user,
                                      const std::vector<Session>& sessions,
                                      const ResetPassword& command);

}  // namespace bank
