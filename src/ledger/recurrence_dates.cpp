#include "ledger/recurrence_dates.hpp"

#include <algorithm>

namespace bank {
namespace {

using namespace std::chrono;

// A rule without COUNT or UNTIL goes on for ever; the walk stops after this many periods
// (400 years of days) so that a `from` far in the future cannot keep it busy.
constexpr long periods_walked_max = 146'097;

Date clamped(year y, month m, int day_of_month) {
    const auto last_day = static_cast<int>(static_cast<unsigned>((y / m / last).day()));
    const int day_number = day_of_month == -1 ? last_day : std::min(day_of_month, last_day);
    return Date{y, m, day(static_cast<unsigned>(day_number))};
}

// The dates of the `index`th period after the start's, in order; some may fall before the start.
std::vector<Date> period_dates(const RecurrenceRule& rule, Date start, long index) {
    const long step = index * static_cast<long>(rule.interval);
    switch (rule.frequency) {
        case Frequency::daily:
            return {Date{sys_days(start) + days(step)}};
        case Frequency::weekly: {
            const sys_days monday = sys_days(start) - (weekday(start) - Monday) + weeks(step);
            std::vector<Date> dates;
            if (rule.by_day.empty()) return {Date{monday + (weekday(start) - Monday)}};
            for (const weekday day : rule.by_day) dates.emplace_back(monday + (day - Monday));
            return dates;
        }
        case Frequency::monthly: {
            const year_month period = year_month(start.year(), start.month()) + months(step);
            if (rule.by_month_day.empty()) {
                return {clamped(period.year(), period.month(),
                                static_cast<int>(static_cast<unsigned>(start.day())))};
            }
            std::vector<Date> dates;
            for (const int day_of_month : rule.by_month_day) {
                const Date date = clamped(period.year(), period.month(), day_of_month);
                if (dates.empty() || dates.back() != date)
                    dates.push_back(date);  // 30 and 31 in April
            }
            return dates;
        }
        case Frequency::yearly:
            return {clamped(start.year() + years(step), start.month(),
                            static_cast<int>(static_cast<unsigned>(start.day())))};
    }
    return {};
}

}  // namespace

std::vector<Date> recurrence_dates(const RecurrenceRule& rule, Date start, Date from,
                                   std::size_t limit) {
    std::vector<Date> dates;
    unsigned counted = 0;
    for (long index = 0; index < periods_walked_max && dates.size() < limit; ++index) {
        for (const Date date : period_dates(rule, start, index)) {
            if (date < start) continue;
            if (rule.until && date > *rule.until) return dates;
            if (rule.count && counted == *rule.count) return dates;
            ++counted;
            if (date >= from && dates.size() < limit) dates.push_back(date);
        }
    }
    return dates;
}

}  // namespace bank
