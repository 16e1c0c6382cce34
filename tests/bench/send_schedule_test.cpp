#include "open_loop/send_schedule.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <vector>

namespace bank::bench {
namespace {

using namespace std::chrono_literals;
using Clock = SendSchedule::Clock;

TEST(SendScheduleTest, TheConnectionsTakeTurnsSoTheWholeRunIsEvenlySpaced) {
    const auto start = Clock::now();
    const SendSchedule schedule(1000, 4, start, 1s);
    EXPECT_EQ(schedule.due(0, 0), start);
    EXPECT_EQ(schedule.due(1, 0), start + 1ms);
    EXPECT_EQ(schedule.due(3, 0), start + 3ms);
    // Each connection sends every 4 ms: 4 connections / 1,000 per second.
    EXPECT_EQ(schedule.due(1, 2), start + 9ms);
    std::vector<Clock::time_point> every;
    for (std::size_t connection = 0; connection < 4; ++connection) {
        for (std::int64_t index = 0; index < schedule.requests_for(connection); ++index) {
            every.push_back(schedule.due(connection, index));
        }
    }
    ASSERT_EQ(every.size(), 1000u);
    std::sort(every.begin(), every.end());
    for (std::size_t request = 0; request < every.size(); ++request) {
        EXPECT_EQ(every[request], start + std::chrono::milliseconds(request));
    }
}

TEST(SendScheduleTest, OffersExactlyTheRequestsDueBeforeTheEnd) {
    const auto start = Clock::now();
    EXPECT_EQ(SendSchedule(10'000, 64, start, 20s).requests_total(), 200'000);
    // 2.5 requests fit in 1 s at 2.5/s: those due at 0, 0.4 and 0.8 s.
    const SendSchedule uneven(2.5, 2, start, 1s);
    EXPECT_EQ(uneven.requests_total(), 3);
    EXPECT_EQ(uneven.requests_for(0), 2);
    EXPECT_EQ(uneven.requests_for(1), 1);
    EXPECT_EQ(uneven.due(0, 1), start + 800ms);
    EXPECT_LT(uneven.due(0, 1), uneven.end());
    // More connections than requests: the extra ones send nothing.
    const SendSchedule sparse(3, 8, start, 1s);
    EXPECT_EQ(sparse.requests_for(2), 1);
    EXPECT_EQ(sparse.requests_for(3), 0);
}

TEST(SendScheduleTest, RefusesARateOfZeroOrNoConnection) {
    const auto start = Clock::now();
    EXPECT_THROW(SendSchedule(0, 4, start, 1s), std::invalid_argument);
    EXPECT_THROW(SendSchedule(-5, 4, start, 1s), std::invalid_argument);
    EXPECT_THROW(SendSchedule(100, 0, start, 1s), std::invalid_argument);
}

}  // namespace
}  // namespace bank::bench
