#pragma once

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

}  // namespace bank::limits
