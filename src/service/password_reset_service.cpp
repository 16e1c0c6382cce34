#include "service/password_reset_service.hpp"

#include <spdlog/spdlog.h>

#include "core/limits.hpp"
#include "core/random.hpp"
#include "service/async_write.hpp"
#include "service/auth_service.hpp"
#include "service/blocking_write.hpp"
#include "service/mail_message.hpp"
#include "service/password_policy.hpp"
#include "service/validation.hpp"
#include "service/write_errors.hpp"

namespace bank {
namespace {

constexpr std::size_t token_bytes = 32;  // 256 bits, as a sign-in's
constexpr std::size_t people_remembered_max = 100'000;

bool is_live_link(const std::optional<SessionAndUser>& found, Timestamp now) {
    return found && found->session.kind == SessionKind::password_reset &&
           found->session.expires_at > now && !found->user.disabled;
}

}  // namespace

Error password_reset_link_invalid() {
    return make_error(ErrorCode::validation_failed,
                      "This reset link does not work any more: it was used, it expired (a link "
                      "lasts " +
                          std::to_string(limits::password_reset_link_lifetime.count()) +
                          " minutes) or a newer one replaced it. Ask for a new one.",
                      "token");
}

Error password_reset_not_configured() {
    return make_error(ErrorCode::unavailable,
                      "Password resets by email are not available here: this bank has no mail "
                      "server configured. Contact the bank to regain access.");
}

PasswordResetService::PasswordResetService(IdentityReads& identities, LedgerWriter& writer,
                                           const Clock& clock, WorkerPool& workers,
                                           PasswordHasher hasher,
                                           std::shared_ptr<MailSender> sender,
                                           PasswordResetSettings settings)
    : identities_(identities),
      writer_(writer),
      clock_(clock),
      workers_(workers),
      hasher_(std::move(hasher)),
      sender_(std::move(sender)),
      settings_(std::move(settings)),
      audit_log_(identities, writer, clock),
      // At most as many mails per link lifetime as links a person can hold at once: more
      // would only end live links, and would let anyone flood a mailbox through the form.
      mails_per_person_(limits::password_reset_links_per_user_max,
                        limits::password_reset_link_lifetime, people_remembered_max),
      queue_(limits::worker_queue_depth_max) {
    while (settings_.public_url.ends_with('/')) settings_.public_url.pop_back();
}

Result<Unit> PasswordResetService::request(std::string_view email_text, std::string client_address,
                                           std::string user_agent) {
    if (!available()) return password_reset_not_configured();
    auto email = normalize_email(email_text);
    if (!email) return email.error();
    if (user_agent.size() > limits::user_agent_length_max) {
        user_agent.resize(limits::user_agent_length_max);
    }
    auto job = [this, email = std::move(*email), client_address = std::move(client_address),
                user_agent = std::move(user_agent)] {
        prepare_and_send(email, client_address, user_agent);
    };
    // Full: the per-address limit of the route table lets few through, so this is a flood;
    // the answer stays the same.
    if (!queue_.post(std::move(job))) spdlog::warn("password reset queue full: request dropped");
    return Unit{};
}

void PasswordResetService::prepare_and_send(const std::string& email,
                                            const std::string& client_address,
                                            const std::string& user_agent) {
    const std::optional<User> user = identities_.find_user_by_email(email);
    if (!user || user->disabled) return;  // nothing to send, and nothing to tell anyone
    const Timestamp now = clock_.now();
    if (!mails_per_person_.allow(user->user_id, now)) {
        spdlog::warn("password reset for user {} not sent: {} in {} minutes already", user->user_id,
                     limits::password_reset_links_per_user_max,
                     limits::password_reset_link_lifetime.count());
        return;
    }
    const std::string token = random_token(token_bytes);
    Session link;
    link.token_hash = sha256_hex(token);
    link.user_id = user->user_id;
    link.csrf_secret = random_token(token_bytes);
    link.created_at = now;
    link.last_seen = now;
    link.expires_at = now + limits::password_reset_link_lifetime;
    link.session_id = new_id();
    link.kind = SessionKind::password_reset;
    link.client_address = client_address;
    link.user_agent = user_agent;
    const WriteResult made =
        write_and_wait(writer_, CreateSession{link, limits::password_reset_links_per_user_max});
    if (made.status != WriteStatus::ok) {
        spdlog::error("password reset for user {}: the link was not stored ({})", user->user_id,
                      to_string(made.status));
        return;
    }
    MailMessage message{settings_.mail_from,     user->email, "Reset your password",
                        mail_body(*user, token), now,         new_message_id(settings_.mail_from)};
    const auto failure = sender_->send({settings_.mail_from, user->email, render_mail(message)});
    if (failure) {
        spdlog::error("password reset mail for user {} not sent: {}", user->user_id, *failure);
    } else {
        spdlog::info("password reset mail for user {} sent", user->user_id);
    }
    audit_log_.record(
        audit_log_.make(user->user_id, AuditEventKind::password_reset_requested, client_address,
                        failure ? "The link could not be emailed" : "A link was emailed"));
}

std::string PasswordResetService::mail_body(const User& user, const std::string& token) const {
    const std::string minutes = std::to_string(limits::password_reset_link_lifetime.count());
    return "Hello " + user.full_name +
           ",\n\n"
           "someone asked to reset the password of the bank account registered with this\n"
           "email address. To choose a new password, open this link within " +
           minutes + " minutes:\n\n" + settings_.public_url +
           "/password-reset/confirm?token=" + token +
           "\n\n"
           "The link works once. A new password signs out every session and ends every\n"
           "access token of yours.\n\n"
           "If this wasn't you, ignore this email: your password stays as it is, and the\n"
           "link stops working in " +
           minutes + " minutes.\n";
}

bool PasswordResetService::link_usable(std::string_view token) const {
    if (!available() || !AuthService::is_token_shaped(token)) return false;
    return is_live_link(identities_.find_session_and_user(sha256_hex(token)), clock_.now());
}

boost::asio::awaitable<Result<Unit>> PasswordResetService::confirm(std::string token,
                                                                   std::string password,
                                                                   std::string client_address) {
    if (!available()) co_return password_reset_not_configured();
    if (!AuthService::is_token_shaped(token)) co_return password_reset_link_invalid();
    const std::string token_hash = sha256_hex(token);
    const std::optional<SessionAndUser> found = identities_.find_session_and_user(token_hash);
    if (!is_live_link(found, clock_.now())) co_return password_reset_link_invalid();
    const User& user = found->user;
    if (auto error = check_new_password(password, user.email, user.full_name, "password")) {
        co_return *error;
    }
    auto job = [this, password = std::move(password)] { return hasher_.hash(password); };
    const std::optional<std::string> hash = co_await workers_.run(std::move(job));
    if (!hash) co_return busy_error();
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = ResetPassword{token_hash, *hash, clock_.now()};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    if (result.status == WriteStatus::reset_link_invalid) co_return password_reset_link_invalid();
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    spdlog::info("user {} reset their password by email; every session ended", user.user_id);
    PendingWrite audit = audit_log_.record_alongside(
        audit_log_.make(user.user_id, AuditEventKind::password_reset, client_address,
                        "Every session and access token was ended"));
    co_await audit.wait();
    co_return Unit{};
}

}  // namespace bank
