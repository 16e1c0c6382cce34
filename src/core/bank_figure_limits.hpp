#pragma once

#include <chrono>
#include <cstddef>

namespace bank::limits {

// Bank-wide figures (ledger/bank_figures.hpp): the largest transfers kept per day (schema 20
// fills the same number), and the locked or disabled people /admin lists (the list stops
// here and the page says so).
inline constexpr std::size_t bank_top_transfers_per_day = 10;
inline constexpr std::size_t admin_people_listed_max = 100;
// DynamoDB: the items each counter every posting adds to is spread over, the shard picked
// from the posting's id, so no single item takes every posting's write (DynamoDB allows
// about 1,000 writes a second to one item); a read sums them.
inline constexpr std::size_t bank_figure_shards = 8;
// DynamoDB: a day's largest-transfer items (one per outgoing transfer leg) expire this long
// after the day began (time-to-live, which deletes them without a write unit, usually within
// two days after). The reads that need them: /admin's overview, the last
// AdminService::volume_days (30) days, and `bank verify`, which compares only the days still
// kept (largest_transfers_kept_since). Five days over the overview's window leave room for a
// clock that is a few days off.
inline constexpr std::chrono::days bank_largest_transfers_retention{35};

}  // namespace bank::limits
