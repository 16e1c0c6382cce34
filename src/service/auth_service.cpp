#include "service/auth_service.hpp"

#include <algorithm>
#include <charconv>

#include <spdlog/spdlog.h>

#include "core/limits.hpp"
#include "core/random.hpp"
#include "service/async_write.hpp"
#include "service/password_policy.hpp"
#include "service/validation.hpp"
#include "service/write_errors.hpp"

namespace bank {
namespace {

constexpr std::size_t token_bytes = 32;  // 256 bits
constexpr std::size_t unknown_emails_max = 100'000;

Error invalid_credentials() {
    return make_error(ErrorCode::unauthenticated, "Invalid email or password.");
}

// Which details a profile change changed, for the audit log: names of fields, never their
// values. Empty when nothing changed.
std::string changed_fields(const User& before, const std::string& full_name,
                           const std::string& phone) {
    const bool name_changed = before.full_name != full_name;
    const bool phone_changed = before.phone != phone;
    if (name_changed && phone_changed) return "Full name and phone changed";
    if (name_changed) return "Full name changed";
    if (phone_changed) return "Phone changed";
    return "";
}

}  // namespace

Error disabled_error() {
    return make_error(ErrorCode::account_disabled,
                      "This account is disabled by the bank. Contact the bank to enable it again.");
}

Error busy_error() {
    return make_error(
        ErrorCode::unavailable,
        "The bank is very busy right now. Nothing was changed; please try again in a moment.");
}

AuthService::AuthService(IdentityReads& identities, LedgerWriter& writer, const Clock& clock,
                         WorkerPool& workers, PasswordHasher hasher)
    : identities_(identities),
      writer_(writer),
      clock_(clock),
      workers_(workers),
      hasher_(std::move(hasher)),
      audit_log_(identities, writer, clock),
      registrations_(limits::registrations_per_address_max, limits::registration_window,
                     unknown_emails_max) {}

bool AuthService::is_token_shaped(std::string_view token) {
    if (token.size() != token_bytes * 2) return false;
    for (char c : token) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

boost::asio::awaitable<std::optional<std::string>> AuthService::hash_on_pool(std::string password) {
    auto job = [this, password = std::move(password)] { return hasher_.hash(password); };
    co_return co_await workers_.run(std::move(job));
}

boost::asio::awaitable<std::optional<bool>> AuthService::verify_on_pool(std::string password,
                                                                        std::string hash) {
    auto job = [this, password = std::move(password), hash = std::move(hash)] {
        return hasher_.verify(password, hash);
    };
    co_return co_await workers_.run(std::move(job));
}

boost::asio::awaitable<Result<User>> AuthService::register_user(Registration registration,
                                                                std::string client_address) {
    auto email = normalize_email(registration.email);
    if (!email) co_return email.error();
    auto full_name = normalize_full_name(registration.full_name);
    if (!full_name) co_return full_name.error();
    if (auto error = check_new_password(registration.password, *email, *full_name)) {
        co_return *error;
    }
    auto phone = normalize_phone(registration.phone);
    if (!phone) co_return phone.error();
    // No guess from the browser (no script): UTC, changeable on /profile.
    auto time_zone = trim(registration.time_zone).empty()
                         ? Result<std::string>(std::string("UTC"))
                         : normalize_time_zone(registration.time_zone);
    if (!time_zone) co_return time_zone.error();
    if (!registrations_.allow(client_address, clock_.now())) {
        const auto minutes = (registration_retry_after_seconds(client_address) + 59) / 60;
        co_return make_error(ErrorCode::rate_limited,
                             "Too many registrations from your address. Please try again in " +
                                 std::to_string(minutes) +
                                 (minutes == 1 ? " minute." : " minutes."));
    }

    auto hash = co_await hash_on_pool(std::move(registration.password));
    if (!hash) co_return busy_error();
    User user;
    user.user_id = new_id();
    user.email = std::move(*email);
    user.password_hash = std::move(*hash);
    user.full_name = std::move(*full_name);
    user.phone = std::move(*phone);
    user.time_zone = std::move(*time_zone);
    user.created_at = clock_.now();
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = CreateUser{user};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    spdlog::info("registered user {}", user.user_id);
    audit_log_.record(audit_log_.make(user.user_id, AuditEventKind::registered, client_address));
    co_return user;
}

std::int64_t AuthService::registration_retry_after_seconds(const std::string& client_address) {
    return std::max<std::int64_t>(1,
                                  registrations_.retry_after_seconds(client_address, clock_.now()));
}

Error AuthService::locked_error(Timestamp until) const {
    const auto minutes = std::chrono::ceil<std::chrono::minutes>(until - clock_.now()).count();
    return make_error(ErrorCode::account_locked,
                      "Too many failed sign-in attempts. Signing in is locked for " +
                          std::to_string(std::max<std::int64_t>(minutes, 1)) + " more minute(s).");
}

std::optional<Timestamp> AuthService::unknown_email_locked(const std::string& email,
                                                           Timestamp now) {
    std::lock_guard lock(unknown_mutex_);
    const auto found = unknown_emails_.find(email);
    if (found == unknown_emails_.end() || found->second.locked_until <= now) return std::nullopt;
    return found->second.locked_until;
}

bool AuthService::record_unknown_email_failure(const std::string& email, Timestamp now) {
    std::lock_guard lock(unknown_mutex_);
    if (unknown_emails_.size() >= unknown_emails_max) unknown_emails_.clear();
    auto& state = unknown_emails_[email];
    if (++state.failures < limits::login_attempts_max) return false;
    state.failures = 0;
    state.locked_until = now + limits::lock_duration;
    return true;
}

boost::asio::awaitable<Result<SignedIn>> AuthService::login(std::string email_text,
                                                            std::string password,
                                                            std::string client_address,
                                                            std::string user_agent) {
    Result<User> user =
        co_await check_credentials(std::move(email_text), std::move(password), client_address);
    if (!user) co_return user.error();
    co_return co_await finish_sign_in(std::move(*user), client_address, std::move(user_agent));
}

boost::asio::awaitable<Result<User>> AuthService::check_credentials(std::string email_text,
                                                                    std::string password,
                                                                    std::string client_address) {
    auto email = normalize_email(email_text);
    if (!email) co_return invalid_credentials();
    const Timestamp now = clock_.now();
    const std::optional<User> user = identities_.find_user_by_email(*email);
    if (user && user->locked_until > now) co_return locked_error(user->locked_until);
    if (!user) {
        if (auto until = unknown_email_locked(*email, now)) co_return locked_error(*until);
    }

    const std::string hash = user ? user->password_hash : hasher_.decoy_hash();
    const auto verified = co_await verify_on_pool(std::move(password), hash);
    if (!verified) co_return busy_error();
    if (*verified && user) {
        // Only to the holder of the right password: it tells nothing to someone guessing.
        if (user->disabled) co_return disabled_error();
        co_return *user;
    }

    if (!user) {
        if (record_unknown_email_failure(*email, now)) {
            co_return locked_error(now + limits::lock_duration);
        }
        co_return invalid_credentials();
    }
    // A named detail: GCC 12 destroys a temporary in a co_await expression twice.
    std::string detail = "Wrong password";
    co_return co_await record_failure(*user, client_address, now, AuditEventKind::login_failed,
                                      std::move(detail));
}

boost::asio::awaitable<Result<SignedIn>> AuthService::finish_sign_in(User user,
                                                                     std::string client_address,
                                                                     std::string user_agent) {
    // Also here: an administrator may disable the person between password and code.
    if (user.disabled) co_return disabled_error();
    if (user.failed_logins > 0) {
        // A named command: GCC 12 destroys a temporary in a co_await expression twice.
        WriteCommand command = RecordLoginSuccess{user.user_id};
        co_await async_write(writer_, std::move(command));
    }
    // Alongside the session's write, not after it: the person may open /profile next.
    PendingWrite audit = audit_log_.record_alongside(
        audit_log_.make(user.user_id, AuditEventKind::login_succeeded, client_address));
    Result<SignedIn> signed_in =
        co_await start_session(std::move(user), std::move(client_address), std::move(user_agent));
    co_await audit.wait();
    if (signed_in && signed_in_hook_) signed_in_hook_(signed_in->identity.session);
    co_return signed_in;
}

boost::asio::awaitable<Error> AuthService::record_second_factor_failure(const User& user,
                                                                        std::string client_address,
                                                                        std::string detail) {
    co_return co_await record_failure(user, client_address, clock_.now(),
                                      AuditEventKind::second_factor_failed, detail);
}

Error AuthService::sign_in_locked(const User& user) const {
    if (user.locked_until > clock_.now()) return locked_error(user.locked_until);
    return invalid_credentials();
}

// Counts a wrong password or second-factor code of an existing user and logs it as `kind`;
// the failure that locks signing in is logged as a lockout too. The log is written without
// waiting: nothing shows it in this answer.
boost::asio::awaitable<Error> AuthService::record_failure(const User& user,
                                                          const std::string& client_address,
                                                          Timestamp now, AuditEventKind kind,
                                                          std::string detail) {
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command =
        RecordLoginFailure{user.user_id, limits::login_attempts_max, now + limits::lock_duration};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    const bool locked = result.user && result.user->locked_until > now;
    if (result.user && !locked) {
        detail += " (" + std::to_string(result.user->failed_logins) + " of " +
                  std::to_string(limits::login_attempts_max) + " before sign-in locks)";
    }
    audit_log_.record(audit_log_.make(user.user_id, kind, client_address, detail));
    if (!locked) co_return invalid_credentials();
    spdlog::warn("user {} locked after {} failed sign-ins", user.user_id,
                 limits::login_attempts_max);
    audit_log_.record(
        audit_log_.make(user.user_id, AuditEventKind::locked_out, client_address,
                        "Signing in locked for " + std::to_string(limits::lock_duration.count()) +
                            " minutes after " + std::to_string(limits::login_attempts_max) +
                            (kind == AuditEventKind::second_factor_failed ? " failed attempts"
                                                                          : " wrong passwords")));
    co_return locked_error(result.user->locked_until);
}

boost::asio::awaitable<Result<SignedIn>> AuthService::start_session(User user,
                                                                    std::string client_address,
                                                                    std::string user_agent) {
    SignedIn signed_in;
    signed_in.token = random_token(token_bytes);
    Session& session = signed_in.identity.session;
    session.token_hash = sha256_hex(signed_in.token);
    session.user_id = user.user_id;
    session.csrf_secret = random_token(token_bytes);
    session.created_at = clock_.now();
    session.last_seen = session.created_at;
    session.expires_at = session.created_at + limits::session_absolute_timeout;
    session.session_id = new_id();
    session.kind = SessionKind::sign_in;
    session.client_address = std::move(client_address);
    session.user_agent = std::move(user_agent);
    if (session.user_agent.size() > limits::user_agent_length_max) {
        session.user_agent.resize(limits::user_agent_length_max);
    }
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = CreateSession{session, limits::sessions_per_user_max};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    user.failed_logins = 0;
    signed_in.identity.user = std::move(user);
    co_return signed_in;
}

boost::asio::awaitable<void> AuthService::logout(std::string token, std::string client_address) {
    if (!is_token_shaped(token)) co_return;
    const std::string token_hash = sha256_hex(token);
    const std::optional<Session> session = identities_.find_session(token_hash);
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = DeleteSession{token_hash};
    co_await async_write(writer_, std::move(command));
    if (session) {
        audit_log_.record(
            audit_log_.make(session->user_id, AuditEventKind::logged_out, client_address));
    }
}

std::optional<SessionAndUser> AuthService::find_session_and_user(const std::string& token_hash) {
    if (sessions_ == nullptr) return identities_.find_session_and_user(token_hash);
    // Other processes' commits move the version; this one's own forget (SessionCacheGuard).
    const std::uint64_t ticket = sessions_->ticket();
    const std::optional<std::uint64_t> version = writer_.data_version({});
    if (!version) return identities_.find_session_and_user(token_hash);
    if (auto kept = sessions_->find(token_hash, *version)) return kept;
    std::optional<SessionAndUser> found = identities_.find_session_and_user(token_hash);
    if (found) sessions_->keep(token_hash, *version, ticket, *found);
    return found;
}

boost::asio::awaitable<std::optional<Identity>> AuthService::authenticate(std::string token) {
    if (!is_token_shaped(token)) co_return std::nullopt;
    const std::string token_hash = sha256_hex(token);
    // One read for both, or none: this runs on every authenticated request.
    std::optional<SessionAndUser> found = find_session_and_user(token_hash);
    if (!found) co_return std::nullopt;
    Session& session = found->session;
    if (session.kind == SessionKind::password_reset || found->user.disabled) co_return std::nullopt;
    const Timestamp now = clock_.now();
    const bool idle = session.kind == SessionKind::sign_in &&
                      session.last_seen + limits::session_idle_timeout <= now;
    if (session.expires_at <= now || idle) {
        // A named command: GCC 12 destroys a temporary in a co_await expression twice.
        WriteCommand command = DeleteSession{token_hash};
        co_await async_write(writer_, std::move(command));
        co_return std::nullopt;
    }
    if (session.last_seen + limits::session_touch_interval <= now) {
        // Recorded at most once a minute, so most requests write nothing.
        writer_.submit(TouchSession{token_hash, now}, [](const WriteResult&) {});
        session.last_seen = now;
        if (sessions_ != nullptr) sessions_->touched(token_hash, now);
    }
    co_return Identity{std::move(found->user), std::move(session)};
}

boost::asio::awaitable<Result<User>> AuthService::update_profile(const Identity& identity,
                                                                 std::string full_name_text,
                                                                 std::string phone_text,
                                                                 std::string client_address) {
    auto full_name = normalize_full_name(full_name_text);
    if (!full_name) co_return full_name.error();
    auto phone = normalize_phone(phone_text);
    if (!phone) co_return phone.error();
    const std::string changed = changed_fields(identity.user, *full_name, *phone);
    // Alongside the change, not after it: the answer shows the log on /profile.
    std::optional<PendingWrite> audit;
    if (!changed.empty()) {
        audit.emplace(audit_log_.record_alongside(audit_log_.make(
            identity.user.user_id, AuditEventKind::profile_changed, client_address, changed)));
    }
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = UpdateProfile{identity.user.user_id, *full_name, *phone};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    if (audit) co_await audit->wait();
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    User user = identity.user;
    user.full_name = std::move(*full_name);
    user.phone = std::move(*phone);
    co_return user;
}

boost::asio::awaitable<Result<Unit>> AuthService::change_password(const Identity& identity,
                                                                  std::string current_password,
                                                                  std::string new_password,
                                                                  std::string client_address) {
    if (auto error = check_new_password(new_password, identity.user.email, identity.user.full_name,
                                        "new_password")) {
        co_return *error;
    }
    const auto verified =
        co_await verify_on_pool(std::move(current_password), identity.user.password_hash);
    if (!verified) co_return busy_error();
    if (!*verified) {
        co_return make_error(ErrorCode::validation_failed, "The current password is not right.",
                             "current_password");
    }
    auto hash = co_await hash_on_pool(std::move(new_password));
    if (!hash) co_return busy_error();
    // Alongside the change, not after it: the answer shows the log on /profile.
    PendingWrite audit = audit_log_.record_alongside(
        audit_log_.make(identity.user.user_id, AuditEventKind::password_changed, client_address,
                        "Every other session was signed out"));
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command =
        ChangePassword{identity.user.user_id, *hash, identity.session.token_hash};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    co_await audit.wait();
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    spdlog::info("user {} changed their password; other sessions ended", identity.user.user_id);
    co_return Unit{};
}

Result<std::vector<AuditEvent>> AuthService::security_events(const Identity& identity,
                                                             std::string_view limit_text) const {
    std::size_t limit = limits::audit_events_shown;
    if (!limit_text.empty()) {
        const auto [end, error] =
            std::from_chars(limit_text.data(), limit_text.data() + limit_text.size(), limit);
        if (error != std::errc() || end != limit_text.data() + limit_text.size() || limit == 0 ||
            limit > limits::audit_events_per_user_max) {
            return make_error(ErrorCode::validation_failed,
                              "The number of events must be between 1 and " +
                                  std::to_string(limits::audit_events_per_user_max) + ".",
                              "limit");
        }
    }
    return audit_log_.recent(identity.user.user_id, limit);
}

}  // namespace bank
