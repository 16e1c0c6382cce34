#pragma once

#include <memory>
#include <string>

#include "core/clock.hpp"
#include "ledger/store.hpp"
#include "service/password_reset_service.hpp"
#include "service/worker_pool.hpp"

namespace bank {

// What `bank serve` reads for password resets by email.
struct MailOptions {
    std::string smtp_url;   // BANK_SMTP_URL; empty: resets are not available
    std::string mail_from;  // BANK_MAIL_FROM
    std::string ca_file;    // BANK_SMTP_CA_FILE; empty: the system's CAs
};

// The reset service of `bank serve`: without BANK_SMTP_URL one that answers not_configured
// (and the log says so); with it, BANK_MAIL_FROM and `public_url` (BANK_PUBLIC_URL, the
// reset link's origin) are required. Throws
// std::runtime_error naming what is missing or malformed (never the SMTP password).
std::unique_ptr<PasswordResetService> make_password_reset_service(Store& store, const Clock& clock,
                                                                  WorkerPool& workers,
                                                                  const MailOptions& options,
                                                                  const std::string& public_url);

}  // namespace bank
