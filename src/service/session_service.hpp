#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "ledger/identity_reads.hpp"
#include "ledger/ledger_writer.hpp"
#include "ledger/session_reads.hpp"
#include "service/audit_log.hpp"
#include "service/auth_service.hpp"

namespace bank {

// A personal access token as it is made: the token goes to the person once; only its hash
// is kept.
struct CreatedToken {
    std::string token;
    Session session;
};

// A person's own sign-in sessions and personal access tokens: listing them, ending one,
// "sign out everywhere else", making a token. Only a password sign-in manages them (an
// access token cannot make or end tokens, so a leaked one cannot entrench itself); every
// change is in the person's audit log. Another person's session id is not found, exactly
// like an unknown one.
class SessionService {
public:
    SessionService(IdentityReads& identities, SessionReads& sessions, LedgerWriter& writer,
                   const Clock& clock);

    // The person's live sign-in sessions, the most recently seen first.
    Result<std::vector<Session>> list_sign_ins(const Identity& identity) const;
    boost::asio::awaitable<Result<Unit>> end_sign_in(const Identity& identity,
                                                     std::string session_id,
                                                     std::string client_address);
    boost::asio::awaitable<Result<Unit>> end_other_sign_ins(const Identity& identity,
                                                            std::string client_address);

    // The person's live access tokens, the newest first.
    Result<std::vector<Session>> list_tokens(const Identity& identity) const;
    // `scope_text` "read" or "payments"; `days_text` 1 to limits::access_token_lifetime_days_max.
    boost::asio::awaitable<Result<CreatedToken>> create_token(const Identity& identity,
                                                              std::string name,
                                                              std::string scope_text,
                                                              std::string days_text,
                                                              std::string client_address);
    boost::asio::awaitable<Result<Unit>> revoke_token(const Identity& identity,
                                                      std::string token_id,
                                                      std::string client_address);

private:
    std::vector<Session> live_sessions(const std::string& user_id, SessionKind kind) const;
    boost::asio::awaitable<Result<Unit>> end_one(const Identity& identity, std::string session_id,
                                                 SessionKind kind, std::string client_address);

    SessionReads& sessions_;
    LedgerWriter& writer_;
    const Clock& clock_;
    AuditLog audit_log_;
};

// Refuses an identity that is not a password sign-in (an access token) with 403.
std::optional<Error> require_sign_in(const Identity& identity);

}  // namespace bank
