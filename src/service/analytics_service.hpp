#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/time_zone.hpp"
#include "ledger/analytics_reads.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/ledger_writer.hpp"
#include "ledger/recurring_detection.hpp"
#include "service/analytics_figures.hpp"
#include "service/history_window_cache.hpp"
#include "service/person_report_cache.hpp"

namespace bank {

struct MonthSummary {
    std::string month;  // "2026-11"
    Money deposits;
    Money withdrawals;
    Money transfers_in;
    Money transfers_out;
    Money net;  // in minus out
};

struct AnalyticsSummary {
    std::vector<Account> accounts;
    Money total_balance;
    Money total_deposits;
    Money total_withdrawals;
    Money total_transfers_in;
    Money total_transfers_out;
    std::int64_t transaction_count = 0;
    std::vector<MonthSummary> months;  // oldest first
};

// A person's analytics. Totals, categories, months, changes and top payees come from
// rollups; the figures rollups cannot give (balance over time, largest and unusual
// postings) from indexed store reads bounded by the period. Nothing here reads the whole
// history. Over all of a person's accounts, transfers between two of them are left out of
// every figure of spending (service/own_transfers.hpp).
// What /recurring shows: the series found, the day they were found on (the person's today)
// and whether the history read stopped at its row limit.
struct RecurringReport {
    std::vector<RecurringSeries> series;
    Date today;
    bool history_truncated = false;
};

class AnalyticsService {
public:
    // With `versions` that can tell data versions (SQLite), recurring reports are kept while
    // nothing of the person's changed (service/person_report_cache.hpp).
    AnalyticsService(LedgerReads& ledger, AnalyticsReads& reads, const Clock& clock,
                     LedgerWriter* versions = nullptr);

    // Over every account of the user, or one of them (empty `account_id`); the whole history
    // (by UTC month, as the rollups are kept), or the days from `from` to `to` ("YYYY-MM-DD",
    // inclusive, days of `zone`) when either is given.
    Result<AnalyticsSummary> summary(const std::string& user_id, const std::string& account_id,
                                     const std::string& from = "", const std::string& to = "",
                                     const TimeZone& zone = TimeZone::utc()) const;

    // Resolves the period in the person's zone (its months and days are theirs) and checks
    // that the account, if any, is the user's.
    Result<AnalyticsScope> scope(const std::string& user_id, const std::string& account_id,
                                 const PeriodChoice& choice,
                                 const TimeZone& zone = TimeZone::utc()) const;
    SpendingSummary spending(const AnalyticsScope& scope) const;
    // The balance at the end of each day (each week beyond three months, each 30 days beyond
    // two years), up to now, from the first point with a balance.
    std::vector<BalancePoint> balance_over_time(const AnalyticsScope& scope) const;
    std::vector<DescriptionTotal> top_payees(const AnalyticsScope& scope) const;
    std::vector<Transaction> largest(const AnalyticsScope& scope) const;
    std::vector<UnusualTransaction> unusual(const AnalyticsScope& scope) const;

    static constexpr std::size_t top_payees_max = 10;
    static constexpr std::size_t largest_max = 10;
    static constexpr std::size_t unusual_max = 20;
    static constexpr std::int64_t unusual_factor = 3;

    // The person's recurring payments and income still running today (their local dates),
    // detected from their newest postings (limits in core/recurring_limits.hpp); transfers
    // between their own accounts are left out. In analytics_recurring.cpp.
    RecurringReport recurring(const User& user) const;
    // The recurring reports kept now (for tests).
    std::size_t recurring_kept() const { return recurring_cache_.size(); }

private:
    // The detection over the history of [now - recurring_history_days, now], through the
    // window kept for the person when `keeps` (only the postings newer than it are read);
    // `valid_through`: the last instant at which the same read finds the same rows.
    RecurringReport detect(const User& user, const std::vector<Account>& accounts, Timestamp now,
                           bool keeps, Timestamp& valid_through) const;
    Result<AnalyticsSummary> summary_of(const std::string& user_id, const std::string& account_id,
                                        const std::vector<MonthlyTotal>& totals) const;
    // The rollups of the period: whole months from the rollup table, the partial months at
    // the edges of a custom period from postings of those days only. Read once per scope.
    const std::vector<Rollup>& period_totals(const AnalyticsScope& scope) const;
    // The months of money in and spending, each category's change against the month before,
    // and own transfers left out of them: in the person's local months.
    void add_months_and_changes(SpendingSummary& summary, const AnalyticsScope& scope) const;
    // The same for the payee rollups.
    std::vector<PayeeRollup> payee_totals(const AnalyticsScope& scope) const;
    // The outgoing legs of the period's transfers between the user's own accounts.
    std::vector<Transaction> moved_in_period(const AnalyticsScope& scope) const;

    LedgerReads& ledger_;
    AnalyticsReads& reads_;
    const Clock& clock_;
    LedgerWriter* versions_;
    mutable PersonReportCache<RecurringReport> recurring_cache_;
    mutable HistoryWindowCache recurring_windows_;
};

}  // namespace bank
