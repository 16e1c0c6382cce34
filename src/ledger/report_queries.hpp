#pragma once

#include <cstdint>
#include <string>
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
