#pragma once

#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace bank {

// What a person asked for: period "month" (this month, the default), "3m", "12m" or
// "custom" with from/to dates ("YYYY-MM-DD", both inclusive).
struct PeriodChoice {
    std::string period;
    std::string from;
    std::string to;
};

// A resolved period: the instants [from, to), whole UTC days.
struct Period {
    std::string key;    // "month", "3m", "12m" or "custom"
    std::string label;  // "This month", "Last 3 months", "2025-01-05 to 2025-03-10"
    Timestamp from{};
    Timestamp to{};
    std::string from_date;  // "YYYY-MM-DD", the first day
    std::string to_date;    // "YYYY-MM-DD", the last day (inclusive)
    // The last day with figures: today while the period runs past it, else to_date. The
    // figures stop at now, so a page that names the period's days ends them here.
    std::string through_date;
    bool ends_today = false;  // through_date is today and before to_date
};

// The first instant of the UTC month `at` falls in, moved by `months` (may be negative).
Timestamp month_start(Timestamp at, int months = 0);
bool is_month_start(Timestamp at);

// A validation error names the field ("period", "from" or "to").
Result<Period> resolve_period(const PeriodChoice& choice, Timestamp now);

}  // namespace bank
