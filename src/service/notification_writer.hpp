#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "ledger/alert.hpp"
#include "ledger/alert_evaluation.hpp"
#include "ledger/identity_reads.hpp"
#include "ledger/notification_store.hpp"
#include "service/mail_queue.hpp"
#include "service/mail_sender.hpp"

namespace bank {

// Where alert mails come from; no sender: alerts are shown in the app only.
struct AlertMailSettings {
    std::shared_ptr<MailSender> sender;
    std::string mail_from;
};

// Stores a notification once (put if absent on its deterministic id), keeps the person's
// newest limits::notifications_per_user_max, and, when this call stored it and its rule asks
// for email, queues a mail to the person's address on a thread of its own (so neither the
// evaluator nor a sign-in waits for the mail server). A repeat of the same notification (a
// second server, a pass repeated after a crash) stores and mails nothing.
class NotificationWriter {
public:
    NotificationWriter(NotificationStore& store, IdentityReads& identity, const Clock& clock,
                       AlertMailSettings mail);

    // True when this call stored it.
    bool write(const Notification& notification, const AlertRule& rule);
    // Raises an event that is not a posting under the person's rules of its kind
    // (alerts_for_event) and writes each notification; never throws (an alert must not fail
    // the sign-in or the scheduler's pass that raised it: a failure is logged).
    void raise(const AlertEvent& event) noexcept;
    // Runs `job` on the writer's thread, after the jobs before it (false when the queue is
    // full or stopping): work raised by a request that must not wait for it.
    bool run_later(std::function<void()> job) { return queue_.post(std::move(job)); }
    // Called with each notification just before it is stored, also when it turns out to be a
    // repeat (a pass repeated after a crash): the hook's own writes must be keyed by the
    // notification's id, so a repeat writes nothing twice. From the thread that writes; it
    // must not block (webhooks only queue their deliveries).
    void on_written(std::function<void(const Notification&)> hook) {
        on_written_ = std::move(hook);
    }
    // Mails waiting or being sent (for tests and shutdown logs).
    std::size_t mails_pending() const { return queue_.pending(); }

private:
    void send_mail(const Notification& notification);

    NotificationStore& store_;
    IdentityReads& identity_;
    const Clock& clock_;
    AlertMailSettings mail_;
    std::function<void(const Notification&)> on_written_;
    MailQueue queue_;  // last: destroyed first, so its job never outlives the members above
};

}  // namespace bank
