#include "service/forecast_service.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "core/forecast_limits.hpp"
#include "core/limits.hpp"
#include "core/local_date.hpp"
#include "core/time_zone.hpp"
#include "ledger/recurring_detection.hpp"

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
      cache_(limits::report_cache_entries_max) {}

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
    ForecastReport report = compute(user, request, valid_through);
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

ForecastReport ForecastService::compute(const User& user, const Request& request,
                                        Timestamp& valid_through) const {
    ForecastReport report;
    report.days = request.days;
    report.account_id = request.scope.account_id;
    report.threshold = request.threshold;
    const ForecastHistory history = read_history(user, request.scope, request.balance, request.now,
                                                 report.history_truncated, valid_through);
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

ForecastHistory ForecastService::read_history(const User& user, const ForecastScope& scope,
                                              Money balance, Timestamp now, bool& truncated,
                                              Timestamp& oldest) const {
    const TimeZone zone = TimeZone::named_or_utc(user.time_zone);
    oldest = Timestamp::max();
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
            oldest = std::min(oldest, row.timestamp);
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
