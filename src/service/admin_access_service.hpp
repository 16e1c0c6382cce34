#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "ledger/identity_reads.hpp"
#include "ledger/ledger_writer.hpp"
#include "service/audit_log.hpp"
#include "service/auth_service.hpp"

namespace bank {

// An administrator disables a person (every session, access token and reset link of theirs
// ends at once; signing in is refused with a clear message) or enables them again. Each is
// recorded in both audit logs: the person's (what happened to them) and the
// administrator's own (what they did, to whom).
class AdminAccessService {
public:
    AdminAccessService(IdentityReads& identities, LedgerWriter& writer, const Clock& clock);

    // `user_id` names the person; an administrator cannot disable themselves (they would
    // lock the bank's last door).
    boost::asio::awaitable<Result<User>> set_disabled(const Identity& admin, std::string user_id,
                                                      bool disabled, std::string client_address);
    // The same, naming the person by email (the admin page's form).
    boost::asio::awaitable<Result<User>> set_disabled_by_email(const Identity& admin,
                                                               std::string email, bool disabled,
                                                               std::string client_address);

private:
    IdentityReads& identities_;
    LedgerWriter& writer_;
    AuditLog audit_log_;
};

}  // namespace bank
