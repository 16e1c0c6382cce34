#pragma once

#include <optional>
#include <string>

#include "service/mail_sender.hpp"

namespace bank {

// Sends through an SMTP server with libcurl. The server is a URL (BANK_SMTP_URL):
// - `smtps://host[:465]`: TLS from the first byte;
// - `smtp://host[:587]?starttls`: STARTTLS, and the message is not sent if the server does
//   not offer it (CURLUSESSL_ALL);
// - `smtp://host[:25]`: no TLS (a relay on loopback or a trusted network).
// Credentials ride in the URL (`smtps://user:password@host`) and are used for SMTP AUTH;
// they are never logged, and a URL with credentials but without TLS is refused, since they
// would cross the network in clear. TLS certificates are verified against the system's CAs,
// or against the CA file given (BANK_SMTP_CA_FILE: a relay with a private CA), never skipped.
class SmtpMailSender final : public MailSender {
public:
    // Throws std::invalid_argument naming what is wrong with the URL (never its password).
    // `ca_file`: PEM certificates to trust instead of the system's; empty: the system's.
    explicit SmtpMailSender(const std::string& url, std::string ca_file = "");

    std::optional<std::string> send(const OutgoingMail& mail) override;
    // "smtps://mail.example.com:465": what the log may say about the server.
    const std::string& server_name() const { return server_name_; }

private:
    std::string url_;  // without the ?starttls query, with the credentials
    std::string server_name_;
    bool starttls_ = false;
    bool implicit_tls_ = false;
    std::string ca_file_;
};

}  // namespace bank
