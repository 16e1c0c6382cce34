#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "ledger/forecast_history.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/recurring_decision_store.hpp"
#include "ledger/standing_order_store.hpp"

namespace bank {

// A forecast as the page and the API show it.
struct ForecastReport {
    Date today;
    int days = 30;
    std::string account_id;          // empty: all the person's accounts
    std::optional<Money> threshold;  // as asked
    CashFlowForecast forecast;
    ForecastAccuracy accuracy;
    bool history_truncated = false;  // the read stopped at its row limit
};

// The cash-flow forecast of a person (ledger/cash_flow_forecast.hpp for the method). Reads:
// the person's accounts (today's balances), their standing orders, the recurring payments they
// dismissed (not projected), and their postings of the
// last limits::forecast_history_days (at most limits::forecast_history_rows_max, newest
// first, through the (account, timestamp) index); nothing else. Dates are the person's.
class ForecastService {
public:
    ForecastService(LedgerReads& ledger, StandingOrderStore& orders,
                    RecurringDecisionStore& decisions, const Clock& clock)
        : ledger_(ledger), orders_(orders), decisions_(decisions), clock_(clock) {}

    // `days` "30", "60" or "90" (empty: 30); `account_id` empty or one of the person's
    // accounts; `threshold` empty or an amount to warn below. A bad value is refused
    // (validation_failed, naming the field); another person's account is not found.
    Result<ForecastReport> forecast(const User& user, const std::string& days,
                                    const std::string& account_id,
                                    const std::string& threshold) const;

private:
    ForecastHistory read_history(const User& user, const ForecastScope& scope, Money balance,
                                 bool& truncated) const;

    LedgerReads& ledger_;
    StandingOrderStore& orders_;
    RecurringDecisionStore& decisions_;
    const Clock& clock_;
};

}  // namespace bank
