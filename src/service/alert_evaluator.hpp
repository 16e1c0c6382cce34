#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "ledger/alert_evaluation.hpp"
#include "ledger/analytics_reads.hpp"
#include "ledger/change_feed_reads.hpp"
#include "ledger/identity_reads.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/notification_store.hpp"
#include "service/budget_service.hpp"
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
// race stops its pass, its notifications absorbed by the ids.
class AlertEvaluator {
public:
    AlertEvaluator(ChangeFeedReads& feed, NotificationStore& store, LedgerReads& ledger,
                   AnalyticsReads& analytics, IdentityReads& identity, BudgetService& budgets,
                   NotificationWriter& writer)
        : feed_(feed),
          store_(store),
          ledger_(ledger),
          analytics_(analytics),
          identity_(identity),
          budgets_(budgets),
          writer_(writer) {}

    // Pages until the feed has no more (or limits::alert_pages_per_pass_max, or `stop`).
    AlertPass run_pass(const std::function<bool()>& stop);

private:
    // What one page reads once per account and person.
    struct PageCache {
        std::map<std::string, std::optional<Account>> accounts;
        std::map<std::string, std::vector<AlertRule>> rules;
        std::map<std::string, std::vector<Account>> owned;
    };

    std::size_t evaluate(const Transaction& posting, PageCache& cache);
    AlertContext context_for(const Transaction& posting, const std::string& owner,
                             const std::vector<AlertRule>& rules, PageCache& cache);
    std::map<std::string, Money> unusual_thresholds(const std::string& owner,
                                                    const Transaction& posting);
    std::vector<BudgetStanding> budget_standings(const std::string& owner,
                                                 const Transaction& posting);

    ChangeFeedReads& feed_;
    NotificationStore& store_;
    LedgerReads& ledger_;
    AnalyticsReads& analytics_;
    IdentityReads& identity_;
    BudgetService& budgets_;
    NotificationWriter& writer_;
};

}  // namespace bank
