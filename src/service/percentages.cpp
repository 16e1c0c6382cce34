#include "service/percentages.hpp"

#include <algorithm>
#include <numeric>

namespace bank {
namespace {

// A GCC and Clang extension; __extension__ says it is meant. Products of real amounts and
// 10000 do not fit 64 bits.
__extension__ using Int128 = __int128;

constexpr Int128 basis_points_whole = 10000;

}  // namespace

std::int64_t rounded_basis_points(std::int64_t part, std::int64_t whole) {
    const Int128 numerator = static_cast<Int128>(part) * basis_points_whole * 2;
    const Int128 denominator = static_cast<Int128>(whole) * 2;
    const bool negative = (numerator < 0) != (denominator < 0);
    const Int128 magnitude_numerator = numerator < 0 ? -numerator : numerator;
    const Int128 magnitude_denominator = denominator < 0 ? -denominator : denominator;
    // Adding half the divisor before dividing the magnitudes rounds half away from zero.
    const Int128 rounded =
        (magnitude_numerator + magnitude_denominator / 2) / magnitude_denominator;
    return static_cast<std::int64_t>(negative ? -rounded : rounded);
}

std::vector<std::int64_t> shares_basis_points(const std::vector<std::int64_t>& parts) {
    std::vector<std::int64_t> shares(parts.size(), 0);
    Int128 sum = 0;
    for (const std::int64_t part : parts) sum += part;
    if (sum <= 0) return shares;
    std::vector<Int128> remainders(parts.size());
    Int128 given = 0;
    for (std::size_t index = 0; index < parts.size(); ++index) {
        const Int128 scaled = static_cast<Int128>(parts[index]) * basis_points_whole;
        shares[index] = static_cast<std::int64_t>(scaled / sum);
        remainders[index] = scaled % sum;
        given += shares[index];
    }
    std::vector<std::size_t> order(parts.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t left, std::size_t right) {
        return remainders[left] > remainders[right];
    });
    // Fewer basis points are missing than there are parts (each lost less than one).
    for (std::size_t rank = 0; given < basis_points_whole; ++rank, ++given) ++shares[order[rank]];
    return shares;
}

}  // namespace bank
