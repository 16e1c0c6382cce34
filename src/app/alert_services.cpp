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

AlertServices::AlertServices(Store& store, BudgetService& budgets, ForecastService& forecasts,
                             const Clock& clock, const MailOptions& mail)
    : writer_(store, store, clock, mail_settings(mail)),
      alerts_(store, writer_, clock),
      evaluator_(store, store, store, store, store, {budgets, forecasts, store}, writer_),
      sign_ins_(store, writer_) {}

void AlertServices::send_to_webhooks(WebhookService& webhooks) {
    writer_.on_written([&webhooks](const Notification& notification) {
        const boost::json::object data{{"notification_id", notification.notification_id},
                                       {"kind", to_string(notification.kind)},
                                       {"message", notification.message},
                                       {"subject_id", notification.subject_id},
                                       {"created_at", format_rfc3339(notification.created_at)}};
        // The notification's id is the event id and each delivery's key: a repeat (another
        // server, a pass repeated after a crash) queues nothing twice, and receivers drop
        // repeats of a delivery by its webhook-id.
        webhooks.enqueue_event(notification.user_id,
                               std::string(webhook_event_of(notification.kind)),
                               notification.notification_id, data);
    });
}

}  // namespace bank
