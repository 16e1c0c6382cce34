#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "ledger/forecast_history.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/ledger_writer.hpp"
#include "ledger/recurring_decision_store.hpp"
#include "ledger/standing_order_store.hpp"
#include "service/history_window_cache.hpp"
#include "service/person_report_cache.hpp"

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
//
// With `versions` that can tell data versions (SQLite), the postings read are kept too
// (service/history_window_cache.hpp), so that after a new posting only the newer ones are read;
// and a report is kept
// (service/person_report_cache.hpp) and answered again while the person's postings and
// accounts, their today, the window of history and what their standing orders and dismissed
// series contribute are the same: the same request then gets the same figures without
// reading the history again.
class ForecastService {
public:
    ForecastService(LedgerReads& ledger, StandingOrderStore& orders,
                    RecurringDecisionStore& decisions, const Clock& clock,
                    LedgerWriter* versions = nullptr);

    // `days` "30", "60" or "90" (empty: 30); `account_id` empty or one of the person's
    // accounts; `threshold` empty or an amount to warn below. A bad value is refused
    // (validation_failed, naming the field); another person's account is not found.
    Result<ForecastReport> forecast(const User& user, const std::string& days,
                                    const std::string& account_id,
                                    const std::string& threshold) const;

    // The reports kept now (for tests).
    std::size_t kept() const { return cache_.size(); }

private:
    // What a report is computed from besides the history.
    struct Request {
        ForecastScope scope;
        Money balance;
        Timestamp now;
        int days = 30;
        std::optional<Money> threshold;
        std::set<std::string> ordered_payees;
        std::set<std::string> dismissed;
        std::vector<ForecastFlow> ordered;  // the standing orders' flows
    };

    // The person's accounts as `request` needs them, and the data version read before them
    // (nullopt: nothing may be kept). not_found when `account_id` is none of theirs.
    Result<std::optional<std::uint64_t>> read_accounts(const User& user,
                                                       const std::string& account_id,
                                                       Request& request) const;
    void read_orders(const User& user, Request& request) const;
    // Everything a report depends on besides the data version and the window's validity.
    std::string cache_key(const User& user, const Request& request) const;
    ForecastReport compute(const User& user, const Request& request, bool keeps,
                           Timestamp& valid_through) const;
    // The history of the window, through the window kept for the scope when `keeps` (only the
    // postings newer than it are read; service/history_window_read.hpp).
    ForecastHistory read_history(const User& user, const Request& request, bool keeps,
                                 bool& truncated, Timestamp& oldest) const;

    LedgerReads& ledger_;
    StandingOrderStore& orders_;
    RecurringDecisionStore& decisions_;
    const Clock& clock_;
    LedgerWriter* versions_;
    mutable PersonReportCache<ForecastReport> cache_;
    mutable HistoryWindowCache windows_;
};

}  // namespace bank
