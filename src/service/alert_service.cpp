#include "service/alert_service.hpp"

#include "core/alert_limits.hpp"
#include "core/random.hpp"
#include "ledger/alert_plans.hpp"
#include "service/validation.hpp"

namespace bank {
namespace {

using C = ErrorCode;

Error refusal_error(AlertRuleRefusal refusal) {
    switch (refusal) {
        case AlertRuleRefusal::not_found:
            return make_error(C::not_found, "That alert rule was not found.");
        case AlertRuleRefusal::duplicate:
            return make_error(C::conflict, "You have this alert already.", "kind");
        case AlertRuleRefusal::too_many_rules:
            return make_error(C::validation_failed,
                              "You already have the most alert rules one person may keep (" +
                                  std::to_string(limits::alert_rules_per_user_max) +
                                  "); delete one first.");
        case AlertRuleRefusal::ok:
            break;
    }
    return make_error(C::unavailable, "");
}

std::string kind_names() {
    std::string names;
    for (const AlertKind kind : alert_kinds()) {
        names += (names.empty() ? "" : ", ") + std::string(to_string(kind));
    }
    return names;
}

// A projected balance may be warned below $0.00 (any overdraft) and up; a transaction is
// "above" an amount of at least a cent.
Result<Money> threshold_of(AlertKind kind, std::string_view text) {
    const bool zero_allowed = kind == AlertKind::projected_balance_below;
    const Error out_of_range =
        make_error(C::validation_failed,
                   std::string("The threshold must be ") +
                       (zero_allowed ? "$0.00 or more" : "more than $0.00") + " and at most " +
                       Money::from_cents(limits::alert_threshold_cents_max).display() + ".",
                   "threshold");
    const std::string trimmed = trim(text);
    // Money::parse refuses a minus sign as "not positive", wrong where $0.00 is allowed.
    if (!trimmed.empty() && trimmed.front() == '-') return out_of_range;
    auto amount = Money::parse(trimmed);
    if (!amount) {
        Error error = amount.error();
        error.field = "threshold";
        return error;
    }
    const bool too_low = zero_allowed ? amount->is_negative() : !amount->is_positive();
    if (too_low || amount->cents() > limits::alert_threshold_cents_max) return out_of_range;
    return *amount;
}

Result<AlertRule> draft_of(const AlertRuleRequest& request) {
    AlertRule draft;
    draft.user_id = request.user_id;
    draft.email = request.email;
    const auto kind = parse_alert_kind(trim(request.kind));
    if (!kind) {
        return make_error(C::validation_failed,
                          "Choose one of the alert kinds: " + kind_names() + ".", "kind");
    }
    draft.kind = *kind;
    const std::string threshold = trim(request.threshold);
    if (alert_kind_takes_threshold(draft.kind)) {
        if (threshold.empty()) {
            return make_error(C::validation_failed, "This alert needs a threshold amount.",
                              "threshold");
        }
        auto amount = threshold_of(draft.kind, threshold);
        if (!amount) return amount.error();
        draft.threshold = *amount;
    } else if (!threshold.empty()) {
        return make_error(C::validation_failed,
                          "Only transaction_above and projected_balance_below take a threshold.",
                          "threshold");
    }
    return draft;
}

}  // namespace

Result<AlertRule> AlertService::create_rule(const AlertRuleRequest& request) {
    auto draft = draft_of(request);
    if (!draft) return draft.error();
    const Timestamp now = clock_.now();
    draft->rule_id = new_time_ordered_id(now);
    auto plan = plan_alert_rule_creation(*draft, store_.list_alert_rules(request.user_id), now);
    if (plan.status != AlertRuleRefusal::ok) return refusal_error(plan.status);
    if (!store_.add_alert_rule(plan.next)) return refusal_error(AlertRuleRefusal::duplicate);
    if (changed_) changed_(true);
    return std::move(plan.next);
}

std::vector<AlertRule> AlertService::list_rules(const std::string& user_id) {
    return store_.list_alert_rules(user_id);
}

Result<AlertRule> AlertService::remove_rule(const std::string& user_id,
                                            const std::string& rule_id) {
    auto plan = plan_alert_rule_removal(store_.list_alert_rules(user_id), user_id, rule_id);
    if (plan.status != AlertRuleRefusal::ok) return refusal_error(plan.status);
    // Removed meanwhile by another request: it is gone all the same.
    static_cast<void>(store_.remove_alert_rule(user_id, rule_id));
    if (changed_) changed_(false);
    return std::move(plan.next);
}

NotificationList AlertService::notifications(const std::string& user_id) {
    return NotificationList{store_.list_notifications(user_id, limits::notifications_page_size),
                            store_.count_unread_notifications(user_id)};
}

std::size_t AlertService::unread(const std::string& user_id) {
    return store_.count_unread_notifications(user_id);
}

Result<bool> AlertService::mark_read(const std::string& user_id,
                                     const std::string& notification_id) {
    if (!store_.mark_notification_read(user_id, notification_id)) {
        return make_error(C::not_found, "That notification was not found.");
    }
    return true;
}

std::size_t AlertService::mark_all_read(const std::string& user_id) {
    std::size_t marked = 0;
    for (const Notification& notification :
         store_.list_notifications(user_id, limits::notifications_per_user_max)) {
        if (notification.read) continue;
        if (store_.mark_notification_read(user_id, notification.notification_id)) ++marked;
    }
    return marked;
}

void AlertService::notify(const AlertEvent& event) noexcept { writer_.raise(event); }

}  // namespace bank
