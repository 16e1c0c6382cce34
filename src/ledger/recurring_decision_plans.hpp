#pragma once

#include <string_view>
#include <vector>

#include "ledger/recurring_decision.hpp"
#include "ledger/standing_order.hpp"

namespace bank {

// Why a decision on a recurrence was refused; ok when it may go ahead.
enum class RecurringDecisionRefusal {
    ok,
    not_found,           // undo: the person took no decision on this recurrence
    too_many_decisions,  // limits::recurring_decisions_per_user_max reached
};

std::string_view to_string(RecurringDecisionRefusal refusal);

struct RecurringDecisionPlan {
    RecurringDecisionRefusal status = RecurringDecisionRefusal::ok;
    RecurringDecision next;  // as it is to be stored (undo: as it was read)
    bool replaces = false;   // a decision of the same key is there and is replaced
};

// A decision (`draft` checked by the service: description, interval and decision valid, key,
// owner and time filled in) among the person's `existing` ones. A decision on a recurrence
// already decided replaces it whatever the count; a new one needs the count under the limit.
RecurringDecisionPlan plan_recurring_decision(RecurringDecision draft,
                                              const std::vector<RecurringDecision>& existing);

// Undoes the person's decision of `key`: not_found unless they have one.
RecurringDecisionPlan plan_recurring_decision_removal(
    const std::vector<RecurringDecision>& existing, std::string_view key);

// How a recurrence stands for the person.
enum class RecurrenceStatus { detected, confirmed, dismissed, standing_order };
std::string_view to_string(RecurrenceStatus status);

// One line of /recurring: a detected series or a standing order, with its status.
struct KnownRecurrence {
    RecurringSeries series;
    RecurrenceStatus status = RecurrenceStatus::detected;
    // "weekly", "monthly", "yearly" (a detected series' interval, an order's frequency) or
    // "daily" (an order only).
    std::string interval;
    std::string standing_order_id;  // set for status standing_order
    std::string schedule;           // a standing order's rule in plain words
};

// Merges what was detected with the person's decisions and their active standing orders.
// Each active order (with a next date) is a known recurrence of status standing_order, and a
// detected outgoing series of the same payee as an order is left out (the order says it
// exactly). A detected series takes the status of the decision of its key; dismissed ones
// are left out unless `include_dismissed`. Orders first by next date, then the series in the
// order detection gave them.
std::vector<KnownRecurrence> merge_known_recurrences(
    const std::vector<RecurringSeries>& detected, const std::vector<RecurringDecision>& decisions,
    const std::vector<StandingOrder>& orders, bool include_dismissed);

}  // namespace bank
