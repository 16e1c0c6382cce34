#include "service/forecast_service.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "core/forecast_limits.hpp"
#include "core/limits.hpp"
#include "core/local_date.hpp"
#include "core/time_zone.hpp"
#include "ledger/recurring_detection.hpp"
#include "service/history_window_read.hpp"

namespace bank {

namespace {

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

Date plus_one_day(Date date) { return Date(std::chrono::sys_days(date) + std::chrono::days(1)); }

// The ids a data version of the person's forecast covers: theirs, then their accounts'.
std::vector<std::string> version_ids(const User& user, const std::vector<Account>& accounts) {
    std::vector<std::string> ids{user.user_id};
    for (const Account& account : accounts) ids.push_back(account.account_id);
    return ids;
}

}  // namespace

ForecastService::ForecastService(LedgerReads& ledger, StandingOrderStore& orders,
                                 RecurringDecisionStore& decisions, const Clock& clock,
                                 LedgerWriter* versions)
    : ledger_(ledger),
      orders_(orders),
      decisions_(decisions),
      clock_(clock),
      versions_(versions),
      cache_(limits::report_cache_entries_max),
      windows_(limits::history_window_bytes_max) {}

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
    Request request;
    request.days = *horizon;
    request.threshold = *limit;
    const auto version = read_accounts(user, account_id, request);
    if (!version) return version.error();
    request.now = clock_.now();
    read_orders(user, request);
    const bool keeps = version->has_value();
    const std::uint64_t at = version->value_or(0);
    const std::string key = keeps ? cache_key(user, request) : std::string();
    if (keeps) {
        if (auto kept = cache_.find(key, at, request.now)) return std::move(*kept);
    }
    Timestamp valid_through;
    ForecastReport report = compute(user, request, keeps, valid_through);
    if (keeps) cache_.keep(key, at, valid_through, report);
    return report;
}

Result<std::optional<std::uint64_t>> ForecastService::read_accounts(const User& user,
                                                                    const std::string& account_id,
                                                                    Request& request) const {
    std::vector<Account> accounts = ledger_.list_accounts(user.user_id);
    std::optional<std::uint64_t> version;
    if (versions_ != nullptr) {
        // The version is read before the data it guards; an account opened in between shows
        // in the ids, and then nothing is kept.
        const std::vector<std::string> ids = version_ids(user, accounts);
        version = versions_->data_version(ids);
        // A store that tells no version (DynamoDB) is not read twice.
        if (version) accounts = ledger_.list_accounts(user.user_id);
        if (version && version_ids(user, accounts) != ids) version.reset();
    }
    ForecastScope& scope = request.scope;
    scope.account_id = account_id;
    bool found = account_id.empty();
    for (const Account& account : accounts) {
        scope.own_numbers.insert(account.account_number);
        if (account_id.empty() || account.account_id == account_id) {
            request.balance = Money::from_cents(request.balance.cents() + account.balance.cents());
        }
        if (account.account_id == account_id) {
            scope.account_number = account.account_number;
            found = true;
        }
    }
    if (!found)
        return make_error(ErrorCode::not_found, "That account was not found.", "account_id");
    return version;
}

void ForecastService::read_orders(const User& user, Request& request) const {
    const std::vector<StandingOrder> orders = orders_.list_standing_orders(user.user_id);
    for (const StandingOrder& order : orders) {
        request.ordered_payees.insert(payee_key(order.description));
    }
    for (const RecurringDecision& decision : decisions_.list_recurring_decisions(user.user_id)) {
        if (decision.decision == RecurringDecisionKind::dismissed) {
            request.dismissed.insert(decision.recurrence_key);
        }
    }
    const TimeZone zone = TimeZone::named_or_utc(user.time_zone);
    request.ordered =
        standing_order_flows(orders, request.scope, local_date(request.now, zone), request.days);
}

ForecastReport ForecastService::compute(const User& user, const Request& request, bool keeps,
                                        Timestamp& valid_through) const {
    ForecastReport report;
    report.days = request.days;
    report.account_id = request.scope.account_id;
    report.threshold = request.threshold;
    const ForecastHistory history =
        read_history(user, request, keeps, report.history_truncated, valid_through);
    valid_through = valid_through == Timestamp::max()
                        ? valid_through
                        : valid_through + limits::forecast_history_days;
    report.today = history.today;
    ForecastInput input = forecast_input_as_of(history, history.today, request.days,
                                               request.ordered_payees, request.dismissed);
    input.flows.insert(input.flows.end(), request.ordered.begin(), request.ordered.end());
    input.threshold = request.threshold;
    report.forecast = forecast_cash_flow(input);
    report.accuracy = backtest_forecast(history);
    return report;
}

std::string ForecastService::cache_key(const User& user, const Request& request) const {
    const TimeZone zone = TimeZone::named_or_utc(user.time_zone);
    std::string key;
    // Each part after its length, so that no text a person typed (a standing order's
    // description may hold any byte) can make two different inputs one key.
    const auto add = [&key](std::string_view part, char end) {
        key += std::to_string(part.size());
        key += ':';
        key += part;
        key += end;
    };
    const auto day = [](Date date) {
        return std::to_string(std::chrono::sys_days(date).time_since_epoch().count());
    };
    add(user.user_id, '|');
    add(request.scope.account_id, '|');
    add(std::to_string(request.days), '|');
    add(request.threshold ? request.threshold->to_string() : "-", '|');
    // Today and the first day of the window (the history starts the day after it; with a
    // change of daylight saving time between them, it may turn at another hour than today).
    add(day(local_date(request.now, zone)), '|');
    add(day(local_date(request.now - limits::forecast_history_days, zone)), '|');
    for (const std::string& payee : request.ordered_payees) add(payee, '\x1f');
    key += '|';
    for (const std::string& dismissed : request.dismissed) add(dismissed, '\x1f');
    key += '|';
    for (const ForecastFlow& flow : request.ordered) {
        add(day(flow.date), ':');
        add(std::to_string(flow.amount.cents()), ',');
    }
    return key;
}

ForecastHistory ForecastService::read_history(const User& user, const Request& request, bool keeps,
                                              bool& truncated, Timestamp& oldest) const {
    const ForecastScope& scope = request.scope;
    const HistoryWindowScope window_scope{user.user_id,
                                          scope.account_id,
                                          scope.own_numbers,
                                          TimeZone::named_or_utc(user.time_zone),
                                          request.now - limits::forecast_history_days,
                                          limits::forecast_history_rows_max};
    const std::string key = keeps ? window_key(window_scope) : std::string();
    PostingWindow window;
    if (keeps) window = windows_.take(key).value_or(PostingWindow{});
    refresh_history_window(ledger_, window_scope, window);
    ForecastHistory history;
    history.today = local_date(request.now, window_scope.zone);
    history.balance = request.balance;
    // The first day read whole: the window starts during the day before.
    history.covered_from = plus_one_day(local_date(window_scope.from, window_scope.zone));
    history.payees = window.payees;
    history.postings.reserve(window.rows.size());
    oldest = Timestamp::max();
    for (const WindowRow& row : window.rows) {
        oldest = std::min(oldest, row.timestamp);
        // Over all accounts, moving money between two of them changes no total.
        if (scope.account_id.empty() && row.own) continue;
        const std::int64_t sign = row.outgoing ? -1 : 1;
        history.postings.push_back(ForecastPosting{row.date, window.descriptions[row.description],
                                                   Money::from_cents(sign * row.amount.cents()),
                                                   row.payee});
    }
    if (window.truncated) {
        // The oldest day read may be partial: the history starts the day after it.
        truncated = true;
        history.covered_from = plus_one_day(window.rows.back().date);
    }
    if (keeps) windows_.keep(key, std::move(window));
    return history;
}

}  // namespace bank
