#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace bank {

using Date = std::chrono::year_month_day;

enum class Frequency { daily, weekly, monthly, yearly };

// The subset of an RFC 5545 RRULE that a standing order uses: FREQ, INTERVAL, BYDAY (weekly),
// BYMONTHDAY (monthly; 1 to 31 or -1 for the last day), COUNT and UNTIL (a date, inclusive).
//
// One difference from RFC 5545, on purpose: a BYMONTHDAY past the end of a month (31 in April)
// falls on that month's last day instead of being skipped, as a person paying rent "on the
// 31st" expects. Days that meet that way in one month (30 and 31 in April) run once.
struct RecurrenceRule {
    Frequency frequency = Frequency::monthly;
    unsigned interval = 1;
    std::vector<std::chrono::weekday> by_day;  // sorted Monday first; empty: the start's weekday
    std::vector<int> by_month_day;             // sorted, -1 last; empty: the start's day
    std::optional<unsigned> count;             // occurrences in all, counted from the start
    std::optional<Date> until;                 // the last date an occurrence may fall on

    bool operator==(const RecurrenceRule&) const = default;
};

// Named limits: a rule longer than this is refused before it is read, and INTERVAL and COUNT
// have ceilings a real schedule never needs (COUNT=1000 monthly is 83 years).
constexpr std::size_t recurrence_rule_length_max = 200;
constexpr unsigned recurrence_interval_max = 999;
constexpr unsigned recurrence_count_max = 1000;

// Reads "FREQ=MONTHLY;BYMONTHDAY=-1" (an "RRULE:" prefix and lower case are accepted). A rule
// that is not in the subset is refused with a message naming the part that is wrong, on the
// field "rrule".
Result<RecurrenceRule> parse_recurrence_rule(std::string_view text);

// The canonical text of a rule: parts in a fixed order, defaults left out, so that two rules
// that mean the same read the same. parse_recurrence_rule(to_rrule_text(r)) == r.
std::string to_rrule_text(const RecurrenceRule& rule);

// The rule in plain words as the page shows it: "every month on the last day", "every
// 2 weeks on Monday and Friday, 10 times", "once". `start` supplies the day a rule without
// BYDAY or BYMONTHDAY falls on.
std::string describe_recurrence(const RecurrenceRule& rule, Date start);

}  // namespace bank
