#include "core/random.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <set>
#include <string>

namespace bank {
namespace {

using namespace std::chrono_literals;

// 2026-11-25T08:09:44.123456Z
constexpr std::int64_t sample_micros = 1'795'594'184'123'456;

bool is_lower_hex(const std::string& text) {
    return text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

TEST(NewTimeOrderedId, IsThirtyTwoHexDigitsStartingWithTheInstant) {
    const std::string id = new_time_ordered_id(from_micros(sample_micros));
    ASSERT_EQ(id.size(), 32u);
    EXPECT_TRUE(is_lower_hex(id)) << id;
    EXPECT_EQ(std::stoull(id.substr(0, 13), nullptr, 16), sample_micros);
}

TEST(NewTimeOrderedId, SortsByTimeAndDiffersWithinOneInstant) {
    const Timestamp at = from_micros(sample_micros);
    std::set<std::string> same_instant;
    for (int index = 0; index < 1'000; ++index) same_instant.insert(new_time_ordered_id(at));
    EXPECT_EQ(same_instant.size(), 1'000u);
    const std::string later = new_time_ordered_id(at + 1us);
    EXPECT_LT(*same_instant.rbegin(), later);
    EXPECT_LT(new_time_ordered_id(from_micros(0)), new_time_ordered_id(at));
}

TEST(NewId, IsThirtyTwoRandomHexDigits) {
    const std::string first = new_id();
    EXPECT_EQ(first.size(), 32u);
    EXPECT_TRUE(is_lower_hex(first)) << first;
    EXPECT_NE(first, new_id());
}

}  // namespace
}  // namespace bank
