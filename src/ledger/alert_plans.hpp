#pragma once

#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "ledger/alert.hpp"

namespace bank {

// Why an alert rule command was refused; ok when it may go ahead.
enum class AlertRuleRefusal {
    ok,
    not_found,       // no such rule of this person
    duplicate,       // the person has a rule of this kind and threshold already
    too_many_rules,  // limits::alert_rules_per_user_max reached
};

std::string_view to_string(AlertRuleRefusal refusal);

struct AlertRulePlan {
    AlertRuleRefusal status = AlertRuleRefusal::ok;
    AlertRule next;  // as it is to be stored (removal: as it was read)
};

// A new rule (`draft` checked by the service: kind known, threshold given exactly when the
// kind takes one, id and owner filled in) among the person's `existing` ones. Checks in
// order: the count under the limit, no rule of the same kind and threshold.
AlertRulePlan plan_alert_rule_creation(AlertRule draft, const std::vector<AlertRule>& existing,
                                       Timestamp now);

// Removes the person's rule `rule_id` from `existing` (the person's rules as read):
// not_found unless it is among them.
AlertRulePlan plan_alert_rule_removal(const std::vector<AlertRule>& existing,
                                      std::string_view user_id, std::string_view rule_id);

}  // namespace bank
