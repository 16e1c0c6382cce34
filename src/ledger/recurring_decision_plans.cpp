#include "ledger/recurring_decision_plans.hpp"

#include <algorithm>
#include <set>

#include "core/recurring_decision_limits.hpp"
#include "ledger/recurrence_rule.hpp"

namespace bank {

namespace {

std::string_view frequency_name(Frequency frequency) {
    switch (frequency) {
        case Frequency::daily:
            return "daily";
        case Frequency::weekly:
            return "weekly";
        case Frequency::monthly:
            return "monthly";
        case Frequency::yearly:
            return "yearly";
    }
    return "";
}

// An active order as a recurrence: it pays its amount on its next date, every time.
KnownRecurrence order_recurrence(const StandingOrder& order, const RecurrenceRule& rule) {
    KnownRecurrence known;
    known.status = RecurrenceStatus::standing_order;
    known.standing_order_id = order.standing_order_id;
    known.interval = std::string(frequency_name(rule.frequency));
    known.schedule = describe_recurrence(rule, order.start_date);
    RecurringSeries& series = known.series;
    series.description = order.description;
    series.outgoing = true;
    series.usual_amount = order.amount;
    series.last_amount = order.amount;
    series.next_amount = order.amount;
    series.first_date = order.start_date;
    series.next_date = *order.next_due;
    return known;
}

}  // namespace

std::string_view to_string(RecurringDecisionRefusal refusal) {
    switch (refusal) {
        case RecurringDecisionRefusal::ok:
            return "ok";
        case RecurringDecisionRefusal::not_found:
            return "not_found";
        case RecurringDecisionRefusal::too_many_decisions:
            return "too_many_decisions";
    }
    return "unknown";
}

std::string_view to_string(RecurrenceStatus status) {
    switch (status) {
        case RecurrenceStatus::detected:
            return "detected";
        case RecurrenceStatus::confirmed:
            return "confirmed";
        case RecurrenceStatus::dismissed:
            return "dismissed";
        case RecurrenceStatus::standing_order:
            return "standing_order";
    }
    return "detected";
}

RecurringDecisionPlan plan_recurring_decision(RecurringDecision draft,
                                              const std::vector<RecurringDecision>& existing) {
    RecurringDecisionPlan plan;
    plan.replaces = std::any_of(existing.begin(), existing.end(), [&](const auto& decision) {
        return decision.recurrence_key == draft.recurrence_key;
    });
    if (!plan.replaces && existing.size() >= limits::recurring_decisions_per_user_max) {
        plan.status = RecurringDecisionRefusal::too_many_decisions;
        return plan;
    }
    plan.next = std::move(draft);
    return plan;
}

RecurringDecisionPlan plan_recurring_decision_removal(
    const std::vector<RecurringDecision>& existing, std::string_view key) {
    RecurringDecisionPlan plan;
    const auto found = std::find_if(existing.begin(), existing.end(), [&](const auto& decision) {
        return decision.recurrence_key == key;
    });
    if (found == existing.end()) {
        plan.status = RecurringDecisionRefusal::not_found;
        return plan;
    }
    plan.next = *found;
    plan.replaces = true;
    return plan;
}

std::vector<KnownRecurrence> merge_known_recurrences(
    const std::vector<RecurringSeries>& detected, const std::vector<RecurringDecision>& decisions,
    const std::vector<StandingOrder>& orders, bool include_dismissed) {
    std::vector<KnownRecurrence> known;
    std::set<std::string> ordered_payees;
    for (const StandingOrder& order : orders) {
        if (order.status != StandingOrderStatus::active || !order.next_due) continue;
        const auto rule = parse_recurrence_rule(order.rrule);
        if (!rule) continue;
        ordered_payees.insert(payee_key(order.description));
        known.push_back(order_recurrence(order, *rule));
    }
    std::stable_sort(known.begin(), known.end(), [](const auto& left, const auto& right) {
        return std::chrono::sys_days(left.series.next_date) <
               std::chrono::sys_days(right.series.next_date);
    });
    for (const RecurringSeries& series : detected) {
        if (series.outgoing && ordered_payees.contains(payee_key(series.description))) continue;
        KnownRecurrence line{
            series, RecurrenceStatus::detected, std::string(to_string(series.interval)), {}, {}};
        const std::string key = recurrence_key(series.description, series.interval);
        for (const RecurringDecision& decision : decisions) {
            if (decision.recurrence_key != key) continue;
            line.status = decision.decision == RecurringDecisionKind::confirmed
                              ? RecurrenceStatus::confirmed
                              : RecurrenceStatus::dismissed;
        }
        if (line.status == RecurrenceStatus::dismissed && !include_dismissed) continue;
        known.push_back(std::move(line));
    }
    return known;
}

}  // namespace bank
