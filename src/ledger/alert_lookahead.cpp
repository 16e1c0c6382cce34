#include "ledger/alert_lookahead.hpp"

#include <algorithm>

#include "ledger/recurring_decision.hpp"
#include "ledger/standing_order.hpp"

namespace bank {

namespace {

Date latest_date(const std::vector<RecurringInput>& rows) {
    return std::max_element(rows.begin(), rows.end(),
                            [](const RecurringInput& left, const RecurringInput& right) {
                                return std::chrono::sys_days(left.date) <
                                       std::chrono::sys_days(right.date);
                            })
        ->date;
}

// The payee's series: running on the posting's date, or (late) confirmed by the person.
std::optional<RecurringSeries> series_of_payee(const std::vector<RecurringInput>& rows, Date day,
                                               const std::set<std::string>& confirmed,
                                               const RecurringRules& rules) {
    if (rows.empty()) return std::nullopt;
    auto running = detect_recurring(rows, day, rules);
    if (!running.empty()) return std::move(running.front());
    auto late = detect_recurring(rows, latest_date(rows), rules);
    if (late.empty()) return std::nullopt;
    if (!confirmed.contains(recurrence_key(late.front().description, late.front().interval))) {
        return std::nullopt;
    }
    return std::move(late.front());
}

}  // namespace

std::optional<AlertDecision> projected_balance_decision(Date lowest_date, Money lowest_balance,
                                                        Money threshold, Date day) {
    if (!(lowest_balance < threshold)) return std::nullopt;
    return AlertDecision{"forecast:" + iso_date(day),
                         "Your balance is forecast to fall to " + lowest_balance.display() +
                             " on " + iso_date(lowest_date) + ", below your alert of " +
                             threshold.display() + "."};
}

std::optional<RecurringPriceChange> recurring_price_change(const RecurringInput& posting,
                                                           std::vector<RecurringInput> history,
                                                           const std::set<std::string>& confirmed,
                                                           const std::set<std::string>& dismissed,
                                                           const RecurringRules& rules) {
    if (!posting.outgoing || !posting.amount.is_positive()) return std::nullopt;
    const std::string payee = payee_key(posting.description);
    if (payee.empty()) return std::nullopt;
    std::erase_if(history, [&](const RecurringInput& row) {
        return !row.outgoing || payee_key(row.description) != payee ||
               std::chrono::sys_days(row.date) > std::chrono::sys_days(posting.date);
    });
    const auto series = series_of_payee(history, posting.date, confirmed, rules);
    if (!series) return std::nullopt;
    if (dismissed.contains(recurrence_key(series->description, series->interval))) {
        return std::nullopt;
    }
    const Money usual = series->price_changed ? series->last_amount : series->usual_amount;
    if (recurring_amount_within_tolerance(posting.amount, usual, rules)) return std::nullopt;
    return RecurringPriceChange{posting.description, series->interval, usual, posting.amount};
}

std::string describe(const RecurringPriceChange& change) {
    return change.description + " costs " + change.amount.display() + " now, usually " +
           change.usual.display() + " (" + std::string(to_string(change.interval)) + ").";
}

}  // namespace bank
