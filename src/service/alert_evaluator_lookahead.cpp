// AlertEvaluator's reads for the alerts that look beyond the posting: the forecast after it
// (projected_balance_below) and the payee's recurring history (recurring_price_changed), each
// read once per page and person.
#include "core/limits.hpp"
#include "core/local_date.hpp"
#include "core/recurring_limits.hpp"
#include "core/time_zone.hpp"
#include "ledger/recurring_decision.hpp"
#include "service/alert_evaluator.hpp"

namespace bank {

namespace {

// The forecast's own horizon for the alert: 30 days, as GET /api/v1/analytics/forecast
// answers by default.
constexpr const char* alert_forecast_days = "30";

}  // namespace

const std::optional<User>& AlertEvaluator::user_of(const std::string& owner, PageCache& cache) {
    auto user = cache.users.find(owner);
    if (user == cache.users.end())
        user = cache.users.emplace(owner, identity_.find_user(owner)).first;
    return user->second;
}

const std::vector<Account>& AlertEvaluator::accounts_of(const std::string& owner,
                                                        PageCache& cache) {
    auto owned = cache.owned.find(owner);
    if (owned == cache.owned.end()) {
        owned = cache.owned.emplace(owner, ledger_.list_accounts(owner)).first;
    }
    return owned->second;
}

// The forecast is of now (the balances after the page's postings): one per page and person,
// the same for each of their postings in it.
std::optional<ForecastLowest> AlertEvaluator::forecast_lowest(const std::string& owner,
                                                              PageCache& cache) {
    auto cached = cache.lowest.find(owner);
    if (cached != cache.lowest.end()) return cached->second;
    std::optional<ForecastLowest> lowest;
    if (const auto& user = user_of(owner, cache)) {
        const auto report = forecasts_.forecast(*user, alert_forecast_days, "", "");
        if (report && !report->forecast.points.empty()) {
            lowest = ForecastLowest{report->today, report->forecast.lowest.date,
                                    report->forecast.lowest.balance};
        }
    }
    cache.lowest.emplace(owner, lowest);
    return lowest;
}

// As AnalyticsService::recurring reads it: the person's postings of
// limits::recurring_history_days (before the page's first posting of theirs), at most
// limits::recurring_history_rows_max, own transfers left out, dated in their time zone.
const std::vector<std::pair<Transaction, RecurringInput>>& AlertEvaluator::history_of(
    const std::string& owner, const Transaction& posting, PageCache& cache) {
    auto cached = cache.history.find(owner);
    if (cached != cache.history.end()) return cached->second;
    std::vector<std::pair<Transaction, RecurringInput>> rows;
    const auto& user = user_of(owner, cache);
    const TimeZone zone = TimeZone::named_or_utc(user ? user->time_zone : std::string());
    std::set<std::string> own_numbers;
    for (const Account& account : accounts_of(owner, cache)) {
        own_numbers.insert(account.account_number);
    }
    TransactionQuery query;
    query.user_id = owner;
    query.from = posting.timestamp - limits::recurring_history_days;
    query.limit = limits::page_size_max;
    for (std::size_t read = 0; read < limits::recurring_history_rows_max;) {
        const std::vector<Transaction> page = ledger_.list_transactions(query);
        for (const Transaction& row : page) {
            if (own_numbers.contains(row.counterparty_account_number)) continue;
            RecurringInput input{local_date(row.timestamp, zone), row.description, row.amount,
                                 !is_credit(row.transaction_type)};
            rows.emplace_back(row, std::move(input));
        }
        read += page.size();
        if (page.size() < query.limit) break;
        query.continue_after(page.back());
    }
    return cache.history.emplace(owner, std::move(rows)).first->second;
}

std::optional<RecurringPriceChange> AlertEvaluator::price_change(const std::string& owner,
                                                                 const Transaction& posting,
                                                                 PageCache& cache) {
    auto decided = cache.decisions.find(owner);
    if (decided == cache.decisions.end()) {
        std::pair<std::set<std::string>, std::set<std::string>> keys;
        for (const RecurringDecision& decision : decisions_.list_recurring_decisions(owner)) {
            auto& into =
                decision.decision == RecurringDecisionKind::confirmed ? keys.first : keys.second;
            into.insert(decision.recurrence_key);
        }
        decided = cache.decisions.emplace(owner, std::move(keys)).first;
    }
    const auto& user = user_of(owner, cache);
    const TimeZone zone = TimeZone::named_or_utc(user ? user->time_zone : std::string());
    std::vector<RecurringInput> before;
    for (const auto& [row, input] : history_of(owner, posting, cache)) {
        // Only what came before the posting (the history is read after it committed).
        if (row.transaction_id == posting.transaction_id || row.timestamp > posting.timestamp) {
            continue;
        }
        before.push_back(input);
    }
    const RecurringInput paid{local_date(posting.timestamp, zone), posting.description,
                              posting.amount, is_outgoing_posting(posting)};
    return recurring_price_change(paid, std::move(before), decided->second.first,
                                  decided->second.second);
}

}  // namespace bank
