#include "service/notification_writer.hpp"

#include <exception>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/alert_limits.hpp"
#include "core/limits.hpp"
#include "service/mail_message.hpp"

namespace bank {

NotificationWriter::NotificationWriter(NotificationStore& store, IdentityReads& identity,
                                       const Clock& clock, AlertMailSettings mail)
    : store_(store),
      identity_(identity),
      clock_(clock),
      mail_(std::move(mail)),
      queue_(limits::worker_queue_depth_max) {}

bool NotificationWriter::write(const Notification& notification, const AlertRule& rule) {
    // Before the notification itself: the hook's writes are keyed by the notification's id too,
    // so a pass repeated after a crash between the two repeats the hook harmlessly and then
    // stores the notification, and none is lost.
    if (on_written_) on_written_(notification);
    if (!store_.add_notification(notification)) return false;
    store_.trim_notifications(notification.user_id, limits::notifications_per_user_max);
    if (rule.email && mail_.sender) {
        const bool queued = queue_.post([this, notification] { send_mail(notification); });
        if (!queued) {
            spdlog::error("alert mail for user {} not queued: the mail queue is full",
                          notification.user_id);
        }
    }
    return true;
}

void NotificationWriter::raise(const AlertEvent& event) noexcept {
    try {
        const std::vector<AlertRule> rules = store_.list_alert_rules(event.user_id);
        for (const Notification& notification : alerts_for_event(event, rules)) {
            for (const AlertRule& rule : rules) {
                if (rule.rule_id == notification.rule_id) write(notification, rule);
            }
        }
    } catch (const std::exception& error) {
        spdlog::error("alert {} for user {} not written: {}", to_string(event.kind), event.user_id,
                      error.what());
    }
}

void NotificationWriter::send_mail(const Notification& notification) {
    const auto user = identity_.find_user(notification.user_id);
    if (!user || user->email.empty()) return;
    const MailMessage message{mail_.mail_from,
                              user->email,
                              "Bank alert: " + std::string(to_string(notification.kind)),
                              notification.message +
                                  "\n\nYou asked to be told about this; change your alerts on "
                                  "the bank's Alerts page.\n",
                              clock_.now(),
                              new_message_id(mail_.mail_from)};
    const auto failure = mail_.sender->send({mail_.mail_from, user->email, render_mail(message)});
    if (failure) {
        spdlog::error("alert mail for user {} not sent: {}", user->user_id, *failure);
    }
}

}  // namespace bank
