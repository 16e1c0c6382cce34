#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "ledger/identity_reads.hpp"
#include "ledger/ledger_writer.hpp"
#include "ledger/model.hpp"
#include "service/audit_log.hpp"
#include "service/password_hasher.hpp"
#include "service/rate_limiter.hpp"
#include "service/session_cache.hpp"
#include "service/worker_pool.hpp"

namespace bank {

struct Registration {
    std::string email;
    std::string password;
    std::string full_name;
    std::string phone;
    std::string time_zone;  // an IANA name; empty: UTC
};

// Who is making a request: the signed-in user and their session.
struct Identity {
    User user;
    Session session;
};

struct SignedIn {
    std::string token;  // goes to the client once; only its hash is stored
    Identity identity;
};

// Registration, login with lockout, server-side sessions and profile changes, each
// recorded in the person's audit log with the client address it came from.
class AuthService {
public:
    AuthService(IdentityReads& identities, LedgerWriter& writer, const Clock& clock,
                WorkerPool& workers, PasswordHasher hasher);

    boost::asio::awaitable<Result<User>> register_user(Registration registration,
                                                       std::string client_address);
    // Seconds until register_user lets `client_address` in again (at least 1): the
    // Retry-After of a rate_limited refusal, so that a client obeying it gets in.
    std::int64_t registration_retry_after_seconds(const std::string& client_address);
    // Records login_succeeded, login_failed and locked_out for an existing user only: an
    // unknown email leaves no trace that could tell it from a known one.
    // `user_agent` (cut to limits::user_agent_length_max) is what the person's list of
    // sessions shows. A disabled person with the right password is told they are disabled.
    boost::asio::awaitable<Result<SignedIn>> login(std::string email, std::string password,
                                                   std::string client_address,
                                                   std::string user_agent = {});
    // The two halves of `login`, for a sign-in that needs a second factor between them
    // (SecondFactorService). check_credentials counts a wrong password towards the lockout
    // and answers the user behind a right one without signing in or clearing the count;
    // finish_sign_in clears the count, records login_succeeded and starts the session.
    boost::asio::awaitable<Result<User>> check_credentials(std::string email, std::string password,
                                                           std::string client_address);
    boost::asio::awaitable<Result<SignedIn>> finish_sign_in(User user, std::string client_address,
                                                            std::string user_agent = {});
    // Counts a wrong second-factor code towards the same lockout as wrong passwords and
    // records second_factor_failed with `detail` (never the code).
    boost::asio::awaitable<Error> record_second_factor_failure(const User& user,
                                                               std::string client_address,
                                                               std::string detail);
    // The answer to a sign-in attempt by a user who is locked now (or the generic refusal).
    Error sign_in_locked(const User& user) const;
    boost::asio::awaitable<void> logout(std::string token, std::string client_address);
    // The identity behind a sign-in session or access token, or nullopt when it is unknown,
    // expired, a password reset link, or its person is disabled. Access tokens have no idle
    // timeout.
    boost::asio::awaitable<std::optional<Identity>> authenticate(std::string token);

    boost::asio::awaitable<Result<User>> update_profile(const Identity& identity,
                                                        std::string full_name, std::string phone,
                                                        std::string client_address);
    // The zone the person's pages and daily and monthly figures follow (an IANA name of the
    // tz database; service/time_zone_change.cpp). Recorded as a profile change.
    boost::asio::awaitable<Result<User>> set_time_zone(const Identity& identity,
                                                       std::string time_zone,
                                                       std::string client_address);
    // Needs the current password; ends every other session of the user.
    boost::asio::awaitable<Result<Unit>> change_password(const Identity& identity,
                                                         std::string current_password,
                                                         std::string new_password,
                                                         std::string client_address);
    // The person's own security events, newest first: `limit_text` of them (1 to
    // limits::audit_events_per_user_max), or limits::audit_events_shown when it is empty.
    Result<std::vector<AuditEvent>> security_events(const Identity& identity,
                                                    std::string_view limit_text = {}) const;

    static bool is_token_shaped(std::string_view token);

    // Called with every session a sign-in started (the new-device alert, SignInAlerts); set
    // once before serving. It must not block: the sign-in's answer waits for it.
    void on_signed_in(std::function<void(const Session&)> hook) {
        signed_in_hook_ = std::move(hook);
    }
    // Keeps what authenticate reads in `sessions`; set once before serving, only when every
    // command that changes sessions or people goes through a SessionCacheGuard of the same
    // cache (as this service's writer, too).
    void cache_sessions(SessionCache& sessions) { sessions_ = &sessions; }

private:
    struct UnknownEmailState {
        int failures = 0;
        Timestamp locked_until{};
    };

    // The session and user behind `token_hash`, from the cache when it may answer.
    std::optional<SessionAndUser> find_session_and_user(const std::string& token_hash);
    boost::asio::awaitable<std::optional<std::string>> hash_on_pool(std::string password);
    boost::asio::awaitable<std::optional<bool>> verify_on_pool(std::string password,
                                                               std::string hash);
    boost::asio::awaitable<Result<SignedIn>> start_session(User user, std::string client_address,
                                                           std::string user_agent);
    boost::asio::awaitable<Error> record_failure(const User& user,
                                                 const std::string& client_address, Timestamp now,
                                                 AuditEventKind kind, std::string detail);
    Error locked_error(Timestamp until) const;
    // Unknown emails fail and lock exactly like known ones, so the answers never tell
    // whether an email has an account.
    std::optional<Timestamp> unknown_email_locked(const std::string& email, Timestamp now);
    bool record_unknown_email_failure(const std::string& email, Timestamp now);

    IdentityReads& identities_;
    LedgerWriter& writer_;
    const Clock& clock_;
    WorkerPool& workers_;
    PasswordHasher hasher_;
    AuditLog audit_log_;
    RateLimiter registrations_;
    std::mutex unknown_mutex_;
    std::unordered_map<std::string, UnknownEmailState> unknown_emails_;
    std::function<void(const Session&)> signed_in_hook_;
    SessionCache* sessions_ = nullptr;
};

Error busy_error();
// What a disabled person is told when they sign in.
Error disabled_error();

}  // namespace bank
