#include "ledger/alert_plans.hpp"

#include "core/alert_limits.hpp"

namespace bank {

std::string_view to_string(AlertRuleRefusal refusal) {
    switch (refusal) {
        case AlertRuleRefusal::ok:
            return "ok";
        case AlertRuleRefusal::not_found:
            return "not_found";
        case AlertRuleRefusal::duplicate:
            return "duplicate";
        case AlertRuleRefusal::too_many_rules:
            return "too_many_rules";
    }
    return "ok";
}

AlertRulePlan plan_alert_rule_creation(AlertRule draft, const std::vector<AlertRule>& existing,
                                       Timestamp now) {
    if (existing.size() >= limits::alert_rules_per_user_max) {
        return {AlertRuleRefusal::too_many_rules, {}};
    }
    for (const AlertRule& rule : existing) {
        if (rule.kind == draft.kind && rule.threshold == draft.threshold) {
            return {AlertRuleRefusal::duplicate, {}};
        }
    }
    draft.created_at = now;
    return {AlertRuleRefusal::ok, std::move(draft)};
}

AlertRulePlan plan_alert_rule_removal(const std::vector<AlertRule>& existing,
                                      std::string_view user_id, std::string_view rule_id) {
    for (const AlertRule& rule : existing) {
        if (rule.rule_id == rule_id && rule.user_id == user_id) {
            return {AlertRuleRefusal::ok, rule};
        }
    }
    return {AlertRuleRefusal::not_found, {}};
}

}  // namespace bank
