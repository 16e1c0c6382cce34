#pragma once

#include <cstddef>
#include <vector>

#include "ledger/recurrence_rule.hpp"

namespace bank {

// The dates `rule` falls on, in order, for an order that starts on `start`: the first is the
// first date on or after `start` that the rule names (a monthly rule on the 1st that starts
// on the 10th first runs on the 1st of the next month). COUNT counts from there and UNTIL is
// inclusive. Only dates on or after `from` are returned, at most `limit` of them: the page
// asks for the next five, the scheduler for the ones due up to now.
std::vector<Date> recurrence_dates(const RecurrenceRule& rule, Date start, Date from,
                                   std::size_t limit);

}  // namespace bank
