#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "ledger/alert.hpp"
#include "ledger/alert_evaluation.hpp"
#include "ledger/notification_store.hpp"
#include "service/notification_writer.hpp"

namespace bank {

// A new rule as a person typed it: text straight from the form or JSON.
struct AlertRuleRequest {
    std::string user_id;
    std::string kind;
    std::string threshold;  // only for transaction_above and projected_balance_below
    bool email = false;
};

// A person's newest notifications with the count of unread ones.
struct NotificationList {
    std::vector<Notification> notifications;  // newest first
    std::size_t unread = 0;
};

// A person's alert rules and notifications: validate the text, read what the planner needs,
// decide (ledger/alert_plans.hpp), write. Also the entry for events that are not postings
// (a standing order's failed date, a sign-in from a new device): `notify` raises them under
// the person's rules where the event happens.
class AlertService {
public:
    AlertService(NotificationStore& store, NotificationWriter& writer, const Clock& clock)
        : store_(store), writer_(writer), clock_(clock) {}

    // Called after a rule is stored (true) or removed (false): the evaluator's IdleGate.
    // Set once before serving.
    void on_rules_changed(std::function<void(bool)> changed) { changed_ = std::move(changed); }

    Result<AlertRule> create_rule(const AlertRuleRequest& request);
    std::vector<AlertRule> list_rules(const std::string& user_id);
    Result<AlertRule> remove_rule(const std::string& user_id, const std::string& rule_id);

    NotificationList notifications(const std::string& user_id);
    // One bounded read (the bell of every signed-in page).
    std::size_t unread(const std::string& user_id);
    // not_found unless the person has a notification of that id.
    Result<bool> mark_read(const std::string& user_id, const std::string& notification_id);
    // Marks every unread one of the newest page read; answers how many.
    std::size_t mark_all_read(const std::string& user_id);

    // Raises the event under the person's rules of its kind; never throws (an alert must not
    // fail the sign-in or the scheduler's pass that raised it: a failure is logged).
    void notify(const AlertEvent& event) noexcept;

private:
    NotificationStore& store_;
    NotificationWriter& writer_;
    const Clock& clock_;
    std::function<void(bool)> changed_;
};

}  // namespace bank
