#include "ledger/identity_reads.hpp"

namespace bank {

std::optional<SessionAndUser> find_session_then_user(IdentityReads& identities,
                                                     std::string_view token_hash) {
    std::optional<Session> session = identities.find_session(token_hash);
    if (!session) return std::nullopt;
    std::optional<User> user = identities.find_user(session->user_id);
    if (!user) return std::nullopt;
    return SessionAndUser{std::move(*session), std::move(*user)};
}

}  // namespace bank
