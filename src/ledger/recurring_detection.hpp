#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "ledger/recurrence_rule.hpp"

namespace bank {

// One posting as the detection sees it: its local date, description, amount (positive) and
// whether money left (a payment) or came in (income).
struct RecurringInput {
    Date date;
    std::string description;
    Money amount;
    bool outgoing = true;
};

enum class RecurringInterval { weekly, monthly, yearly };
std::string_view to_string(RecurringInterval interval);

// A payment or income that came back at a regular interval.
struct RecurringSeries {
    std::string description;  // as the newest occurrence wrote it
    bool outgoing = true;
    RecurringInterval interval = RecurringInterval::monthly;
    Money usual_amount;  // the median of the occurrences before the newest
    Money last_amount;
    Date first_date;  // of the regular run
    Date last_date;
    Date next_date;     // expected
    Money next_amount;  // expected: the newest amount (a new price stays)
    bool price_changed = false;
    std::size_t occurrences = 0;
};

// The payee a description names: "Netflix  Premium " and "netflix premium" are the same.
std::string payee_key(std::string_view description);

// What counts as regular; named so that tests and docs say the same.
struct RecurringRules {
    std::size_t occurrences_min = 3;
    int weekly_slack_days = 1;        // 6 to 8 days apart
    int monthly_slack_days = 3;       // 25 to 34 days apart (months are 28 to 31 days)
    int yearly_slack_days = 5;        // 360 to 371 days apart
    int amount_tolerance_bp = 1'000;  // 10% of the usual amount ...
    Money amount_tolerance_min = Money::from_cents(100);  // ... but at least $1.00
};

// Whether `amount` is within the rules' tolerance of `usual` (the larger of
// amount_tolerance_bp of it and amount_tolerance_min, either way): what a series' amounts must
// keep to, and what a price change leaves.
bool recurring_amount_within_tolerance(Money amount, Money usual, const RecurringRules& rules = {});

// The series in `rows` (any order) that are still running on `today`: the same payee
// (description compared case- and space-insensitively) and direction, at least
// `occurrences_min` times in a row at one interval within its slack, every amount but the
// newest within the tolerance of their median, and the next date not missed by more than the
// slack. The newest amount outside the tolerance flags a price change. Sorted by next date,
// then description. Pure: the service reads the rows.
std::vector<RecurringSeries> detect_recurring(const std::vector<RecurringInput>& rows, Date today,
                                              const RecurringRules& rules = {});

// A RecurringInput whose payee is already keyed: an index into a table of payee_key texts,
// so that a history kept between requests (ledger/posting_window.hpp) keys each posting once.
struct KeyedRecurringInput {
    Date date;
    Money amount;
    bool outgoing = true;
    std::uint32_t payee = 0;                   // index into `payees`
    const std::string* description = nullptr;  // the posting's, as written
};

// detect_recurring over keyed rows, `payees[row.payee]` being payee_key(*row.description):
// the same series in the same order as detect_recurring over the same rows in the same order.
// `series_payees`, when given, receives each series' payee index.
std::vector<RecurringSeries> detect_recurring(const std::vector<KeyedRecurringInput>& rows,
                                              const std::vector<std::string>& payees, Date today,
                                              const RecurringRules& rules = {},
                                              std::vector<std::uint32_t>* series_payees = nullptr);

}  // namespace bank
