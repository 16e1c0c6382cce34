#include "service/percentages.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace bank {
namespace {

struct RoundingCase {
    std::int64_t part;
    std::int64_t whole;
    std::int64_t expected;
};

TEST(RoundedBasisPoints, RoundsHalfAwayFromZero) {
    const RoundingCase cases[] = {
        {57'967, 100'000, 5797},  // 57.967% reads 57.97%, not the cut 57.96%
        {57'964, 100'000, 5796},
        {1, 3, 3333},
        {2, 3, 6667},
        {1, 20'000, 1},  // 0.005% rounds up to 0.01%
        {-1, 20'000, -1},
        {-57'967, 100'000, -5797},
        {57'967, -100'000, -5797},
        {0, 7, 0},
        {5, 5, 10000},
        {INT64_MAX, INT64_MAX, 10000},
        {INT64_MAX / 2, INT64_MAX, 5000},
    };
    for (const auto& [part, whole, expected] : cases) {
        EXPECT_EQ(rounded_basis_points(part, whole), expected) << part << " / " << whole;
    }
}

struct SharesCase {
    std::vector<std::int64_t> parts;
    std::vector<std::int64_t> expected;
};

TEST(SharesBasisPoints, AddUpToExactlyOneHundredPercent) {
    const SharesCase cases[] = {
        {{1, 1, 1}, {3334, 3333, 3333}},  // the tie goes to the first
        {{2, 1}, {6667, 3333}},
        {{57'967, 42'033}, {5797, 4203}},
        {{1, 1, 1, 1, 1, 1, 1}, {1429, 1429, 1429, 1429, 1428, 1428, 1428}},
        {{100}, {10000}},
        {{0, 5}, {0, 10000}},
        {{0, 0}, {0, 0}},
        {{}, {}},
        {{INT64_MAX, INT64_MAX}, {5000, 5000}},
    };
    for (const auto& [parts, expected] : cases) {
        EXPECT_EQ(shares_basis_points(parts), expected);
    }
}

}  // namespace
}  // namespace bank
