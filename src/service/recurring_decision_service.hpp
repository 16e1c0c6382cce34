#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "ledger/recurring_decision_plans.hpp"
#include "ledger/recurring_decision_store.hpp"
#include "ledger/standing_order_store.hpp"
#include "service/analytics_service.hpp"

namespace bank {

// A decision as a person sent it: text straight from the form or JSON.
struct RecurringDecisionRequest {
    std::string user_id;
    std::string description;
    std::string interval;  // weekly, monthly or yearly
    std::string decision;  // confirmed or dismissed (undo: unused)
};

// What /recurring and GET /api/v1/analytics/recurring show: the detection's report merged
// with the person's decisions and standing orders.
struct KnownRecurrenceReport {
    Date today;
    bool history_truncated = false;
    std::vector<KnownRecurrence> recurrences;
};

// A person's decisions on their recurring payments and income: validate the text, read the
// person's decisions, decide (ledger/recurring_decision_plans.hpp), write. And the merged view
// of what was detected, decided and ordered.
class RecurringDecisionService {
public:
    RecurringDecisionService(const AnalyticsService& analytics, RecurringDecisionStore& decisions,
                             StandingOrderStore& orders, const Clock& clock)
        : analytics_(analytics), decisions_(decisions), orders_(orders), clock_(clock) {}

    // Records (or replaces) the decision on the recurrence of the description and interval.
    Result<RecurringDecision> decide(const RecurringDecisionRequest& request);
    // Forgets the decision on that recurrence: it is shown as detected again.
    Result<RecurringDecision> undo(const RecurringDecisionRequest& request);
    // `include_dismissed` empty, "true" or "false"; anything else is refused naming it.
    Result<KnownRecurrenceReport> known(const User& user, const std::string& include_dismissed);

private:
    const AnalyticsService& analytics_;
    RecurringDecisionStore& decisions_;
    StandingOrderStore& orders_;
    const Clock& clock_;
};

}  // namespace bank
