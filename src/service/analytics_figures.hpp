#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "ledger/model.hpp"
#include "ledger/report_queries.hpp"
#include "service/analytics_period.hpp"

namespace bank {

// The figures of /analytics and /api/v1/analytics/..., over one period and the user's
// accounts or one of them. Money in is deposits and incoming transfers, money out (spending)
// withdrawals and outgoing transfers. Ratios are integer basis points (1% = 100).

struct CategoryFigure {
    std::string category;  // empty: uncategorised
    Money total;
    std::int64_t count = 0;
    std::int64_t share_basis_points = 0;  // of all spending in the period
};

struct MonthFigure {
    std::string month;  // "2026-11"
    Money money_in;
    Money money_out;
    Money net;  // in minus out; may be negative
};

// Spending of one category in the period's last month against the month before.
struct CategoryChange {
    std::string category;
    Money previous;
    Money current;
    std::optional<std::int64_t> change_basis_points;  // none when `previous` is zero
};

// Everything the rollups give.
struct SpendingSummary {
    Money money_in;
    Money money_out;
    Money net;
    std::int64_t transaction_count = 0;
    std::int64_t days = 0;  // the days of the period up to today
    Money average_daily_spending;
    std::optional<std::int64_t>
        savings_rate_basis_points;           // net over money in; none without income
    std::vector<CategoryFigure> categories;  // largest first
    // At most 12 months, oldest first: from the first with a posting to the period's last
    // (never past today's).
    std::vector<MonthFigure> months;
    std::string change_month;  // the month `changes` compares with the one before
    // When change_month is not over: its days so far, compared with as many days from the
    // start of the month before (so the 5th of a month is not set against a whole month).
    // Zero: two whole months.
    std::int64_t change_days = 0;
    std::vector<CategoryChange> changes;
};

struct BalancePoint {
    std::string date;  // "2026-11-25": the balance at the end of this day (or now)
    Money balance;
};

// An outgoing posting above three times its category's average in the period.
struct UnusualTransaction {
    Transaction transaction;
    Money category_average;
};

// What the analytics calls take: a resolved period and a checked account filter.
struct AnalyticsScope {
    std::string user_id;
    std::string account_id;  // empty: every account of the user
    Period period;
    // The period's rollups, read by the first figure that needs them and shared by the
    // others of the same request (the /analytics page asks for four such figures).
    mutable std::optional<std::vector<Rollup>> rollups;
    // The outgoing legs of transfers between the user's own accounts over [from, to), read by
    // the first figure that needs them (service/own_transfers.hpp) and shared likewise.
    struct OwnTransfersRead {
        Timestamp from{};
        Timestamp to{};
        std::vector<Transaction> rows;
    };
    mutable std::optional<OwnTransfersRead> own_transfers;
};

}  // namespace bank
