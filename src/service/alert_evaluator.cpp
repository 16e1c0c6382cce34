#include "service/alert_evaluator.hpp"

#include <algorithm>

#include "core/alert_limits.hpp"
#include "core/time_zone.hpp"
#include "ledger/budget.hpp"
#include "service/analytics_service.hpp"

namespace bank {

namespace {

bool has_rule(const std::vector<AlertRule>& rules, AlertKind kind) {
    return std::any_of(rules.begin(), rules.end(),
                       [kind](const AlertRule& rule) { return rule.kind == kind; });
}

// A rule of the kind that speaks for this posting (made by its time): the forecast and the
// recurring history are read for nothing else.
bool has_live_rule(const std::vector<AlertRule>& rules, AlertKind kind,
                   const Transaction& posting) {
    return std::any_of(rules.begin(), rules.end(), [&](const AlertRule& rule) {
        return rule.kind == kind && rule.created_at <= posting.timestamp;
    });
}

// The posting's UTC month and the two before it: the window of history a category's
// average is taken over.
std::string window_start(const Transaction& posting) {
    const auto month = parse_budget_month(format_month(posting.timestamp));
    return month ? budget_month_text(*month - 2) : std::string();
}

}  // namespace

std::optional<AlertPass> AlertEvaluator::run_pass_when_needed(IdleGate& rules,
                                                              const std::function<bool()>& stop) {
    if (!rules.should_run()) return std::nullopt;
    return run_pass(stop);
}

AlertPass AlertEvaluator::run_pass(const std::function<bool()>& stop) {
    AlertPass pass;
    for (std::size_t page = 0; page < limits::alert_pages_per_pass_max && !stop(); ++page) {
        const AlertCursor cursor = store_.find_alert_cursor();
        const ChangePage changes =
            feed_.read_changes(cursor.position, limits::alert_feed_page_size);
        if (changes.changes.empty()) break;
        PageCache cache;
        for (const Change& change : changes.changes) {
            pass.notifications += evaluate(change.posting, cache);
        }
        pass.postings += changes.changes.size();
        const AlertCursor next{changes.changes.back().position, cursor.version + 1};
        if (!store_.save_alert_cursor(next)) {
            pass.cursor_lost = true;
            break;
        }
        if (!changes.has_more) break;
    }
    return pass;
}

std::size_t AlertEvaluator::evaluate(const Transaction& posting, PageCache& cache) {
    auto account = cache.accounts.find(posting.account_id);
    if (account == cache.accounts.end()) {
        account =
            cache.accounts.emplace(posting.account_id, ledger_.find_account(posting.account_id))
                .first;
    }
    if (!account->second) return 0;
    const std::string& owner = account->second->user_id;
    auto rules = cache.rules.find(owner);
    if (rules == cache.rules.end()) {
        rules = cache.rules.emplace(owner, store_.list_alert_rules(owner)).first;
    }
    if (rules->second.empty()) return 0;
    const AlertContext context = context_for(posting, owner, rules->second, cache);
    std::size_t written = 0;
    for (const Notification& notification : alerts_for_posting(posting, rules->second, context)) {
        const auto rule = std::find_if(
            rules->second.begin(), rules->second.end(),
            [&](const AlertRule& candidate) { return candidate.rule_id == notification.rule_id; });
        if (rule != rules->second.end() && writer_.write(notification, *rule)) ++written;
    }
    return written;
}

AlertContext AlertEvaluator::context_for(const Transaction& posting, const std::string& owner,
                                         const std::vector<AlertRule>& rules, PageCache& cache) {
    AlertContext context;
    context.owner_user_id = owner;
    if (has_live_rule(rules, AlertKind::projected_balance_below, posting)) {
        context.forecast_lowest = forecast_lowest(owner, cache);
    }
    const bool unusual = has_rule(rules, AlertKind::unusual_transaction);
    const bool budget = has_rule(rules, AlertKind::budget_threshold);
    const bool price = has_live_rule(rules, AlertKind::recurring_price_changed, posting);
    if (!is_outgoing_posting(posting) || (!unusual && !budget && !price)) return context;
    if (posting.transaction_type == TransactionType::transfer_out) {
        const std::vector<Account>& owned = accounts_of(owner, cache);
        context.own_transfer = std::any_of(owned.begin(), owned.end(), [&](const Account& mine) {
            return mine.account_number == posting.counterparty_account_number;
        });
    }
    if (context.own_transfer) return context;
    if (unusual) context.unusual_thresholds = unusual_thresholds(owner, posting);
    if (budget) context.budgets = budget_standings(owner, posting);
    if (price) context.price_change = price_change(owner, posting, cache);
    return context;
}

// As /analytics: AnalyticsService::unusual_factor times the category's average outgoing
// posting, here over the posting's month and the two before (own transfers are not taken
// out of the averages, which /analytics does).
std::map<std::string, Money> AlertEvaluator::unusual_thresholds(const std::string& owner,
                                                                const Transaction& posting) {
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> spent;
    for (const Rollup& rollup : analytics_.list_rollups(owner, "", window_start(posting),
                                                        format_month(posting.timestamp))) {
        if (rollup.transaction_type != TransactionType::withdrawal &&
            rollup.transaction_type != TransactionType::transfer_out) {
            continue;
        }
        auto& [cents, count] = spent[rollup.category];
        cents += rollup.total.cents();
        count += rollup.count;
    }
    std::map<std::string, Money> thresholds;
    for (const auto& [category, figures] : spent) {
        if (figures.second <= 0) continue;
        thresholds[category] =
            Money::from_cents(figures.first / figures.second * AnalyticsService::unusual_factor);
    }
    return thresholds;
}

std::vector<BudgetStanding> AlertEvaluator::budget_standings(const std::string& owner,
                                                             const Transaction& posting) {
    const auto user = identity_.find_user(owner);
    if (!user) return {};
    const std::string month =
        format_month(posting.timestamp, TimeZone::named_or_utc(user->time_zone));
    auto report = budgets_.progress(*user, month);
    if (!report) return {};
    std::vector<BudgetStanding> standings;
    for (const BudgetProgress& progress : report->budgets) {
        standings.push_back(BudgetStanding{progress.budget.budget_id, progress.budget.category,
                                           report->month, progress.figures.available,
                                           progress.figures.spent});
    }
    return standings;
}

}  // namespace bank
