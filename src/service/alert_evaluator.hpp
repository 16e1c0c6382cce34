#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "ledger/alert_evaluation.hpp"
#include "ledger/analytics_reads.hpp"
#include "ledger/change_feed_reads.hpp"
#include "ledger/identity_reads.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/notification_store.hpp"
#include "ledger/recurring_decision_store.hpp"
#include "service/budget_service.hpp"
#include "service/forecast_service.hpp"
#include "service/idle_gate.hpp"
#include "service/notification_writer.hpp"

namespace bank {

// What one pass did (for the log and tests).
struct AlertPass {
    std::size_t postings = 0;       // read from the change feed
    std::size_t notifications = 0;  // stored by this pass (repeats not counted)
    bool cursor_lost = false;       // another server advanced the cursor first
};

// Turns postings into notifications after they commit, from the change feed (the bank's
// transactional outbox: every posting's own commit wrote its feed entry), so nothing is
// added to a posting's path. A pass reads the durable cursor, reads the feed after it a page
// at a time, evaluates each posting against its owner's rules (alerts_for_posting), writes
// each notification "put if absent" on its deterministic id, and only then advances the
// cursor over the version it read. A crash before the cursor moves repeats the page, and the
// repeat stores nothing twice; several servers may run passes at once: the loser of a cursor
// race stops its pass, its notifications absorbed by the ids. The forecast and the recurring
// history are read only for people with a rule of those kinds made by the posting's time,
// once per page and person (everyone else costs nothing more).
class AlertEvaluator {
public:
    // The services an evaluator reads through besides the stores.
    struct Readers {
        BudgetService& budgets;
        ForecastService& forecasts;
        RecurringDecisionStore& decisions;
    };

    AlertEvaluator(ChangeFeedReads& feed, NotificationStore& store, LedgerReads& ledger,
                   AnalyticsReads& analytics, IdentityReads& identity, Readers readers,
                   NotificationWriter& writer)
        : feed_(feed),
          store_(store),
          ledger_(ledger),
          analytics_(analytics),
          identity_(identity),
          budgets_(readers.budgets),
          forecasts_(readers.forecasts),
          decisions_(readers.decisions),
          writer_(writer) {}

    // Pages until the feed has no more (or limits::alert_pages_per_pass_max, or `stop`).
    AlertPass run_pass(const std::function<bool()>& stop);
    // A pass when somebody has a rule (`rules`), and nothing read at all otherwise: the
    // cursor waits, and the postings meanwhile are read once a rule exists (they alert only
    // under rules made before them).
    std::optional<AlertPass> run_pass_when_needed(IdleGate& rules,
                                                  const std::function<bool()>& stop);

private:
    // What one page reads once per account and person.
    struct PageCache {
        std::map<std::string, std::optional<Account>> accounts;
        std::map<std::string, std::vector<AlertRule>> rules;
        std::map<std::string, std::vector<Account>> owned;
        std::map<std::string, std::optional<User>> users;
        std::map<std::string, std::optional<ForecastLowest>> lowest;
        // The person's postings as recurring detection reads them (own transfers left out),
        // each with its time so a posting sees only those before it.
        std::map<std::string, std::vector<std::pair<Transaction, RecurringInput>>> history;
        std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> decisions;
    };

    std::size_t evaluate(const Transaction& posting, PageCache& cache);
    AlertContext context_for(const Transaction& posting, const std::string& owner,
                             const std::vector<AlertRule>& rules, PageCache& cache);
    std::map<std::string, Money> unusual_thresholds(const std::string& owner,
                                                    const Transaction& posting);
    std::vector<BudgetStanding> budget_standings(const std::string& owner,
                                                 const Transaction& posting);
    const std::optional<User>& user_of(const std::string& owner, PageCache& cache);
    const std::vector<Account>& accounts_of(const std::string& owner, PageCache& cache);
    std::optional<ForecastLowest> forecast_lowest(const std::string& owner, PageCache& cache);
    std::optional<RecurringPriceChange> price_change(const std::string& owner,
                                                     const Transaction& posting, PageCache& cache);
    const std::vector<std::pair<Transaction, RecurringInput>>& history_of(
        const std::string& owner, const Transaction& posting, PageCache& cache);

    ChangeFeedReads& feed_;
    NotificationStore& store_;
    LedgerReads& ledger_;
    AnalyticsReads& analytics_;
    IdentityReads& identity_;
    BudgetService& budgets_;
    ForecastService& forecasts_;
    RecurringDecisionStore& decisions_;
    NotificationWriter& writer_;
};

}  // namespace bank
