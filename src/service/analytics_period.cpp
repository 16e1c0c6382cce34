#include "service/analytics_period.hpp"
#include "service/refusal_text.hpp"

#include <chrono>

namespace bank {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// A custom period longer than this is refused: its balance chart and the reads bounded by it
// would cover more than the history a person keeps in view.
constexpr days custom_period_days_max{3660};

Timestamp at_day(sys_days day) {
    return std::chrono::time_point_cast<std::chrono::microseconds>(day);
}

Period months_back(std::string key, std::string label, int months, Timestamp now,
                   const TimeZone& zone) {
    Period period;
    period.key = std::move(key);
    period.label = std::move(label);
    period.from = local_month_start(now, zone, -(months - 1));
    period.to = local_month_start(now, zone, 1);
    period.from_date = format_date(period.from, zone);
    period.to_date = format_date(period.to - std::chrono::microseconds(1), zone);
    period.zone = zone;
    return period;
}

// The dates are the person's days: from the first instant of `from` to the first of the day
// after `to`, in their zone.
Result<Period> custom(const PeriodChoice& choice, const TimeZone& zone) {
    Period period;
    period.key = "custom";
    period.zone = zone;
    Timestamp first_day{};
    if (!parse_date(choice.from, first_day)) {
        return invalid_field("Enter the start date as YYYY-MM-DD.", "from");
    }
    Timestamp last_day{};
    if (!parse_date(choice.to, last_day))
        return invalid_field("Enter the end date as YYYY-MM-DD.", "to");
    if (first_day > last_day) {
        return invalid_field("The start date must not be after the end date.", "from");
    }
    if (last_day + days(1) - first_day > custom_period_days_max) {
        return invalid_field("Choose a period of at most ten years.", "from");
    }
    period.from = zone.from_wall(first_day);
    period.to = zone.from_wall(last_day + days(1));
    period.from_date = choice.from;
    period.to_date = choice.to;
    period.label = choice.from + " to " + choice.to;
    return period;
}

Result<Period> choose_period(const PeriodChoice& choice, Timestamp now, const TimeZone& zone) {
    const std::string& key = choice.period;
    if (key == "custom" || (key.empty() && (!choice.from.empty() || !choice.to.empty()))) {
        return custom(choice, zone);
    }
    if (key.empty() || key == "month") return months_back("month", "This month", 1, now, zone);
    if (key == "3m") return months_back("3m", "Last 3 months", 3, now, zone);
    if (key == "12m") return months_back("12m", "Last 12 months", 12, now, zone);
    return invalid_field("Choose a period from the list.", "period");
}

}  // namespace

Timestamp month_start(Timestamp at, int months) {
    const std::chrono::year_month_day day{std::chrono::floor<days>(at)};
    const std::chrono::year_month month =
        std::chrono::year_month(day.year(), day.month()) + std::chrono::months(months);
    return at_day(sys_days(month / std::chrono::day(1)));
}

bool is_month_start(Timestamp at) { return month_start(at) == at; }

std::int64_t local_days_between(Timestamp from, Timestamp to, const TimeZone& zone) {
    return std::chrono::ceil<days>(zone.to_wall(to) - zone.to_wall(from)).count();
}

Result<Period> resolve_period(const PeriodChoice& choice, Timestamp now, const TimeZone& zone) {
    Result<Period> period = choose_period(choice, now, zone);
    if (!period) return period;
    period->through_date = period->to_date;
    // "YYYY-MM-DD" compares as the days do.
    const std::string today = format_date(now, zone);
    if (now >= period->from && today < period->to_date) {
        period->through_date = today;
        period->ends_today = true;
    }
    return period;
}

}  // namespace bank
