#include "service/session_service.hpp"

#include <algorithm>
#include <charconv>

#include "core/limits.hpp"
#include "core/random.hpp"
#include "service/async_write.hpp"
#include "service/validation.hpp"
#include "service/write_errors.hpp"

namespace bank {

namespace {

constexpr std::size_t token_bytes = 32;  // 256 bits, as a sign-in's

Error session_not_found(std::string_view what) {
    return make_error(ErrorCode::not_found,
                      std::string("That ") + std::string(what) + " was not found.");
}

Result<std::string> normalize_token_name(std::string_view text) {
    std::string name = trim(text);
    if (name.empty()) {
        return make_error(ErrorCode::validation_failed, "Name the token, like \"Budget script\".",
                          "name");
    }
    if (name.size() > limits::access_token_name_length_max || !is_clean_text(name)) {
        return make_error(ErrorCode::validation_failed,
                          "The name can have at most " +
                              std::to_string(limits::access_token_name_length_max) +
                              " characters and no control characters.",
                          "name");
    }
    return name;
}

Result<TokenScope> parse_scope(std::string_view text) {
    const auto scope = parse_token_scope(text);
    if (!scope || *scope == TokenScope::full) {
        return make_error(ErrorCode::validation_failed,
                          "Choose the scope: read (accounts, history and analytics) or payments "
                          "(also moves money).",
                          "scope");
    }
    return *scope;
}

Result<int> parse_days(std::string_view text) {
    int days = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), days);
    if (error != std::errc() || end != text.data() + text.size() || days < 1 ||
        days > limits::access_token_lifetime_days_max) {
        return make_error(ErrorCode::validation_failed,
                          "A token lasts 1 to " +
                              std::to_string(limits::access_token_lifetime_days_max) + " days.",
                          "expires_in_days");
    }
    return days;
}

}  // namespace

std::optional<Error> require_sign_in(const Identity& identity) {
    if (identity.session.kind == SessionKind::sign_in) return std::nullopt;
    return make_error(ErrorCode::insufficient_scope,
                      "Sessions and access tokens are managed after signing in with your "
                      "password; an access token cannot do it.");
}

SessionService::SessionService(IdentityReads& identities, SessionReads& sessions,
                               LedgerWriter& writer, const Clock& clock)
    : sessions_(sessions), writer_(writer), clock_(clock), audit_log_(identities, writer, clock) {}

std::vector<Session> SessionService::live_sessions(const std::string& user_id,
                                                   SessionKind kind) const {
    std::vector<Session> live = sessions_.list_sessions(user_id);
    const Timestamp now = clock_.now();
    std::erase_if(live, [&](const Session& session) {
        const bool idle =
            kind == SessionKind::sign_in && session.last_seen + limits::session_idle_timeout <= now;
        return session.kind != kind || session.expires_at <= now || idle;
    });
    return live;
}

Result<std::vector<Session>> SessionService::list_sign_ins(const Identity& identity) const {
    if (auto refused = require_sign_in(identity)) return *refused;
    std::vector<Session> live = live_sessions(identity.user.user_id, SessionKind::sign_in);
    std::sort(live.begin(), live.end(), [](const Session& left, const Session& right) {
        if (left.last_seen != right.last_seen) return left.last_seen > right.last_seen;
        return left.session_id < right.session_id;
    });
    return live;
}

Result<std::vector<Session>> SessionService::list_tokens(const Identity& identity) const {
    if (auto refused = require_sign_in(identity)) return *refused;
    std::vector<Session> live = live_sessions(identity.user.user_id, SessionKind::access_token);
    std::sort(live.begin(), live.end(), [](const Session& left, const Session& right) {
        if (left.created_at != right.created_at) return left.created_at > right.created_at;
        return left.session_id < right.session_id;
    });
    return live;
}

boost::asio::awaitable<Result<Unit>> SessionService::end_one(const Identity& identity,
                                                             std::string session_id,
                                                             SessionKind kind,
                                                             std::string client_address) {
    if (auto refused = require_sign_in(identity)) co_return *refused;
    const bool token = kind == SessionKind::access_token;
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = RevokeSession{identity.user.user_id, session_id, kind};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    if (result.status == WriteStatus::session_not_found) {
        co_return session_not_found(token ? "token" : "session");
    }
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    audit_log_.record(
        audit_log_.make(identity.user.user_id,
                        token ? AuditEventKind::token_revoked : AuditEventKind::session_ended,
                        client_address, (token ? "Token " : "Session ") + session_id.substr(0, 8)));
    co_return Unit{};
}

boost::asio::awaitable<Result<Unit>> SessionService::end_sign_in(const Identity& identity,
                                                                 std::string session_id,
                                                                 std::string client_address) {
    co_return co_await end_one(identity, std::move(session_id), SessionKind::sign_in,
                               std::move(client_address));
}

boost::asio::awaitable<Result<Unit>> SessionService::revoke_token(const Identity& identity,
                                                                  std::string token_id,
                                                                  std::string client_address) {
    co_return co_await end_one(identity, std::move(token_id), SessionKind::access_token,
                               std::move(client_address));
}

boost::asio::awaitable<Result<Unit>> SessionService::end_other_sign_ins(
    const Identity& identity, std::string client_address) {
    if (auto refused = require_sign_in(identity)) co_return *refused;
    // Alongside the change, not after it: /profile shows the log next.
    PendingWrite audit = audit_log_.record_alongside(
        audit_log_.make(identity.user.user_id, AuditEventKind::other_sessions_ended, client_address,
                        "Every other sign-in was signed out"));
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = RevokeOtherSessions{identity.user.user_id, identity.session.token_hash};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    co_await audit.wait();
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    co_return Unit{};
}

boost::asio::awaitable<Result<CreatedToken>> SessionService::create_token(
    const Identity& identity, std::string name_text, std::string scope_text, std::string days_text,
    std::string client_address) {
    if (auto refused = require_sign_in(identity)) co_return *refused;
    auto name = normalize_token_name(name_text);
    if (!name) co_return name.error();
    auto scope = parse_scope(scope_text);
    if (!scope) co_return scope.error();
    auto days = parse_days(days_text);
    if (!days) co_return days.error();

    CreatedToken created;
    created.token = random_token(token_bytes);
    Session& session = created.session;
    session.token_hash = sha256_hex(created.token);
    session.user_id = identity.user.user_id;
    session.csrf_secret = random_token(token_bytes);  // unused: bearer calls need no CSRF
    session.created_at = clock_.now();
    session.last_seen = session.created_at;
    session.expires_at = session.created_at + std::chrono::days(*days);
    session.session_id = new_id();
    session.kind = SessionKind::access_token;
    session.scope = *scope;
    session.name = std::move(*name);
    session.client_address = client_address;
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = CreateSession{session, limits::access_tokens_per_user_max};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    if (result.status == WriteStatus::too_many_tokens) {
        co_return make_error(ErrorCode::validation_failed,
                             "You already have the most access tokens one person may keep (" +
                                 std::to_string(limits::access_tokens_per_user_max) +
                                 "). Revoke one first.",
                             "name");
    }
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    audit_log_.record(audit_log_.make(identity.user.user_id, AuditEventKind::token_created,
                                      client_address,
                                      "Token " + session.session_id.substr(0, 8) + " (" +
                                          std::string(to_string(session.scope)) + ")"));
    co_return created;
}

}  // namespace bank
