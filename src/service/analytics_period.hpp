#pragma once

#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/time_zone.hpp"

namespace bank {

// What a person asked for: period "month" (this month, the default), "3m", "12m" or
// "custom" with from/to dates ("YYYY-MM-DD", both inclusive).
struct PeriodChoice {
    std::string period;
    std::string from;
    std::string to;
};

// A resolved period: the instants [from, to), whole days of the person's time zone.
struct Period {
    std::string key;    // "month", "3m", "12m" or "custom"
    std::string label;  // "This month", "Last 3 months", "2025-01-05 to 2025-03-10"
    Timestamp from{};
    Timestamp to{};
    std::string from_date;            // "YYYY-MM-DD", the first day
    std::string to_date;              // "YYYY-MM-DD", the last day (inclusive)
    TimeZone zone = TimeZone::utc();  // whose days and months these are
    // The last day with figures: today while the period runs past it, else to_date. The
    // figures stop at now, so a page that names the period's days ends them here.
    std::string through_date;
    bool ends_today = false;  // through_date is today and before to_date
};

// The first instant of the UTC month `at` falls in, moved by `months` (may be negative): the
// months the rollups are kept by.
Timestamp month_start(Timestamp at, int months = 0);
bool is_month_start(Timestamp at);

// This month and the months before it are the person's local months; custom dates are their
// local days (core/time_zone.hpp). A validation error names the field ("period", "from" or
// "to").
Result<Period> resolve_period(const PeriodChoice& choice, Timestamp now,
                              const TimeZone& zone = TimeZone::utc());
// The local days [from, to) spans, counting a day of 23 or 25 hours (clocks changing) as one.
std::int64_t local_days_between(Timestamp from, Timestamp to, const TimeZone& zone);

}  // namespace bank
