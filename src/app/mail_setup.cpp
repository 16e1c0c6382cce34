#include "app/mail_setup.hpp"

#include <fstream>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "service/smtp_mail_sender.hpp"
#include "service/validation.hpp"

namespace bank {

MailSetup make_mail_setup(const MailOptions& options) {
    if (options.smtp_url.empty()) {
        spdlog::info(
            "BANK_SMTP_URL is not set: no mail is sent (password resets by email are "
            "not available, alerts stay in the app)");
        return {};
    }
    const auto from = normalize_email(options.mail_from);
    if (!from) {
        throw std::runtime_error(
            "BANK_SMTP_URL needs BANK_MAIL_FROM, the address the bank's mails come from, like "
            "no-reply@bank.example.com");
    }
    if (!options.ca_file.empty() && !std::ifstream(options.ca_file)) {
        throw std::runtime_error("BANK_SMTP_CA_FILE " + options.ca_file + " cannot be read");
    }
    try {
        auto sender = std::make_shared<SmtpMailSender>(options.smtp_url, options.ca_file);
        spdlog::info("mails go through {} from {}{}", sender->server_name(), *from,
                     options.ca_file.empty() ? "" : ", trusting the CAs of " + options.ca_file);
        return MailSetup{std::move(sender), *from};
    } catch (const std::invalid_argument& error) {
        throw std::runtime_error(error.what());
    }
}

}  // namespace bank
