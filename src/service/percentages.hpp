#pragma once

#include <cstdint>
#include <vector>

namespace bank {

// Ratios as integer basis points (1% = 100), rounded the way a person checks them: half away
// from zero, so 57.967% reads 57.97% (cutting gave 57.96%).

// part / whole in basis points, rounded half away from zero; `whole` must not be zero.
std::int64_t rounded_basis_points(std::int64_t part, std::int64_t whole);

// Each part's share of their sum in basis points, by the largest-remainder method: every
// share is rounded down, then the basis points still missing go one each to the parts with
// the largest remainders (the earlier part on a tie), so the shares add up to exactly 100.00%.
// All zeros (or no parts) give zeros. Parts must not be negative.
std::vector<std::int64_t> shares_basis_points(const std::vector<std::int64_t>& parts);

}  // namespace bank
