#include "ledger/recurring_detection.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>
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

Date next_after(Date first, Date last, RecurringInterval interval) {
    const auto anchor_day = static_cast<unsigned>(first.day());
    switch (interval) {
        case RecurringInterval::weekly:
            return Date(sys_days(last) + std::chrono::days(7));
        case RecurringInterval::monthly:
            return same_day_months_later(last, anchor_day, 1);
        case RecurringInterval::yearly:
            return same_day_months_later(last, anchor_day, 12);
    }
    return last;
}

// The lower median: an amount that really occurred, exact to the cent.
Money median(std::vector<Money> amounts) {
    std::sort(amounts.begin(), amounts.end());
    return amounts[(amounts.size() - 1) / 2];
}

// The newest run of one payee's postings (oldest first) at one interval, as a series; nullopt
// when it is too short, its amounts vary, or it stopped before `today`.
std::optional<RecurringSeries> series_of(const std::vector<const KeyedRecurringInput*>& postings,
                                         Date today, const RecurringRules& rules) {
    const std::size_t count = postings.size();
    if (count < rules.occurrences_min || count < 2) return std::nullopt;
    const auto interval =
        interval_of(days_between(postings[count - 2]->date, postings[count - 1]->date), rules);
    if (!interval) return std::nullopt;
    std::size_t first = count - 2;
    while (first > 0 && interval_of(days_between(postings[first - 1]->date, postings[first]->date),
                                    rules) == interval) {
        --first;
    }
    const std::size_t occurrences = count - first;
    if (occurrences < rules.occurrences_min) return std::nullopt;
    std::vector<Money> earlier;
    for (std::size_t i = first; i + 1 < count; ++i) earlier.push_back(postings[i]->amount);
    const Money usual = median(earlier);
    for (const Money amount : earlier) {
        if (!recurring_amount_within_tolerance(amount, usual, rules)) return std::nullopt;
    }
    const KeyedRecurringInput& last = *postings.back();
    RecurringSeries series{
        *last.description, last.outgoing, *interval,   usual, last.amount, postings[first]->date,
        last.date,         last.date,     last.amount, false, occurrences};
    series.next_date = next_after(postings[first]->date, last.date, *interval);
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

std::vector<RecurringSeries> detect_recurring(const std::vector<RecurringInput>& rows, Date today,
                                              const RecurringRules& rules) {
    std::vector<std::string> payees;
    std::unordered_map<std::string, std::uint32_t> index;
    std::vector<KeyedRecurringInput> keyed;
    keyed.reserve(rows.size());
    for (const RecurringInput& row : rows) {
        auto [found, added] = index.try_emplace(payee_key(row.description),
                                                static_cast<std::uint32_t>(payees.size()));
        if (added) payees.push_back(found->first);
        keyed.push_back(KeyedRecurringInput{row.date, row.amount, row.outgoing, found->second,
                                            &row.description});
    }
    return detect_recurring(keyed, payees, today, rules);
}

std::vector<RecurringSeries> detect_recurring(const std::vector<KeyedRecurringInput>& rows,
                                              const std::vector<std::string>& payees, Date today,
                                              const RecurringRules& rules,
                                              std::vector<std::uint32_t>* series_payees) {
    // Each direction and payee's rows, in the rows' order; slot 2 * payee + outgoing.
    constexpr std::uint32_t none = UINT32_MAX;
    std::vector<std::uint32_t> group_of(2 * payees.size(), none);
    std::vector<std::vector<const KeyedRecurringInput*>> groups;
    std::vector<std::uint32_t> slots;  // each group's slot
    for (const KeyedRecurringInput& row : rows) {
        if (!row.amount.is_positive() || payees[row.payee].empty()) continue;
        const std::size_t slot = 2 * std::size_t{row.payee} + (row.outgoing ? 1 : 0);
        if (group_of[slot] == none) {
            group_of[slot] = static_cast<std::uint32_t>(groups.size());
            groups.emplace_back();
            slots.push_back(static_cast<std::uint32_t>(slot));
        }
        groups[group_of[slot]].push_back(&row);
    }
    // Groups in (direction, payee text) order, incoming first: the order the series are sorted
    // from, so that ties of date and description come out as they always did.
    std::vector<std::uint32_t> order(groups.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t left, std::uint32_t right) {
        const std::uint32_t a = slots[left], b = slots[right];
        if (a % 2 != b % 2) return a % 2 < b % 2;
        return payees[a / 2] < payees[b / 2];
    });
    std::vector<std::pair<RecurringSeries, std::uint32_t>> found;
    for (const std::uint32_t group : order) {
        std::vector<const KeyedRecurringInput*>& postings = groups[group];
        std::stable_sort(postings.begin(), postings.end(),
                         [](const KeyedRecurringInput* left, const KeyedRecurringInput* right) {
                             return sys_days(left->date) < sys_days(right->date);
                         });
        if (auto series = series_of(postings, today, rules)) {
            found.emplace_back(std::move(*series), slots[group] / 2);
        }
    }
    std::sort(found.begin(), found.end(), [](const auto& left_pair, const auto& right_pair) {
        const RecurringSeries& left = left_pair.first;
        const RecurringSeries& right = right_pair.first;
        if (sys_days(left.next_date) != sys_days(right.next_date)) {
            return sys_days(left.next_date) < sys_days(right.next_date);
        }
        return left.description < right.description;
    });
    std::vector<RecurringSeries> series;
    series.reserve(found.size());
    if (series_payees != nullptr) series_payees->clear();
    for (auto& [one, payee] : found) {
        series.push_back(std::move(one));
        if (series_payees != nullptr) series_payees->push_back(payee);
    }
    return series;
}

}  // namespace bank
