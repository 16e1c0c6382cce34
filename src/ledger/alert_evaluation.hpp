#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "ledger/alert.hpp"
#include "ledger/alert_lookahead.hpp"
#include "ledger/model.hpp"

namespace bank {

// A budget of the posting's owner in the posting's month, with its figures as BudgetService
// computes them (the posting included).
struct BudgetStanding {
    std::string budget_id;
    std::string category;
    std::string month;  // "YYYY-MM", the person's month
    Money available;
    Money spent;
};

// What the evaluator read for one posting, as plain values.
struct AlertContext {
    std::string owner_user_id;  // the person whose account the posting is on
    // The posting moved money between two of the owner's own accounts: as /analytics, that
    // is no spending (neither unusual nor counted against a budget).
    bool own_transfer = false;
    // Per category, the amount above which an outgoing posting is unusual (as /analytics:
    // AnalyticsService::unusual_factor times the category's average outgoing posting).
    // A category without one has no history to compare with: nothing there is unusual.
    std::map<std::string, Money> unusual_thresholds;
    std::vector<BudgetStanding> budgets;
    // The lowest point of the owner's 30-day forecast, read only for an owner with a
    // projected_balance_below rule; nullopt: not read.
    std::optional<ForecastLowest> forecast_lowest;
    // The recurring payment this posting changed the price of (recurring_price_change), read
    // only for an owner with a recurring_price_changed rule; nullopt: none.
    std::optional<RecurringPriceChange> price_change;
};

// The notifications one posting raises under the rules (pure, no clock: each notification is
// dated by the posting, its id deterministic). Rules of anyone but the owner never match, nor
// a rule made after the posting (it speaks for postings from its making on).
// transaction_above: a posting in or out strictly above the threshold. unusual_transaction:
// an outgoing posting (not an own transfer) strictly above its category's threshold.
// budget_threshold: an outgoing posting (not an own transfer) in a budget's category whose
// month has spent at least 80% (and, separately, 100%) of what is available; one per budget,
// month and share, whichever posting gets there first. projected_balance_below: the forecast's
// lowest point under the threshold (projected_balance_decision: one per rule and day).
// recurring_price_changed: an outgoing posting (not an own transfer) whose price changed
// (context.price_change), one per posting. standing_order_failed and
// new_device_sign_in are not about postings and never match here.
std::vector<Notification> alerts_for_posting(const Transaction& posting,
                                             const std::vector<AlertRule>& rules,
                                             const AlertContext& context);

// An event that is not a posting (a standing order's date that failed, a sign-in from a new
// device), as the place where it happens describes it; `subject_id` names it once (the
// occurrence, the session), `at` is when it happened.
struct AlertEvent {
    std::string user_id;
    AlertKind kind = AlertKind::standing_order_failed;
    std::string subject_id;
    std::string message;
    Timestamp at{};
};

// The notifications an event raises: one per rule of the person of the event's kind, each
// with the deterministic id of the rule and the subject.
std::vector<Notification> alerts_for_event(const AlertEvent& event,
                                           const std::vector<AlertRule>& rules);

// Whether the posting is money leaving its account (a withdrawal or an outgoing transfer).
bool is_outgoing_posting(const Transaction& posting);

}  // namespace bank
