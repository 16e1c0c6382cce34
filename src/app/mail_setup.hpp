#pragma once

#include <memory>
#include <string>

#include "service/mail_sender.hpp"

namespace bank {

// What `bank serve` reads for mail (password resets and alert mails).
struct MailOptions {
    std::string smtp_url;   // BANK_SMTP_URL; empty: no mail is sent
    std::string mail_from;  // BANK_MAIL_FROM
    std::string ca_file;    // BANK_SMTP_CA_FILE; empty: the system's CAs
};

// The one mail server connection of `bank serve`: both password resets and alert mails go
// through it, so a setting is checked once and a bad one stops the start-up for both.
struct MailSetup {
    std::shared_ptr<MailSender> sender;  // null: BANK_SMTP_URL is not set
    std::string from;                    // the normalised BANK_MAIL_FROM
};

// Without BANK_SMTP_URL an empty setup (and the log says mail is off); with it BANK_MAIL_FROM
// must be an address and BANK_SMTP_CA_FILE, when set, readable. Throws std::runtime_error
// naming what is missing or malformed (never the SMTP password).
MailSetup make_mail_setup(const MailOptions& options);

}  // namespace bank
