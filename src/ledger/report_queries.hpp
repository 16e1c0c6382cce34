#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "ledger/model.hpp"

namespace bank {

// The postings of a user's accounts (or one of them) in [from, to): what the analytics
// figures that rollups cannot give are computed over. Every query is bounded by the period.
struct PeriodQuery {
    std::string user_id;
    std::string account_id;  // empty: every account of the user
    Timestamp from{};        // inclusive
    Timestamp to{};          // exclusive
};

// How many postings of a period each account holds, in all and outgoing per category: the
// exact counts of the rollups of its whole months and of the postings of its partial edge
// months (AnalyticsService::period_totals). An engine uses them to choose between reading
// the period in time order and walking an index by amount, which it may abandon once it
// has read as many entries as the period holds.
struct PeriodCounts {
    struct Account {
        std::string account_id;
        std::int64_t postings = 0;  // every type
        std::vector<std::pair<std::string, std::int64_t>> outflows_by_category;
    };
    std::vector<Account> accounts;  // only accounts with postings in the period

    // Counts the rollups (of any accounts, months, categories and types) into accounts.
    static PeriodCounts of(const std::vector<Rollup>& rollups);
    // Nullptr when the account has no postings in the period.
    const Account* find(std::string_view account_id) const;
};

// Outgoing money (withdrawals and outgoing transfers) grouped by description.
struct DescriptionTotal {
    std::string description;
    Money total;
    std::int64_t count = 0;
};

// Outgoing postings of `category` above `threshold` count as unusual.
struct CategoryThreshold {
    std::string category;
    Money threshold;
};

// Bank-wide: postings of one UTC day.
struct DailyVolume {
    std::string day;  // "2026-11-25"
    std::int64_t count = 0;
    Money total;
};

}  // namespace bank
