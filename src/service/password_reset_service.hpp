#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "ledger/identity_reads.hpp"
#include "ledger/ledger_writer.hpp"
#include "service/audit_log.hpp"
#include "service/mail_queue.hpp"
#include "service/mail_sender.hpp"
#include "service/password_hasher.hpp"
#include "service/rate_limiter.hpp"
#include "service/worker_pool.hpp"

namespace bank {

// Where a reset mail comes from and where its link points.
struct PasswordResetSettings {
    std::string public_url;  // BANK_PUBLIC_URL, "https://bank.example.com": the link's origin
    std::string mail_from;   // BANK_MAIL_FROM: the From header and SMTP's MAIL FROM
};

// "Forgot your password?": a single-use link by email (a password_reset session of
// limits::password_reset_link_lifetime, only its hash stored), then a new password that
// passes the same policy as registration, which ends every session and token of the person
// (ledger/session_plans.hpp, plan_reset_password). Both steps are in the person's audit log.
//
// A request is answered the same whether or not the email has an account: `request` checks
// only the email's shape and queues the rest (finding the person, making the link, sending
// the mail) on a thread of its own (MailQueue), so neither the answer nor its timing depends
// on what the store holds, and no I/O thread waits for the mail server. A failure to send is
// logged with the person's id and the server, never the token.
class PasswordResetService {
public:
    // `sender` null: no mail server is configured; the pages and the API then say so (501)
    // without calling `request` or `confirm`, which would answer password_reset_not_configured.
    PasswordResetService(IdentityReads& identities, LedgerWriter& writer, const Clock& clock,
                         WorkerPool& workers, PasswordHasher hasher,
                         std::shared_ptr<MailSender> sender, PasswordResetSettings settings);

    bool available() const { return sender_ != nullptr; }

    // Ok for every well-formed email (whether or not it has an account, and even when the
    // mail queue is full); a malformed one is refused naming the field.
    Result<Unit> request(std::string_view email_text, std::string client_address,
                         std::string user_agent);
    // Whether `token` names a live reset link of an enabled person (nothing is written): the
    // confirm page says at once that an old link no longer works.
    bool link_usable(std::string_view token) const;
    // Sets the new password if the link is still good (refused naming "token" otherwise) and
    // the password passes the policy (refused naming "password"; nothing changes).
    boost::asio::awaitable<Result<Unit>> confirm(std::string token, std::string password,
                                                 std::string client_address);

    // Reset jobs queued or running, for tests that wait until the mail went out.
    std::size_t jobs_pending() const { return queue_.pending(); }

private:
    void prepare_and_send(const std::string& email, const std::string& client_address,
                          const std::string& user_agent);
    std::string mail_body(const User& user, const std::string& token) const;

    IdentityReads& identities_;
    LedgerWriter& writer_;
    const Clock& clock_;
    WorkerPool& workers_;
    PasswordHasher hasher_;
    std::shared_ptr<MailSender> sender_;
    PasswordResetSettings settings_;
    AuditLog audit_log_;
    RateLimiter mails_per_person_;
    MailQueue queue_;  // last: destroyed first, so its job never outlives the members above
};

// What resets answer when no mail server is configured. Its code is `unavailable`, but the
// pages and the API answer it 501 not_configured (a deployment choice, not a passing outage:
// no Retry-After), checking PasswordResetService::available first.
Error password_reset_not_configured();
// What a used, expired, replaced or unknown link answers (400, field "token").
Error password_reset_link_invalid();

}  // namespace bank
