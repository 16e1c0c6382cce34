#include "ledger/forecast_history.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <unordered_map>

#include "ledger/recurrence_dates.hpp"
#include "ledger/recurring_decision.hpp"
#include "ledger/recurring_detection.hpp"

namespace bank {

namespace {

using std::chrono::sys_days;

Date plus_days(Date date, int days) { return Date(sys_days(date) + std::chrono::days(days)); }

bool after(Date left, Date right) { return sys_days(left) > sys_days(right); }

// `day` of the month `months` after `from`'s, or that month's last day when it is shorter:
// a series on the 31st is expected on February's last day, then on March 31 again.
Date same_day_months_later(Date from, unsigned day, int months) {
    const std::chrono::year_month month = from.year() / from.month() + std::chrono::months(months);
    const unsigned last = static_cast<unsigned>((month / std::chrono::last).day());
    return month / std::chrono::day(std::min(day, last));
}

// The expected dates of a series from its next date up to `through`.
std::vector<Date> series_dates(const RecurringSeries& series, Date through) {
    std::vector<Date> dates;
    const auto anchor = static_cast<unsigned>(series.first_date.day());
    Date date = series.next_date;
    for (int step = 1; !after(date, through); ++step) {
        dates.push_back(date);
        switch (series.interval) {
            case RecurringInterval::weekly:
                date = plus_days(series.next_date, 7 * step);
                break;
            case RecurringInterval::monthly:
                date = same_day_months_later(series.next_date, anchor, step);
                break;
            case RecurringInterval::yearly:
                date = same_day_months_later(series.next_date, anchor, 12 * step);
                break;
        }
    }
    return dates;
}

// The signed amount an order moves in the scope; zero when it does not touch it.
std::int64_t order_amount_in(const StandingOrder& order, const ForecastScope& scope) {
    if (scope.account_id.empty()) {
        return scope.own_numbers.contains(order.to_account_number) ? 0 : -order.amount.cents();
    }
    if (order.from_account_id == scope.account_id) return -order.amount.cents();
    if (order.to_account_number == scope.account_number) return order.amount.cents();
    return 0;
}

// The end-of-day balances from history.covered_from - 1 to history.today, by day index
// (0: the day before covered_from): today's balance less everything posted after each day.
std::vector<std::int64_t> end_of_day_balances(const ForecastHistory& history) {
    const auto span = static_cast<std::size_t>(
        (sys_days(history.today) - sys_days(history.covered_from)).count() + 2);
    std::vector<std::int64_t> net(span, 0);
    for (const ForecastPosting& posting : history.postings) {
        const auto index = (sys_days(posting.date) - sys_days(history.covered_from)).count() + 1;
        if (index >= 1 && static_cast<std::size_t>(index) < span) {
            net[static_cast<std::size_t>(index)] += posting.amount.cents();
        }
    }
    std::vector<std::int64_t> balances(span, 0);
    std::int64_t balance = history.balance.cents();
    for (std::size_t index = span; index-- > 0;) {
        balances[index] = balance;
        balance -= net[index];
    }
    return balances;
}

}  // namespace

std::vector<ForecastFlow> standing_order_flows(const std::vector<StandingOrder>& orders,
                                               const ForecastScope& scope, Date today, int days) {
    std::vector<ForecastFlow> flows;
    const Date last = plus_days(today, days);
    for (const StandingOrder& order : orders) {
        if (order.status != StandingOrderStatus::active || !order.next_due) continue;
        const std::int64_t amount = order_amount_in(order, scope);
        const auto rule = parse_recurrence_rule(order.rrule);
        if (amount == 0 || !rule) continue;
        // A daily order has at most one date a day; overdue ones are few (the scheduler
        // catches up or skips them).
        const auto limit = static_cast<std::size_t>(days) + 366;
        for (const Date date : recurrence_dates(*rule, order.start_date, *order.next_due, limit)) {
            if (after(date, last)) break;
            flows.push_back(ForecastFlow{date, Money::from_cents(amount)});
        }
    }
    return flows;
}

void key_forecast_postings(ForecastHistory& history) {
    history.payees.clear();
    std::unordered_map<std::string, std::uint32_t> index;
    for (ForecastPosting& posting : history.postings) {
        auto [found, added] = index.try_emplace(payee_key(posting.description),
                                                static_cast<std::uint32_t>(history.payees.size()));
        if (added) history.payees.push_back(found->first);
        posting.payee = found->second;
    }
}

namespace {

bool is_keyed(const ForecastHistory& history) {
    return !history.payees.empty() || history.postings.empty();
}

// The first date of each projected series, by 2 * payee + outgoing (nullopt: none); each
// series projected into `input` unless its payee is ordered.
std::vector<std::optional<Date>> project_series(const ForecastHistory& history,
                                                const std::vector<KeyedRecurringInput>& known,
                                                Date as_of, int days,
                                                const std::vector<char>& ordered,
                                                const std::set<std::string>& dismissed,
                                                ForecastInput& input) {
    std::vector<std::optional<Date>> series_from(2 * history.payees.size());
    std::vector<std::uint32_t> payees;
    const std::vector<RecurringSeries> found =
        detect_recurring(known, history.payees, as_of, {}, &payees);
    for (std::size_t i = 0; i < found.size(); ++i) {
        const RecurringSeries& series = found[i];
        if (dismissed.contains(recurrence_key(series.description, series.interval))) continue;
        std::optional<Date>& from =
            series_from[2 * std::size_t{payees[i]} + (series.outgoing ? 1 : 0)];
        if (!from) from = series.first_date;
        if (ordered[payees[i]] != 0) continue;
        const std::int64_t sign = series.outgoing ? -1 : 1;
        for (const Date date : series_dates(series, plus_days(as_of, days))) {
            input.flows.push_back(
                ForecastFlow{date, Money::from_cents(sign * series.next_amount.cents())});
        }
    }
    return series_from;
}

ForecastInput keyed_input_as_of(const ForecastHistory& history, Date as_of, int days,
                                const std::set<std::string>& ordered_payees,
                                const std::set<std::string>& dismissed) {
    ForecastInput input;
    input.today = as_of;
    input.days = days;
    std::int64_t balance = history.balance.cents();
    std::vector<KeyedRecurringInput> known;
    known.reserve(history.postings.size());
    for (const ForecastPosting& posting : history.postings) {
        if (after(posting.date, as_of)) {
            balance -= posting.amount.cents();
            continue;
        }
        known.push_back(
            KeyedRecurringInput{posting.date, Money::from_cents(std::llabs(posting.amount.cents())),
                                posting.amount.is_negative(), posting.payee, &posting.description});
    }
    input.balance = Money::from_cents(balance);
    std::vector<char> ordered(history.payees.size(), 0);
    for (std::size_t i = 0; i < ordered.size(); ++i) {
        ordered[i] = ordered_payees.contains(history.payees[i]) ? 1 : 0;
    }
    // Which series each payee belongs to, from which date on.
    const std::vector<std::optional<Date>> series_from =
        project_series(history, known, as_of, days, ordered, dismissed, input);
    const Date first =
        std::max(history.covered_from, plus_days(as_of, -forecast_learning_days),
                 [](Date left, Date right) { return sys_days(left) < sys_days(right); });
    if (after(first, plus_days(as_of, -1))) return input;
    input.variable_days.assign(
        static_cast<std::size_t>((sys_days(as_of) - sys_days(first)).count()), Money{});
    for (const ForecastPosting& posting : history.postings) {
        if (after(first, posting.date) || !after(as_of, posting.date)) continue;
        if (ordered[posting.payee] != 0) continue;
        const std::optional<Date>& series =
            series_from[2 * std::size_t{posting.payee} + (posting.amount.is_negative() ? 1 : 0)];
        if (series && !after(*series, posting.date)) continue;
        Money& day = input.variable_days[static_cast<std::size_t>(
            (sys_days(posting.date) - sys_days(first)).count())];
        day = Money::from_cents(day.cents() + posting.amount.cents());
    }
    return input;
}

}  // namespace

ForecastInput forecast_input_as_of(const ForecastHistory& history, Date as_of, int days,
                                   const std::set<std::string>& ordered_payees,
                                   const std::set<std::string>& dismissed) {
    if (is_keyed(history)) {
        return keyed_input_as_of(history, as_of, days, ordered_payees, dismissed);
    }
    ForecastHistory keyed = history;
    key_forecast_postings(keyed);
    return keyed_input_as_of(keyed, as_of, days, ordered_payees, dismissed);
}

namespace {

ForecastAccuracy keyed_backtest(const ForecastHistory& history) {
    ForecastAccuracy accuracy;
    // A history cut short by postings dated after today covers no past day to test.
    if (after(history.covered_from, history.today)) return accuracy;
    const std::vector<std::int64_t> balances = end_of_day_balances(history);
    const auto balance_at = [&](Date date) {
        return balances[static_cast<std::size_t>(
            (sys_days(date) - sys_days(history.covered_from)).count() + 1)];
    };
    std::int64_t error = 0, flat_error = 0, repeat_error = 0, inside = 0;
    Date month_start = history.today.year() / history.today.month() / 1;
    for (int tried = 0; accuracy.months < forecast_backtest_months && tried < 24; ++tried) {
        const Date as_of = plus_days(month_start, -1);
        month_start = same_day_months_later(month_start, 1, -1);
        // The 30th day must be over (today is not), and the learning days in the history.
        if (!after(history.today, plus_days(as_of, forecast_backtest_days))) continue;
        if (after(history.covered_from, plus_days(as_of, -forecast_learning_days))) break;
        const CashFlowForecast forecast =
            forecast_cash_flow(forecast_input_as_of(history, as_of, forecast_backtest_days, {}));
        for (const ForecastPoint& point : forecast.points) {
            const std::int64_t real = balance_at(point.date);
            if (point.low.cents() <= real && real <= point.high.cents()) ++inside;
        }
        const std::int64_t start = balance_at(as_of);
        const std::int64_t end = balance_at(plus_days(as_of, forecast_backtest_days));
        const std::int64_t month_before = balance_at(plus_days(as_of, -forecast_backtest_days));
        error += std::llabs(forecast.points.back().balance.cents() - end);
        flat_error += std::llabs(start - end);
        repeat_error += std::llabs(start + (start - month_before) - end);
        ++accuracy.months;
    }
    if (accuracy.months == 0) return accuracy;
    accuracy.mean_absolute_error = Money::from_cents(error / accuracy.months);
    accuracy.flat_mean_absolute_error = Money::from_cents(flat_error / accuracy.months);
    accuracy.last_month_mean_absolute_error = Money::from_cents(repeat_error / accuracy.months);
    accuracy.inside_band_basis_points =
        static_cast<int>(inside * 10'000 / (accuracy.months * forecast_backtest_days));
    return accuracy;
}

}  // namespace

ForecastAccuracy backtest_forecast(const ForecastHistory& history) {
    if (is_keyed(history)) return keyed_backtest(history);
    ForecastHistory keyed = history;
    key_forecast_postings(keyed);
    return keyed_backtest(keyed);
}

}  // namespace bank
