#include "app/password_reset_setup.hpp"

#include <fstream>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "app/test_bcrypt_cost_hook.hpp"
#include "service/smtp_mail_sender.hpp"
#include "service/validation.hpp"

namespace bank {

std::unique_ptr<PasswordResetService> make_password_reset_service(Store& store, const Clock& clock,
                                                                  WorkerPool& workers,
                                                                  const MailOptions& options,
                                                                  const std::string& public_url) {
    PasswordHasher hasher(process_bcrypt_cost());
    if (options.smtp_url.empty()) {
        spdlog::info("BANK_SMTP_URL is not set: password resets by email are not available");
        return std::make_unique<PasswordResetService>(store, store, clock, workers, hasher, nullptr,
                                                      PasswordResetSettings{});
    }
    if (!public_url.starts_with("https://") && !public_url.starts_with("http://")) {
        throw std::runtime_error(
            "BANK_SMTP_URL needs BANK_PUBLIC_URL (or --public-url), the address people open the "
            "bank at, like https://bank.example.com: the reset links point there");
    }
    const auto from = normalize_email(options.mail_from);
    if (!from) {
        throw std::runtime_error(
            "BANK_SMTP_URL needs BANK_MAIL_FROM, the address reset mails come from, like "
            "no-reply@bank.example.com");
    }
    if (!options.ca_file.empty() && !std::ifstream(options.ca_file)) {
        throw std::runtime_error("BANK_SMTP_CA_FILE " + options.ca_file + " cannot be read");
    }
    std::unique_ptr<SmtpMailSender> sender;
    try {
        sender = std::make_unique<SmtpMailSender>(options.smtp_url, options.ca_file);
    } catch (const std::invalid_argument& error) {
        throw std::runtime_error(error.what());
    }
    spdlog::info("password reset mails go through {} from {}{}", sender->server_name(), *from,
                 options.ca_file.empty() ? "" : ", trusting the CAs of " + options.ca_file);
    return std::make_unique<PasswordResetService>(store, store, clock, workers, hasher,
                                                  std::move(sender),
                                                  PasswordResetSettings{public_url, *from});
}

}  // namespace bank
