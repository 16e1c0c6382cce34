#include "service/analytics_service.hpp"

#include <algorithm>
#include <map>

#include "core/money_total.hpp"
#include "service/local_month_rollups.hpp"
#include "service/own_transfers.hpp"
#include "service/percentages.hpp"

namespace bank {
namespace {

using std::chrono::days;

Money difference(Money left, Money right) {
    const auto result = left.checked_sub(right);
    return result ? *result : Money::from_cents(left < right ? INT64_MIN : INT64_MAX);
}

bool is_outflow(TransactionType type) {
    return type == TransactionType::withdrawal || type == TransactionType::transfer_out;
}

std::int64_t basis_points(std::int64_t part, std::int64_t whole) {
    return rounded_basis_points(part, whole);
}

// Cents divided by a count, rounded half away from zero.
Money divide(Money total, std::int64_t by) {
    const std::int64_t cents = total.cents();
    const std::int64_t rounded = (cents >= 0 ? cents + by / 2 : cents - by / 2) / by;
    return Money::from_cents(rounded);
}

// Whether the rollups count any outgoing transfer: without one there is no own transfer to
// read from the history, and the figures need no read beyond the rollups.
bool has_transfers_out(const std::vector<Rollup>& rollups) {
    return std::any_of(rollups.begin(), rollups.end(), [](const Rollup& rollup) {
        return rollup.transaction_type == TransactionType::transfer_out && rollup.count > 0;
    });
}

PeriodQuery period_query(const AnalyticsScope& scope) {
    return PeriodQuery{scope.user_id, scope.account_id, scope.period.from, scope.period.to};
}

// The rollups of a period: its whole months from `whole(first_month, last_month)` (the
// rollup tables), the partial months at the edges of a custom period from `edge(query)` over
// the postings of those days only.
template <typename Row, typename Whole, typename Edge>
std::vector<Row> by_months(const AnalyticsScope& scope, const Whole& whole, const Edge& edge) {
    const Period& period = scope.period;
    const Timestamp first_whole =
        is_month_start(period.from) ? period.from : month_start(period.from, 1);
    const Timestamp whole_end = month_start(period.to);
    PeriodQuery edge_query = period_query(scope);
    if (first_whole >= whole_end) return edge(edge_query);
    std::vector<Row> rows =
        whole(format_month(first_whole), format_month(whole_end - std::chrono::microseconds(1)));
    const auto add_edge = [&](Timestamp from, Timestamp to) {
        if (from >= to) return;
        edge_query.from = from;
        edge_query.to = to;
        for (auto& row : edge(edge_query)) rows.push_back(std::move(row));
    };
    add_edge(period.from, first_whole);
    add_edge(whole_end, period.to);
    return rows;
}

// The person's days of the period that have begun by now (at least one).
std::int64_t days_so_far(const Period& period, Timestamp now) {
    const Timestamp end_of_today = local_day_start(now, period.zone, 1);
    const Timestamp end = std::min(period.to, end_of_today);
    if (end <= period.from) return local_days_between(period.from, period.to, period.zone);
    return std::max<std::int64_t>(1, local_days_between(period.from, end, period.zone));
}

std::vector<CategoryFigure> category_figures(const std::map<std::string, CategoryFigure>& spent,
                                             Money money_out) {
    std::vector<CategoryFigure> figures;
    std::vector<std::int64_t> totals;
    for (const auto& [name, figure] : spent) {
        figures.push_back(figure);
        totals.push_back(figure.total.cents());
    }
    // The shares of one whole: they add up to 100.00% (largest remainder).
    if (money_out.is_positive()) {
        const auto shares = shares_basis_points(totals);
        for (std::size_t index = 0; index < figures.size(); ++index) {
            figures[index].share_basis_points = shares[index];
        }
    }
    std::stable_sort(figures.begin(), figures.end(),
                     [](const auto& left, const auto& right) { return left.total > right.total; });
    return figures;
}

// Each category's change, in basis points of the spending before it.
std::vector<CategoryChange> changes_of(std::map<std::string, CategoryChange>& changes) {
    std::vector<CategoryChange> list;
    for (auto& [category, change] : changes) {
        if (change.previous.is_positive()) {
            change.change_basis_points = basis_points(
                difference(change.current, change.previous).cents(), change.previous.cents());
        }
        list.push_back(change);
    }
    return list;
}

// The end of as many of the person's days (and hours) from the start of the month before as
// [month, current_end) spans, cut at that month's end (March 31 days against February's 28).
Timestamp same_days_end(Timestamp month, Timestamp current_end, const TimeZone& zone) {
    const Timestamp previous = local_month_start(month, zone, -1);
    const Timestamp wall_end =
        zone.to_wall(previous) + (zone.to_wall(current_end) - zone.to_wall(month));
    return std::min(month, zone.from_wall(wall_end));
}

// Each category's spending in [month, current_end) against the same number of days from the
// start of the month before (same_days_end).
std::vector<CategoryChange> same_days_changes(AnalyticsReads& reads, const AnalyticsScope& scope,
                                              Timestamp month, Timestamp current_end) {
    const TimeZone& zone = scope.period.zone;
    const Timestamp previous = local_month_start(month, zone, -1);
    const Timestamp previous_end = same_days_end(month, current_end, zone);
    std::map<std::string, CategoryChange> changes;
    const auto collect = [&](Timestamp from, Timestamp to, bool before) {
        for (const Rollup& rollup :
             reads.period_rollups(PeriodQuery{scope.user_id, scope.account_id, from, to})) {
            if (!is_outflow(rollup.transaction_type)) continue;
            CategoryChange& change = changes[rollup.category];
            change.category = rollup.category;
            add_to_total(before ? change.previous : change.current, rollup.total);
        }
    };
    collect(previous, previous_end, true);
    collect(month, current_end, false);
    return changes_of(changes);
}

// The months from the first with a posting (at most 12 back) to `last_month`, with money in
// and out of each, and each category's spending in the last two of them.
void add_months(SpendingSummary& summary, const std::vector<Rollup>& rollups,
                Timestamp last_month_start, const TimeZone& zone) {
    std::map<std::string, MonthFigure> months;
    for (int back = 11; back >= 0; --back) {
        const std::string month =
            format_month(local_month_start(last_month_start, zone, -back), zone);
        months[month].month = month;
    }
    summary.change_month = format_month(last_month_start, zone);
    const std::string previous_month =
        format_month(local_month_start(last_month_start, zone, -1), zone);
    std::map<std::string, CategoryChange> changes;
    for (const Rollup& rollup : rollups) {
        const auto found = months.find(rollup.month);
        if (found == months.end()) continue;
        add_to_total(
            is_credit(rollup.transaction_type) ? found->second.money_in : found->second.money_out,
            rollup.total);
        if (!is_outflow(rollup.transaction_type)) continue;
        if (rollup.month == summary.change_month || rollup.month == previous_month) {
            CategoryChange& change = changes[rollup.category];
            change.category = rollup.category;
            add_to_total(rollup.month == previous_month ? change.previous : change.current,
                         rollup.total);
        }
    }
    // The months before the first with a posting (before the first account, mostly) are
    // not part of the person's history: left out.
    std::string first_month;
    for (const Rollup& rollup : rollups) {
        if (first_month.empty() || rollup.month < first_month) first_month = rollup.month;
    }
    for (auto& [month, figure] : months) {
        if (first_month.empty() || month < first_month) continue;
        figure.net = difference(figure.money_in, figure.money_out);
        summary.months.push_back(figure);
    }
    summary.changes = changes_of(changes);
}

}  // namespace

Result<AnalyticsSummary> AnalyticsService::summary(const std::string& user_id,
                                                   const std::string& account_id,
                                                   const std::string& from, const std::string& to,
                                                   const TimeZone& zone) const {
    std::vector<MonthlyTotal> totals;
    if (from.empty() && to.empty()) {
        totals = reads_.monthly_totals(user_id, account_id);
    } else {
        // Only `from`: up to today; only `to`: that day alone.
        const std::string today = format_date(clock_.now(), zone);
        auto range = scope(user_id, account_id,
                           PeriodChoice{"custom", from.empty() ? (to.empty() ? today : to) : from,
                                        to.empty() ? today : to},
                           zone);
        if (!range) {
            Error error = range.error();
            // Only `to` was sent and stood in for `from` too: the refusal names what was sent.
            if (from.empty() && error.field == "from") error.field = "to";
            return error;
        }
        std::map<std::pair<std::string, TransactionType>, MonthlyTotal> by_month;
        for (const Rollup& rollup : period_totals(*range)) {
            MonthlyTotal& total = by_month[{rollup.month, rollup.transaction_type}];
            total.month = rollup.month;
            total.transaction_type = rollup.transaction_type;
            add_to_total(total.total, rollup.total);
            total.count += rollup.count;
        }
        for (auto& [key, total] : by_month) totals.push_back(std::move(total));
    }
    return summary_of(user_id, account_id, totals);
}

Result<AnalyticsSummary> AnalyticsService::summary_of(
    const std::string& user_id, const std::string& account_id,
    const std::vector<MonthlyTotal>& totals) const {
    AnalyticsSummary summary;
    for (auto& account : ledger_.list_accounts(user_id)) {
        if (!account_id.empty() && account.account_id != account_id) continue;
        add_to_total(summary.total_balance, account.balance);
        summary.accounts.push_back(std::move(account));
    }
    if (!account_id.empty() && summary.accounts.empty()) {
        return make_error(ErrorCode::not_found, "That account was not found.", "account_id");
    }
    std::map<std::string, MonthSummary> months;
    for (const auto& total : totals) {
        MonthSummary& month = months[total.month];
        month.month = total.month;
        summary.transaction_count += total.count;
        switch (total.transaction_type) {
            case TransactionType::deposit:
                add_to_total(month.deposits, total.total);
                add_to_total(summary.total_deposits, total.total);
                break;
            case TransactionType::withdrawal:
                add_to_total(month.withdrawals, total.total);
                add_to_total(summary.total_withdrawals, total.total);
                break;
            case TransactionType::transfer_in:
                add_to_total(month.transfers_in, total.total);
                add_to_total(summary.total_transfers_in, total.total);
                break;
            case TransactionType::transfer_out:
                add_to_total(month.transfers_out, total.total);
                add_to_total(summary.total_transfers_out, total.total);
                break;
        }
    }
    for (auto& [name, month] : months) {
        month.net = Money::from_cents(month.deposits.cents() + month.transfers_in.cents() -
                                      month.withdrawals.cents() - month.transfers_out.cents());
        summary.months.push_back(std::move(month));
    }
    return summary;
}

Result<AnalyticsScope> AnalyticsService::scope(const std::string& user_id,
                                               const std::string& account_id,
                                               const PeriodChoice& choice,
                                               const TimeZone& zone) const {
    auto period = resolve_period(choice, clock_.now(), zone);
    if (!period) return period.error();
    if (!account_id.empty()) {
        const auto account = ledger_.find_account(account_id);
        if (!account || account->user_id != user_id) {
            return make_error(ErrorCode::not_found, "That account was not found.", "account_id");
        }
    }
    return AnalyticsScope{user_id, account_id, std::move(*period)};
}

const std::vector<Rollup>& AnalyticsService::period_totals(const AnalyticsScope& scope) const {
    if (scope.rollups) return *scope.rollups;
    return scope.rollups.emplace(by_months<Rollup>(
        scope,
        [&](const std::string& from_month, const std::string& to_month) {
            return reads_.list_rollups(scope.user_id, scope.account_id, from_month, to_month);
        },
        [&](const PeriodQuery& edge) { return reads_.period_rollups(edge); }));
}

std::vector<PayeeRollup> AnalyticsService::payee_totals(const AnalyticsScope& scope) const {
    return by_months<PayeeRollup>(
        scope,
        [&](const std::string& from_month, const std::string& to_month) {
            return reads_.list_payee_rollups(scope.user_id, scope.account_id, from_month, to_month);
        },
        [&](const PeriodQuery& edge) { return reads_.period_payee_rollups(edge); });
}

SpendingSummary AnalyticsService::spending(const AnalyticsScope& scope) const {
    SpendingSummary summary;
    std::map<std::string, CategoryFigure> spent;
    for (const Rollup& rollup : period_totals(scope)) {
        summary.transaction_count += rollup.count;
        if (is_credit(rollup.transaction_type)) {
            add_to_total(summary.money_in, rollup.total);
            continue;
        }
        add_to_total(summary.money_out, rollup.total);
        CategoryFigure& figure = spent[rollup.category];
        figure.category = rollup.category;
        add_to_total(figure.total, rollup.total);
        figure.count += rollup.count;
    }
    summary.net = difference(summary.money_in, summary.money_out);
    summary.days = days_so_far(scope.period, clock_.now());
    summary.average_daily_spending = divide(summary.money_out, summary.days);
    if (summary.money_in.is_positive()) {
        summary.savings_rate_basis_points =
            basis_points(summary.net.cents(), summary.money_in.cents());
    }
    summary.categories = category_figures(spent, summary.money_out);

    add_months_and_changes(summary, scope);
    return summary;
}

// The months (the person's local months, local_month_rollups) end with today's at the latest.
void AnalyticsService::add_months_and_changes(SpendingSummary& summary,
                                              const AnalyticsScope& scope) const {
    const TimeZone& zone = scope.period.zone;
    const Timestamp end_of_today = local_day_start(clock_.now(), zone, 1);
    const Timestamp end = std::max(std::min(scope.period.to, end_of_today),
                                   scope.period.from + std::chrono::microseconds(1));
    const Timestamp last_month = local_month_start(end - std::chrono::microseconds(1), zone);
    const Timestamp next_month = local_month_start(last_month, zone, 1);
    const auto year =
        local_month_rollups(reads_, scope.user_id, scope.account_id,
                            local_month_start(last_month, zone, -11), last_month, zone);
    add_months(summary, year, last_month, zone);
    ChangeWindow window{local_month_start(last_month, zone, -1), last_month, last_month,
                        next_month};
    if (end < next_month) {
        summary.changes = same_days_changes(reads_, scope, last_month, end);
        summary.change_days = local_days_between(last_month, end, zone);
        window.previous_to = same_days_end(last_month, end, zone);
        window.current_to = end;
    }
    if (scope.account_id.empty() &&
        (has_transfers_out(period_totals(scope)) || has_transfers_out(year))) {
        const Timestamp first =
            std::min(scope.period.from, local_month_start(last_month, zone, -11));
        const Timestamp last = std::max(scope.period.to, next_month);
        leave_out_own_transfers(summary, own_transfers_of(ledger_, scope, first, last),
                                scope.period, window);
    }
}

std::vector<BalancePoint> AnalyticsService::balance_over_time(const AnalyticsScope& scope) const {
    const Period& period = scope.period;
    const Timestamp end = std::min(period.to, clock_.now());
    if (end <= period.from) return {};
    // Each point is the end of one of the person's days (a day of 23 or 25 hours included).
    const std::int64_t total_days = local_days_between(period.from, end, period.zone);
    const int step = total_days <= 92 ? 1 : total_days <= 731 ? 7 : 30;
    std::vector<Timestamp> points;
    for (int day = step;; day += step) {
        const Timestamp at = local_day_start(period.from, period.zone, day);
        if (at >= end) break;
        points.push_back(at);
    }
    points.push_back(end);
    const std::vector<Money> balances = reads_.balances_at(scope.user_id, scope.account_id, points);
    std::vector<BalancePoint> series;
    series.reserve(points.size());
    // The days before the first money arrived are not part of the history: the series starts
    // at the first point with a balance (all of them when it never had one).
    std::size_t first = 0;
    while (first < balances.size() && balances[first].is_zero()) ++first;
    if (first == balances.size()) first = 0;
    for (std::size_t index = first; index < points.size(); ++index) {
        series.push_back(
            BalancePoint{format_date(points[index] - std::chrono::microseconds(1), period.zone),
                         balances[index]});
    }
    return series;
}

std::vector<DescriptionTotal> AnalyticsService::top_payees(const AnalyticsScope& scope) const {
    std::map<std::string, DescriptionTotal> totals;
    for (PayeeRollup& rollup : payee_totals(scope)) {
        DescriptionTotal& total = totals[rollup.description];
        if (total.count == 0) total.description = std::move(rollup.description);
        add_to_total(total.total, rollup.total);
        total.count += rollup.count;
    }
    std::vector<DescriptionTotal> sorted;
    sorted.reserve(totals.size());
    if (scope.account_id.empty()) leave_out_own_payees(totals, moved_in_period(scope));
    for (auto& [description, total] : totals) sorted.push_back(std::move(total));
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& left, const auto& right) { return left.total > right.total; });
    if (sorted.size() > top_payees_max) sorted.resize(top_payees_max);
    return sorted;
}

std::vector<Transaction> AnalyticsService::largest(const AnalyticsScope& scope) const {
    const PeriodCounts counts = PeriodCounts::of(period_totals(scope));
    if (!scope.account_id.empty()) {
        return reads_.largest_outflows(period_query(scope), counts, largest_max);
    }
    // Each own transfer of the period may stand among the largest: asking for as many more
    // keeps `largest_max` others.
    const std::vector<Transaction> moved = moved_in_period(scope);
    return without_own_transfers(
        reads_.largest_outflows(period_query(scope), counts, largest_max + moved.size()), moved,
        largest_max);
}

std::vector<Transaction> AnalyticsService::moved_in_period(const AnalyticsScope& scope) const {
    if (!has_transfers_out(period_totals(scope))) return {};
    return own_transfers_of(ledger_, scope, scope.period.from, scope.period.to);
}

std::vector<UnusualTransaction> AnalyticsService::unusual(const AnalyticsScope& scope) const {
    const std::vector<Rollup>& rollups = period_totals(scope);
    std::map<std::string, std::pair<Money, std::int64_t>> spent;
    for (const Rollup& rollup : rollups) {
        if (!is_outflow(rollup.transaction_type)) continue;
        auto& [total, count] = spent[rollup.category];
        add_to_total(total, rollup.total);
        count += rollup.count;
    }
    // At the person's level an own transfer is not spending: it neither raises a category's
    // average nor is shown as unusual.
    std::vector<Transaction> moved;
    if (scope.account_id.empty()) {
        moved = moved_in_period(scope);
        leave_out_own_spending(spent, moved);
    }
    std::map<std::string, Money> averages;
    std::vector<CategoryThreshold> thresholds;
    for (const auto& [category, figures] : spent) {
        const Money average = divide(figures.first, figures.second);
        averages[category] = average;
        Money threshold;
        for (std::int64_t times = 0; times < unusual_factor; ++times)
            add_to_total(threshold, average);
        thresholds.push_back(CategoryThreshold{category, threshold});
    }
    // The own transfers above their category's threshold are the rows the store may give
    // beyond the `unusual_max` shown.
    const auto above = std::count_if(moved.begin(), moved.end(), [&](const Transaction& row) {
        return std::any_of(thresholds.begin(), thresholds.end(), [&](const auto& threshold) {
            return threshold.category == row.category && row.amount > threshold.threshold;
        });
    });
    const std::vector<Transaction> rows =
        reads_.outflows_above(period_query(scope), PeriodCounts::of(rollups), thresholds,
                              unusual_max + static_cast<std::size_t>(above));
    std::vector<UnusualTransaction> unusual;
    for (auto& row : without_own_transfers(rows, moved, unusual_max)) {
        const Money average = averages[row.category];
        unusual.push_back(UnusualTransaction{std::move(row), average});
    }
    return unusual;
}

}  // namespace bank
