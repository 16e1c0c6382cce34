#include "service/forecast_service.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "core/forecast_limits.hpp"
#include "core/limits.hpp"
#include "core/time_zone.hpp"
#include "ledger/recurring_detection.hpp"

namespace bank {

namespace {

Date local_date(Timestamp at, const TimeZone& zone) {
    return Date(std::chrono::floor<std::chrono::days>(zone.to_wall(at)));
}

Result<int> parse_days(const std::string& text) {
    if (text.empty()) return limits::forecast_days_default;
    if (text == "30" || text == "60" || text == "90") return std::stoi(text);
    return make_error(ErrorCode::validation_failed, "days must be 30, 60 or 90.", "days");
}

Result<std::optional<Money>> parse_threshold(const std::string& text) {
    if (text.empty()) return std::optional<Money>{};
    auto amount = Money::parse(text);
    if (!amount || amount->is_negative()) {
        return make_error(ErrorCode::validation_failed,
                          "threshold must be an amount such as 100.00 (zero or more).",
                          "threshold");
    }
    return std::optional<Money>{*amount};
}

// Account ids are 32 lower-case hex digits (core/random.hpp): anything else is a mistake,
// not an account of someone else's.
bool looks_like_account_id(const std::string& text) {
    return text.size() == 32 && std::all_of(text.begin(), text.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
           });
}

}  // namespace

Result<ForecastReport> ForecastService::forecast(const User& user, const std::string& days,
                                                 const std::string& account_id,
                                                 const std::string& threshold) const {
    const auto horizon = parse_days(days);
    if (!horizon) return horizon.error();
    const auto limit = parse_threshold(threshold);
    if (!limit) return limit.error();
    if (!account_id.empty() && !looks_like_account_id(account_id)) {
        return make_error(ErrorCode::validation_failed,
                          "account_id must be an account id (32 hex digits).", "account_id");
    }
    ForecastScope scope;
    scope.account_id = account_id;
    Money balance;
    bool found = account_id.empty();
    for (const Account& account : ledger_.list_accounts(user.user_id)) {
        scope.own_numbers.insert(account.account_number);
        if (account_id.empty() || account.account_id == account_id) {
            balance = Money::from_cents(balance.cents() + account.balance.cents());
        }
        if (account.account_id == account_id) {
            scope.account_number = account.account_number;
            found = true;
        }
    }
    if (!found)
        return make_error(ErrorCode::not_found, "That account was not found.", "account_id");

    ForecastReport report;
    report.days = *horizon;
    report.account_id = account_id;
    report.threshold = *limit;
    const ForecastHistory history = read_history(user, scope, balance, report.history_truncated);
    report.today = history.today;
    const std::vector<StandingOrder> orders = orders_.list_standing_orders(user.user_id);
    std::set<std::string> ordered_payees;
    for (const StandingOrder& order : orders) ordered_payees.insert(payee_key(order.description));
    std::set<std::string> dismissed;
    for (const RecurringDecision& decision : decisions_.list_recurring_decisions(user.user_id)) {
        if (decision.decision == RecurringDecisionKind::dismissed) {
            dismissed.insert(decision.recurrence_key);
        }
    }
    ForecastInput input =
        forecast_input_as_of(history, history.today, *horizon, ordered_payees, dismissed);
    const std::vector<ForecastFlow> ordered =
        standing_order_flows(orders, scope, history.today, *horizon);
    input.flows.insert(input.flows.end(), ordered.begin(), ordered.end());
    input.threshold = *limit;
    report.forecast = forecast_cash_flow(input);
    report.accuracy = backtest_forecast(history);
    return report;
}

ForecastHistory ForecastService::read_history(const User& user, const ForecastScope& scope,
                                              Money balance, bool& truncated) const {
    const TimeZone zone = TimeZone::named_or_utc(user.time_zone);
    const Timestamp now = clock_.now();
    ForecastHistory history;
    history.today = local_date(now, zone);
    history.balance = balance;
    TransactionQuery query;
    query.user_id = user.user_id;
    query.account_id = scope.account_id;
    query.from = now - limits::forecast_history_days;
    query.limit = limits::forecast_history_page_rows;
    // The first day read whole: the window starts during the day before.
    history.covered_from =
        Date(std::chrono::sys_days(local_date(*query.from, zone)) + std::chrono::days(1));
    std::size_t read = 0;
    for (;;) {
        const std::vector<Transaction> rows = ledger_.list_transactions(query);
        for (const Transaction& row : rows) {
            // Over all accounts, moving money between two of them changes no total.
            if (scope.account_id.empty() &&
                scope.own_numbers.contains(row.counterparty_account_number)) {
                continue;
            }
            const std::int64_t sign = is_credit(row.transaction_type) ? 1 : -1;
            history.postings.push_back(
                ForecastPosting{local_date(row.timestamp, zone), row.description,
                                Money::from_cents(sign * row.amount.cents())});
        }
        read += rows.size();
        if (rows.size() < query.limit) break;
        if (read >= limits::forecast_history_rows_max) {
            // The oldest day read may be partial: the history starts the day after it.
            truncated = true;
            history.covered_from =
                Date(std::chrono::sys_days(local_date(rows.back().timestamp, zone)) +
                     std::chrono::days(1));
            break;
        }
        query.continue_after(rows.back());
    }
    return history;
}

}  // namespace bank
