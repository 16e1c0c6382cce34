#include "ledger/recurring_detection.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

namespace bank {

namespace {

using std::chrono::sys_days;

}  // namespace

std::string payee_key(std::string_view description) {
    std::string key;
    key.reserve(description.size());
    for (const char c : description) {
        // What std::isspace and std::tolower do in the "C" locale (the server sets no other;
        // other bytes, UTF-8 ones included, stay as they are), inline: the forecast keys every
        // posting it reads, 20,000 of them, more than once.
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            if (!key.empty() && key.back() != ' ') key.push_back(' ');
        } else {
            key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        }
    }
    if (!key.empty() && key.back() == ' ') key.pop_back();
    return key;
}

namespace {

int days_between(Date from, Date to) {
    return static_cast<int>((sys_days(to) - sys_days(from)).count());
}

std::optional<RecurringInterval> interval_of(int gap, const RecurringRules& rules) {
    if (gap >= 7 - rules.weekly_slack_days && gap <= 7 + rules.weekly_slack_days) {
        return RecurringInterval::weekly;
    }
    if (gap >= 28 - rules.monthly_slack_days && gap <= 31 + rules.monthly_slack_days) {
        return RecurringInterval::monthly;
    }
    if (gap >= 365 - rules.yearly_slack_days && gap <= 366 + rules.yearly_slack_days) {
        return RecurringInterval::yearly;
    }
    return std::nullopt;
}

int slack_of(RecurringInterval interval, const RecurringRules& rules) {
    switch (interval) {
        case RecurringInterval::weekly:
            return rules.weekly_slack_days;
        case RecurringInterval::monthly:
            return rules.monthly_slack_days;
        case RecurringInterval::yearly:
            return rules.yearly_slack_days;
    }
    return 0;
}

// `day` of the month `months` after `from`'s, or that month's last day when it is shorter
// (rent on the 31st is paid on February's last day, then on March 31 again).
Date same_day_months_later(Date from, unsigned day, int months) {
    const std::chrono::year_month month = from.year() / from.month() + std::chrono::months(months);
    const unsigned last = static_cast<unsigned>((month / std::chrono::last).day());
    return month / std::chrono::day(std::min(day, last));
}

Date next_after(const RecurringInput& first, const RecurringInput& last,
                RecurringInterval interval) {
    const auto anchor_day = static_cast<unsigned>(first.date.day());
    switch (interval) {
        case RecurringInterval::weekly:
            return Date(sys_days(last.date) + std::chrono::days(7));
        case RecurringInterval::monthly:
            return same_day_months_later(last.date, anchor_day, 1);
        case RecurringInterval::yearly:
            return same_day_months_later(last.date, anchor_day, 12);
    }
    return last.date;
}

// The lower median: an amount that really occurred, exact to the cent.
Money median(std::vector<Money> amounts) {
    std::sort(amounts.begin(), amounts.end());
    return amounts[(amounts.size() - 1) / 2];
}

// The newest run of one payee's postings (oldest first) at one interval, as a series; nullopt
// when it is too short, its amounts vary, or it stopped before `today`.
std::optional<RecurringSeries> series_of(const std::vector<RecurringInput>& postings, Date today,
                                         const RecurringRules& rules) {
    const std::size_t count = postings.size();
    if (count < rules.occurrences_min || count < 2) return std::nullopt;
    const auto interval =
        interval_of(days_between(postings[count - 2].date, postings[count - 1].date), rules);
    if (!interval) return std::nullopt;
    std::size_t first = count - 2;
    while (first > 0 && interval_of(days_between(postings[first - 1].date, postings[first].date),
                                    rules) == interval) {
        --first;
    }
    const std::size_t occurrences = count - first;
    if (occurrences < rules.occurrences_min) return std::nullopt;
    std::vector<Money> earlier;
    for (std::size_t i = first; i + 1 < count; ++i) earlier.push_back(postings[i].amount);
    const Money usual = median(earlier);
    for (const Money amount : earlier) {
        if (!recurring_amount_within_tolerance(amount, usual, rules)) return std::nullopt;
    }
    const RecurringInput& last = postings.back();
    RecurringSeries series{last.description,     last.outgoing, *interval, usual,       last.amount,
                           postings[first].date, last.date,     last.date, last.amount, false,
                           occurrences};
    series.next_date = next_after(postings[first], last, *interval);
    series.price_changed = !recurring_amount_within_tolerance(last.amount, usual, rules);
    if (days_between(series.next_date, today) > slack_of(*interval, rules)) return std::nullopt;
    return series;
}

}  // namespace

bool recurring_amount_within_tolerance(Money amount, Money usual, const RecurringRules& rules) {
    const std::int64_t share = usual.cents() / 10'000 * rules.amount_tolerance_bp +
                               usual.cents() % 10'000 * rules.amount_tolerance_bp / 10'000;
    const std::int64_t tolerance = std::max(share, rules.amount_tolerance_min.cents());
    const std::int64_t difference = amount.cents() - usual.cents();
    return difference <= tolerance && -difference <= tolerance;
}

std::string_view to_string(RecurringInterval interval) {
    switch (interval) {
        case RecurringInterval::weekly:
            return "weekly";
        case RecurringInterval::monthly:
            return "monthly";
        case RecurringInterval::yearly:
            return "yearly";
    }
    return "monthly";
}

std::vector<RecurringSeries> detect_recurring(std::vector<RecurringInput> rows, Date today,
                                              const RecurringRules& rules) {
    std::map<std::pair<bool, std::string>, std::vector<RecurringInput>> by_payee;
    for (auto& row : rows) {
        if (!row.amount.is_positive()) continue;
        auto key = std::make_pair(row.outgoing, payee_key(row.description));
        if (key.second.empty()) continue;
        by_payee[std::move(key)].push_back(std::move(row));
    }
    std::vector<RecurringSeries> found;
    for (auto& [key, postings] : by_payee) {
        std::stable_sort(postings.begin(), postings.end(),
                         [](const RecurringInput& left, const RecurringInput& right) {
                             return sys_days(left.date) < sys_days(right.date);
                         });
        if (auto series = series_of(postings, today, rules)) found.push_back(std::move(*series));
    }
    std::sort(found.begin(), found.end(),
              [](const RecurringSeries& left, const RecurringSeries& right) {
                  if (sys_days(left.next_date) != sys_days(right.next_date)) {
                      return sys_days(left.next_date) < sys_days(right.next_date);
                  }
                  return left.description < right.description;
              });
    return found;
}

}  // namespace bank
