#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "ledger/analytics_reads.hpp"
#include "ledger/budget.hpp"
#include "ledger/budget_plans.hpp"
#include "ledger/budget_store.hpp"
#include "ledger/ledger_reads.hpp"

namespace bank {

// A new budget as a person typed it: text straight from the form or JSON.
struct BudgetRequest {
    std::string user_id;
    std::string category;
    std::string amount;
    std::string month;     // "YYYY-MM"; empty: every month
    std::string rollover;  // none, surplus or both; empty: none
};

// What PATCH sent; a field left out stays as it is.
struct BudgetEdit {
    std::string user_id;
    std::string budget_id;
    std::optional<std::string> amount;
    std::optional<std::string> rollover;
};

// One budget in force in the month asked, with its figures for that month.
struct BudgetProgress {
    Budget budget;
    BudgetMonthFigures figures;
    BudgetPace pace;
};

// The budgets in force in one of the person's months.
struct BudgetReport {
    std::string month;  // "YYYY-MM"
    bool is_current = false;
    std::vector<BudgetProgress> budgets;  // in the order of core's category list
};

// A person's budgets: validate the text, read what the planner needs, decide
// (ledger/budget_plans.hpp), write over the version decided on. Spending comes from the
// rollups of the person's local months (service/local_month_rollups.hpp), never from the
// history, less the transfers between their own accounts (as /analytics).
class BudgetService {
public:
    BudgetService(BudgetStore& budgets, AnalyticsReads& reads, LedgerReads& ledger,
                  const Clock& clock)
        : budgets_(budgets), reads_(reads), ledger_(ledger), clock_(clock) {}

    Result<Budget> create(const BudgetRequest& request, const std::string& time_zone);
    // Every budget of the person, oldest first.
    std::vector<Budget> list(const std::string& user_id);
    Result<Budget> get(const std::string& user_id, const std::string& budget_id);
    Result<Budget> edit(const BudgetEdit& edit);
    Result<Budget> remove(const std::string& user_id, const std::string& budget_id);

    // The budgets in force in `month` ("YYYY-MM"; empty: the person's current month), each
    // with its rollover carried over at most limits::budget_rollover_months_max months
    // before it. A bad month is refused naming the field "month".
    Result<BudgetReport> progress(const User& user, const std::string& month);

private:
    BudgetStore& budgets_;
    AnalyticsReads& reads_;
    LedgerReads& ledger_;
    const Clock& clock_;
};

}  // namespace bank
