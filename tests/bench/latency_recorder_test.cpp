#include "open_loop/latency_recorder.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace bank::bench {
namespace {

using std::chrono::microseconds;

TEST(LatencyRecorderTest, PercentilesAreNearestRanksOfWhatWasRecorded) {
    LatencyRecorder recorder;
    // Recorded out of order: 1..1000 us, 1000 first.
    for (int value = 1000; value >= 1; --value) recorder.record(microseconds(value));
    const auto summary = recorder.summary();
    EXPECT_EQ(summary.count, 1000u);
    EXPECT_EQ(summary.p50, microseconds(500));
    EXPECT_EQ(summary.p90, microseconds(900));
    EXPECT_EQ(summary.p99, microseconds(990));
    EXPECT_EQ(summary.p999, microseconds(999));
    EXPECT_EQ(summary.max, microseconds(1000));
}

TEST(LatencyRecorderTest, OneSlowRequestInAHundredIsTheP99OnlyWhenItIsOneInAHundred) {
    LatencyRecorder recorder;
    for (int request = 0; request < 99; ++request) recorder.record(microseconds(100));
    recorder.record(microseconds(50'000));
    EXPECT_EQ(recorder.summary().p99, microseconds(100));
    recorder.record(microseconds(60'000));
    const auto summary = recorder.summary();
    EXPECT_EQ(summary.p99, microseconds(50'000));
    EXPECT_EQ(summary.p50, microseconds(100));
    EXPECT_EQ(summary.max, microseconds(60'000));
}

TEST(LatencyRecorderTest, NothingRecordedIsAllZero) {
    LatencyRecorder recorder;
    const auto summary = recorder.summary();
    EXPECT_EQ(summary.count, 0u);
    EXPECT_EQ(summary.p99, microseconds(0));
    EXPECT_EQ(summary.max, microseconds(0));
}

TEST(LatencyRecorderTest, OneLatencyIsEveryPercentile) {
    LatencyRecorder recorder;
    recorder.record(microseconds(7));
    const auto summary = recorder.summary();
    EXPECT_EQ(summary.p50, microseconds(7));
    EXPECT_EQ(summary.p999, microseconds(7));
}

}  // namespace
}  // namespace bank::bench
