#include "app/alert_services.hpp"

#include <fstream>
#include <memory>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "service/smtp_mail_sender.hpp"
#include "service/validation.hpp"

namespace bank {

namespace {

// Alert mails need only a server and a sender address; without them (or with settings the
// reset service refuses at start-up anyway) alerts stay in the app.
AlertMailSettings mail_settings(const MailOptions& options) {
    if (options.smtp_url.empty()) return {};
    const auto from = normalize_email(options.mail_from);
    if (!from) return {};
    if (!options.ca_file.empty() && !std::ifstream(options.ca_file)) return {};
    try {
        auto sender = std::make_shared<SmtpMailSender>(options.smtp_url, options.ca_file);
        spdlog::info("alert mails go through {} from {}", sender->server_name(), *from);
        return AlertMailSettings{std::move(sender), *from};
    } catch (const std::invalid_argument&) {
        return {};
    }
}

}  // namespace

AlertServices::AlertServices(Store& store, BudgetService& budgets, const Clock& clock,
                             const MailOptions& mail)
    : writer_(store, store, clock, mail_settings(mail)),
      alerts_(store, writer_, clock),
      evaluator_(store, store, store, store, store, budgets, writer_),
      sign_ins_(store, writer_) {}

}  // namespace bank
