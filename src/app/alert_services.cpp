#include "app/alert_services.hpp"

#include "core/alert_limits.hpp"

namespace bank {

AlertServices::AlertServices(Store& store, BudgetService& budgets, ForecastService& forecasts,
                             const Clock& clock, const MailSetup& mail)
    : writer_(store, store, clock, AlertMailSettings{mail.sender, mail.from}),
      alerts_(store, writer_, clock),
      evaluator_(store, store, store, store, store, {budgets, forecasts, store}, writer_),
      sign_ins_(store, writer_),
      rules_present_([&store] { return store.any_alert_rule(); }, clock,
                     limits::alert_idle_recheck) {
    alerts_.on_rules_changed([this](bool created) {
        if (created) {
            rules_present_.note_created();
        } else {
            rules_present_.note_removed();
        }
    });
}

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
