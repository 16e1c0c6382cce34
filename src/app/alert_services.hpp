#pragma once

#include "app/mail_setup.hpp"
#include "core/clock.hpp"
#include "ledger/store.hpp"
#include "service/alert_evaluator.hpp"
#include "service/alert_service.hpp"
#include "service/budget_service.hpp"
#include "service/forecast_service.hpp"
#include "service/idle_gate.hpp"
#include "service/notification_writer.hpp"
#include "service/sign_in_alerts.hpp"
#include "service/webhook_service.hpp"

namespace bank {

// The alerts of `bank serve` built in one place: the writer (with mail when the server has a
// mail setup, the one password resets use), the rules and
// notifications service the pages and API use, and the evaluator its thread runs.
class AlertServices {
public:
    AlertServices(Store& store, BudgetService& budgets, ForecastService& forecasts,
                  const Clock& clock, const MailSetup& mail);

    AlertService& alerts() { return alerts_; }
    AlertEvaluator& evaluator() { return evaluator_; }
    SignInAlerts& sign_ins() { return sign_ins_; }
    // Whether anybody has a rule, as this server knows it: the alert thread's passes read
    // nothing while nobody has one (told by alerts() of this server's rules,
    // limits::alert_idle_recheck for the others').
    IdleGate& rules_present() { return rules_present_; }
    // Each notification is also sent to the person's webhooks
    // subscribed to its event (WebhookService::enqueue_event queues; the dispatcher sends).
    void send_to_webhooks(WebhookService& webhooks);

private:
    NotificationWriter writer_;
    AlertService alerts_;
    AlertEvaluator evaluator_;
    SignInAlerts sign_ins_;
    IdleGate rules_present_;
};

}  // namespace bank
