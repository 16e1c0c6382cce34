#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "ledger/model.hpp"
#include "ledger/store_unavailable.hpp"

namespace bank {

struct SessionAndUser {
    Session session;
    User user;
};

// Who is asking: users, sessions and a person's own audit log. May be called from any
// thread at once; a read the backend cannot answer throws StoreUnavailable.
class IdentityReads {
public:
    virtual ~IdentityReads() = default;

    virtual std::optional<User> find_user(std::string_view user_id) = 0;
    virtual std::optional<User> find_user_by_email(std::string_view email) = 0;
    virtual std::optional<Session> find_session(std::string_view token_hash) = 0;
    // The session and the person it belongs to, as every authenticated request needs them;
    // nullopt when either is missing. An engine that cannot read both at once answers with
    // find_session_then_user.
    virtual std::optional<SessionAndUser> find_session_and_user(std::string_view token_hash) = 0;
    // The user's audit log, newest first (ties in time: the larger event_id first), at most
    // `limit` events.
    virtual std::vector<AuditEvent> list_audit_events(std::string_view user_id,
                                                      std::size_t limit) = 0;
};

// find_session_and_user in two reads: the session, then its user.
std::optional<SessionAndUser> find_session_then_user(IdentityReads& identities,
                                                     std::string_view token_hash);

}  // namespace bank
