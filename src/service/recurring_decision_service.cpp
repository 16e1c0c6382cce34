#include "service/recurring_decision_service.hpp"

#include <utility>

#include "core/limits.hpp"
#include "core/recurring_decision_limits.hpp"
#include "service/validation.hpp"

namespace bank {
namespace {

using C = ErrorCode;

// The recurrence a request names, as a decision without its kind: the description must name
// a payee (payee_key not empty) within the length of a posting's description.
Result<RecurringDecision> recurrence_of(const RecurringDecisionRequest& request) {
    RecurringDecision draft;
    draft.user_id = request.user_id;
    draft.description = trim(request.description);
    if (payee_key(draft.description).empty() ||
        draft.description.size() > limits::description_length_max) {
        return make_error(C::validation_failed,
                          "The description must name the payee or payer (1 to " +
                              std::to_string(limits::description_length_max) + " characters).",
                          "description");
    }
    const auto interval = parse_recurring_interval(trim(request.interval));
    if (!interval) {
        return make_error(C::validation_failed, "The interval must be weekly, monthly or yearly.",
                          "interval");
    }
    draft.interval = *interval;
    draft.recurrence_key = recurrence_key(draft.description, draft.interval);
    return draft;
}

}  // namespace

Result<RecurringDecision> RecurringDecisionService::decide(
    const RecurringDecisionRequest& request) {
    auto draft = recurrence_of(request);
    if (!draft) return draft.error();
    const auto kind = parse_recurring_decision_kind(trim(request.decision));
    if (!kind) {
        return make_error(C::validation_failed, "The decision must be confirmed or dismissed.",
                          "decision");
    }
    draft->decision = *kind;
    draft->decided_at = clock_.now();
    const RecurringDecisionPlan plan = plan_recurring_decision(
        std::move(*draft), decisions_.list_recurring_decisions(request.user_id));
    if (plan.status == RecurringDecisionRefusal::too_many_decisions) {
        return make_error(C::validation_failed,
                          "You already have the most decisions one person may keep (" +
                              std::to_string(limits::recurring_decisions_per_user_max) +
                              "); undo one first.");
    }
    decisions_.put_recurring_decision(plan.next);
    return plan.next;
}

Result<RecurringDecision> RecurringDecisionService::undo(const RecurringDecisionRequest& request) {
    const auto recurrence = recurrence_of(request);
    if (!recurrence) return recurrence.error();
    const RecurringDecisionPlan plan = plan_recurring_decision_removal(
        decisions_.list_recurring_decisions(request.user_id), recurrence->recurrence_key);
    // Removed meanwhile by another request: there is none to undo either.
    if (plan.status == RecurringDecisionRefusal::not_found ||
        !decisions_.remove_recurring_decision(request.user_id, plan.next.recurrence_key)) {
        return make_error(C::not_found, "You took no decision on that recurring payment.");
    }
    return plan.next;
}

Result<KnownRecurrenceReport> RecurringDecisionService::known(
    const User& user, const std::string& include_dismissed) {
    if (!include_dismissed.empty() && include_dismissed != "true" && include_dismissed != "false") {
        return make_error(C::validation_failed, "include_dismissed must be true or false.",
                          "include_dismissed");
    }
    const RecurringReport detected = analytics_.recurring(user);
    KnownRecurrenceReport report;
    report.today = detected.today;
    report.history_truncated = detected.history_truncated;
    report.recurrences = merge_known_recurrences(
        detected.series, decisions_.list_recurring_decisions(user.user_id),
        orders_.list_standing_orders(user.user_id), include_dismissed == "true");
    return report;
}

}  // namespace bank
