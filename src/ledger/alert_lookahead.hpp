#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "ledger/recurrence_rule.hpp"
#include "ledger/recurring_detection.hpp"

namespace bank {

// The two alert kinds that look at more than the posting itself (issue 15): the forecast
// after it, and the recurring payment it belongs to. Pure decisions; the evaluator reads.

// The lowest point of a person's 30-day forecast over all their accounts, as read after a
// posting (the same method as GET /api/v1/analytics/forecast).
struct ForecastLowest {
    Date today;  // the person's day the forecast was made on
    Date date;   // of the lowest expected balance
    Money balance;
};

// What a rule says about one event: the subject its notification id is made of, and the
// message the person reads.
struct AlertDecision {
    std::string subject;
    std::string message;
};

// projected_balance_below: an alert when the lowest expected balance is strictly under the
// threshold (zero: only a negative balance), at most one per rule and day: the subject is
// the day ("forecast:YYYY-MM-DD"), so every later posting of the same day makes the same
// notification id and is absorbed by the put-if-absent. nullopt: nothing to say.
std::optional<AlertDecision> projected_balance_decision(Date lowest_date, Money lowest_balance,
                                                        Money threshold, Date day);

// A recurring payment whose price changed: the payee as the posting wrote it, the amount it
// usually costs and the posting's.
struct RecurringPriceChange {
    std::string description;
    RecurringInterval interval = RecurringInterval::monthly;
    Money usual;
    Money amount;
};

// recurring_price_changed: whether `posting` (an outgoing payment, its local date) is a
// recurring payment at a new price. `history` is the person's postings before it (any
// order, own transfers left out). The posting's payee (payee_key) must be a series that
// detect_recurring finds in the history as of the posting's date, or, when the series is late
// (its next date missed by more than the slack), one the person confirmed (`confirmed`:
// recurrence keys). A dismissed series (`dismissed`) never alerts. The price changed when the
// posting's amount is outside the detection's own tolerance of the usual amount: the series'
// usual, or its last amount when that was already a new price (a new price stays, as the
// detection's next_amount says, so it alerts once, not on every later payment).
std::optional<RecurringPriceChange> recurring_price_change(const RecurringInput& posting,
                                                           std::vector<RecurringInput> history,
                                                           const std::set<std::string>& confirmed,
                                                           const std::set<std::string>& dismissed,
                                                           const RecurringRules& rules = {});

// "Netflix costs $15.99 now, usually $12.99 (monthly)."
std::string describe(const RecurringPriceChange& change);

}  // namespace bank
