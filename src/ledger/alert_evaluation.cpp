#include "ledger/alert_evaluation.hpp"

#include <array>

#include "core/alert_limits.hpp"

namespace bank {

namespace {

__extension__ using Wide = __int128;

std::string describe(const Transaction& posting) {
    std::string text = posting.amount.display();
    text += is_outgoing_posting(posting) ? " paid" : " received";
    if (!posting.description.empty()) text += ": " + posting.description;
    return text;
}

Notification notification_of(const AlertRule& rule, const Transaction& posting, std::string subject,
                             std::string message) {
    Notification notification;
    notification.notification_id = alert_notification_id(rule.rule_id, subject);
    notification.user_id = rule.user_id;
    notification.rule_id = rule.rule_id;
    notification.kind = rule.kind;
    notification.subject_id = std::move(subject);
    notification.message = std::move(message);
    notification.created_at = posting.timestamp;
    return notification;
}

bool counts_as_spending(const Transaction& posting, const AlertContext& context) {
    return is_outgoing_posting(posting) && !context.own_transfer;
}

// spent >= available * percent / 100, in 128 bits so no amount overflows.
bool reached(const BudgetStanding& budget, std::int64_t percent) {
    if (!budget.spent.is_positive()) return false;
    const auto spent = static_cast<Wide>(budget.spent.cents()) * 100;
    const auto share = static_cast<Wide>(budget.available.cents()) * percent;
    return spent >= share;
}

void add_budget_alerts(const AlertRule& rule, const Transaction& posting,
                       const AlertContext& context, std::vector<Notification>& out) {
    if (!counts_as_spending(posting, context)) return;
    constexpr std::array percents = {limits::budget_alert_first_percent,
                                     limits::budget_alert_second_percent};
    for (const BudgetStanding& budget : context.budgets) {
        if (budget.category != posting.category) continue;
        for (const std::int64_t percent : percents) {
            if (!reached(budget, percent)) continue;
            out.push_back(notification_of(
                rule, posting,
                "budget:" + budget.budget_id + ":" + budget.month + ":" + std::to_string(percent),
                "Your " + budget.category + " budget for " + budget.month + " is " +
                    std::to_string(percent) + "% spent: " + budget.spent.display() + " of " +
                    budget.available.display() + "."));
        }
    }
}

void add_lookahead_alerts(const AlertRule& rule, const Transaction& posting,
                          const AlertContext& context, std::vector<Notification>& out) {
    if (rule.kind == AlertKind::projected_balance_below) {
        if (!rule.threshold || !context.forecast_lowest) return;
        const ForecastLowest& lowest = *context.forecast_lowest;
        auto decision =
            projected_balance_decision(lowest.date, lowest.balance, *rule.threshold, lowest.today);
        if (decision) {
            out.push_back(notification_of(rule, posting, std::move(decision->subject),
                                          std::move(decision->message)));
        }
        return;
    }
    if (rule.kind == AlertKind::recurring_price_changed && context.price_change &&
        counts_as_spending(posting, context)) {
        out.push_back(notification_of(rule, posting, "posting:" + posting.transaction_id,
                                      describe(*context.price_change)));
    }
}

void add_alerts_of_rule(const AlertRule& rule, const Transaction& posting,
                        const AlertContext& context, std::vector<Notification>& out) {
    switch (rule.kind) {
        case AlertKind::transaction_above:
            if (rule.threshold && posting.amount > *rule.threshold) {
                out.push_back(notification_of(rule, posting, "posting:" + posting.transaction_id,
                                              describe(posting) + ", above your alert of " +
                                                  rule.threshold->display() + "."));
            }
            return;
        case AlertKind::unusual_transaction: {
            if (!counts_as_spending(posting, context)) return;
            const auto threshold = context.unusual_thresholds.find(posting.category);
            if (threshold == context.unusual_thresholds.end()) return;
            if (posting.amount > threshold->second) {
                out.push_back(
                    notification_of(rule, posting, "posting:" + posting.transaction_id,
                                    "Unusual: " + describe(posting) + ", far above your usual " +
                                        (posting.category.empty() ? std::string("uncategorised")
                                                                  : posting.category) +
                                        " spending."));
            }
            return;
        }
        case AlertKind::budget_threshold:
            add_budget_alerts(rule, posting, context, out);
            return;
        case AlertKind::projected_balance_below:
        case AlertKind::recurring_price_changed:
            add_lookahead_alerts(rule, posting, context, out);
            return;
        case AlertKind::standing_order_failed:
        case AlertKind::new_device_sign_in:
            return;
    }
}

}  // namespace

bool is_outgoing_posting(const Transaction& posting) {
    return posting.transaction_type == TransactionType::withdrawal ||
           posting.transaction_type == TransactionType::transfer_out;
}

std::vector<Notification> alerts_for_event(const AlertEvent& event,
                                           const std::vector<AlertRule>& rules) {
    std::vector<Notification> notifications;
    for (const AlertRule& rule : rules) {
        if (rule.user_id != event.user_id || rule.kind != event.kind) continue;
        Notification notification;
        notification.notification_id = alert_notification_id(rule.rule_id, event.subject_id);
        notification.user_id = rule.user_id;
        notification.rule_id = rule.rule_id;
        notification.kind = rule.kind;
        notification.subject_id = event.subject_id;
        notification.message = event.message;
        notification.created_at = event.at;
        notifications.push_back(std::move(notification));
    }
    return notifications;
}

std::vector<Notification> alerts_for_posting(const Transaction& posting,
                                             const std::vector<AlertRule>& rules,
                                             const AlertContext& context) {
    std::vector<Notification> notifications;
    for (const AlertRule& rule : rules) {
        if (rule.user_id != context.owner_user_id) continue;
        // A rule speaks for postings from its making on, not for the history the evaluator
        // may still be reading (the opening deposit of an account made just before).
        if (posting.timestamp < rule.created_at) continue;
        add_alerts_of_rule(rule, posting, context, notifications);
    }
    return notifications;
}

}  // namespace bank
