#include "service/auth_service.hpp"

#include <spdlog/spdlog.h>

#include "core/limits.hpp"
#include "core/random.hpp"
#include "service/async_write.hpp"
#include "service/validation.hpp"
#include "service/write_errors.hpp"

namespace bank {
namespace {

constexpr std::size_t token_bytes = 32;  // 256 bits
constexpr std::size_t unknown_emails_max = 100'000;

Error invalid_credentials() {
    return make_error(ErrorCode::unauthenticated, "Invalid email or password.");
}

}  // namespace

Error busy_error() {
    return make_error(ErrorCode::unavailable,
                      "The bank is very busy right now. Nothing was changed; please try again in a moment.");
}

AuthService::AuthService(Store& store, const Clock& clock, WorkerPool& workers,
                         PasswordHasher hasher)
    : store_(store),
      clock_(clock),
      workers_(workers),
      hasher_(std::move(hasher)),
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
    if (auto error = check_password(registration.password)) co_return *error;
    auto full_name = normalize_full_name(registration.full_name);
    if (!full_name) co_return full_name.error();
    auto phone = normalize_phone(registration.phone);
    if (!phone) co_return phone.error();
    if (!registrations_.allow(client_address, clock_.now())) {
        co_return make_error(ErrorCode::rate_limited,
                             "Too many registrations from your address. Please try again later.");
    }

    auto hash = co_await hash_on_pool(std::move(registration.password));
    if (!hash) co_return busy_error();
    User user;
    user.user_id = new_id();
    user.email = std::move(*email);
    user.password_hash = std::move(*hash);
    user.full_name = std::move(*full_name);
    user.phone = std::move(*phone);
    user.created_at = clock_.now();
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = CreateUser{user};
    const WriteResult result = co_await async_write(store_, std::move(command));
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    spdlog::info("registered user {}", user.user_id);
    co_return user;
}

Error AuthService::locked_error(Timestamp until) const {
    const auto minutes =
        std::chrono::ceil<std::chrono::minutes>(until - clock_.now()).count();
    return make_error(ErrorCode::account_locked,
                      "Too many failed sign-in attempts. Signing in is locked for " +
                          std::to_string(std::max<std::int64_t>(minutes, 1)) +
                          " more minute(s).");
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
                                                            std::string password) {
    auto email = normalize_email(email_text);
    if (!email) co_return invalid_credentials();
    const Timestamp now = clock_.now();
    const std::optional<User> user = store_.find_user_by_email(*email);
    if (user && user->locked_until > now) co_return locked_error(user->locked_until);
    if (!user) {
        if (auto until = unknown_email_locked(*email, now)) co_return locked_error(*until);
    }

    const std::string hash = user ? user->password_hash : hasher_.decoy_hash();
    const auto verified = co_await verify_on_pool(std::move(password), hash);
    if (!verified) co_return busy_error();
    if (*verified && user) {
        if (user->failed_logins > 0) {
            // A named command: GCC 12 destroys a temporary in a co_await expression twice.
            WriteCommand command = RecordLoginSuccess{user->user_id};
            co_await async_write(store_, std::move(command));
        }
        co_return co_await start_session(*user);
    }

    if (!user) {
        if (record_unknown_email_failure(*email, now)) {
            co_return locked_error(now + limits::lock_duration);
        }
        co_return invalid_credentials();
    }
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = RecordLoginFailure{user->user_id, limits::login_attempts_max, now + limits::lock_duration};
    const WriteResult result = co_await async_write(store_, std::move(command));
    if (result.user && result.user->locked_until > now) {
        spdlog::warn("user {} locked after {} failed sign-ins", user->user_id,
                     limits::login_attempts_max);
        co_return locked_error(result.user->locked_until);
    }
    co_return invalid_credentials();
}

boost::asio::awaitable<Result<SignedIn>> AuthService::start_session(User user) {
    SignedIn signed_in;
    signed_in.token = random_token(token_bytes);
    Session& session = signed_in.identity.session;
    session.token_hash = sha256_hex(signed_in.token);
    session.user_id = user.user_id;
    session.csrf_secret = random_token(token_bytes);
    session.created_at = clock_.now();
    session.last_seen = session.created_at;
    session.expires_at = session.created_at + limits::session_absolute_timeout;
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = CreateSession{session, limits::sessions_per_user_max};
    const WriteResult result = co_await async_write(store_, std::move(command));
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    user.failed_logins = 0;
    signed_in.identity.user = std::move(user);
    co_return signed_in;
}

boost::asio::awaitable<void> AuthService::logout(std::string token) {
    if (!is_token_shaped(token)) co_return;
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = DeleteSession{sha256_hex(token)};
    co_await async_write(store_, std::move(command));
}

boost::asio::awaitable<std::optional<Identity>> AuthService::authenticate(std::string token) {
    if (!is_token_shaped(token)) co_return std::nullopt;
    const std::string token_hash = sha256_hex(token);
    std::optional<Session> session = store_.find_session(token_hash);
    if (!session) co_return std::nullopt;
    const Timestamp now = clock_.now();
    if (session->expires_at <= now || session->last_seen + limits::session_idle_timeout <= now) {
        // A named command: GCC 12 destroys a temporary in a co_await expression twice.
        WriteCommand command = DeleteSession{token_hash};
        co_await async_write(store_, std::move(command));
        co_return std::nullopt;
    }
    std::optional<User> user = store_.find_user(session->user_id);
    if (!user) co_return std::nullopt;
    if (session->last_seen + limits::session_touch_interval <= now) {
        // Recorded at most once a minute, so most requests write nothing.
        store_.submit(TouchSession{token_hash, now}, [](WriteResult) {});
        session->last_seen = now;
    }
    co_return Identity{std::move(*user), std::move(*session)};
}

boost::asio::awaitable<Result<User>> AuthService::update_profile(const Identity& identity,
                                                                 std::string full_name_text,
                                                                 std::string phone_text) {
    auto full_name = normalize_full_name(full_name_text);
    if (!full_name) co_return full_name.error();
    auto phone = normalize_phone(phone_text);
    if (!phone) co_return phone.error();
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = UpdateProfile{identity.user.user_id, *full_name, *phone};
    const WriteResult result = co_await async_write(store_, std::move(command));
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    User user = identity.user;
    user.full_name = std::move(*full_name);
    user.phone = std::move(*phone);
    co_return user;
}

boost::asio::awaitable<Result<Unit>> AuthService::change_password(const Identity& identity,
                                                                  std::string current_password,
                                                                  std::string new_password) {
    if (auto error = check_password(new_password, "new_password")) co_return *error;
    const auto verified =
        co_await verify_on_pool(std::move(current_password), identity.user.password_hash);
    if (!verified) co_return busy_error();
    if (!*verified) {
        co_return make_error(ErrorCode::validation_failed, "The current password is not right.",
                             "current_password");
    }
    auto hash = co_await hash_on_pool(std::move(new_password));
    if (!hash) co_return busy_error();
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = ChangePassword{identity.user.user_id, *hash, identity.session.token_hash};
    const WriteResult result = co_await async_write(store_, std::move(command));
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    spdlog::info("user {} changed their password; other sessions ended", identity.user.user_id);
    co_return Unit{};
}

}  // namespace bank
