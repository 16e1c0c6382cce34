#pragma once

#include <memory>
#include <string>

#include "app/mail_setup.hpp"
#include "core/clock.hpp"
#include "ledger/store.hpp"
#include "service/password_reset_service.hpp"
#include "service/worker_pool.hpp"

namespace bank {

// The reset service of `bank serve`: without a mail server one that answers not_configured;
// with one, `public_url` (BANK_PUBLIC_URL, the reset link's origin) is required. Throws
// std::runtime_error naming what is missing. It writes through `writer` (the session cache's
// guard: a reset ends every session of the person).
std::unique_ptr<PasswordResetService> make_password_reset_service(
    Store& store, LedgerWriter& writer, const Clock& clock, WorkerPool& workers,
    const MailSetup& mail, const std::string& public_url);

}  // namespace bank
