#include "service/admin_access_service.hpp"

#include <spdlog/spdlog.h>

#include "service/async_write.hpp"
#include "service/validation.hpp"
#include "service/write_errors.hpp"

namespace bank {

AdminAccessService::AdminAccessService(IdentityReads& identities, LedgerWriter& writer,
                                       const Clock& clock)
    : identities_(identities), writer_(writer), audit_log_(identities, writer, clock) {}

boost::asio::awaitable<Result<User>> AdminAccessService::set_disabled(const Identity& admin,
                                                                      std::string user_id,
                                                                      bool disabled,
                                                                      std::string client_address) {
    if (admin.user.role != Role::admin) {
        co_return make_error(ErrorCode::forbidden, "This is for the bank's administrators.");
    }
    if (user_id == admin.user.user_id) {
        co_return make_error(ErrorCode::validation_failed,
                             "You cannot disable or enable yourself; ask another administrator.",
                             "user_id");
    }
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = SetUserDisabled{user_id, disabled};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    if (result.status != WriteStatus::ok || !result.user) co_return to_error(result.status);
    const User& person = *result.user;
    const std::string what = disabled ? "Disabled" : "Enabled";
    audit_log_.record(audit_log_.make(
        person.user_id,
        disabled ? AuditEventKind::account_disabled : AuditEventKind::account_enabled,
        client_address,
        disabled ? "By an administrator; every session and token ended" : "By an administrator"));
    PendingWrite own = audit_log_.record_alongside(audit_log_.make(
        admin.user.user_id, AuditEventKind::admin_action, client_address,
        what + " " + person.email + (disabled ? "; their sessions and tokens ended" : "")));
    co_await own.wait();
    spdlog::info("administrator {} {} user {}", admin.user.user_id,
                 disabled ? "disabled" : "enabled", person.user_id);
    co_return person;
}

boost::asio::awaitable<Result<User>> AdminAccessService::set_disabled_by_email(
    const Identity& admin, std::string email_text, bool disabled, std::string client_address) {
    auto email = normalize_email(email_text);
    if (!email) co_return email.error();
    const std::optional<User> person = identities_.find_user_by_email(*email);
    if (!person) {
        co_return make_error(ErrorCode::not_found, "No person has that email.", "email");
    }
    co_return co_await set_disabled(admin, person->user_id, disabled, std::move(client_address));
}

}  // namespace bank
