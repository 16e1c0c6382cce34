#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

namespace bank::bench {

// Percentiles by nearest rank: p is the smallest recorded latency that at least p percent
// of the recorded ones do not exceed, so every figure is one that was measured.
struct LatencySummary {
    std::size_t count = 0;
    std::chrono::nanoseconds p50{0};
    std::chrono::nanoseconds p90{0};
    std::chrono::nanoseconds p99{0};
    std::chrono::nanoseconds p999{0};
    std::chrono::nanoseconds max{0};
};

// Keeps every latency of a run (a few hundred thousand: a few MB), so the tail is exact
// rather than bucketed.
class LatencyRecorder {
public:
    void reserve(std::size_t count) { latencies_.reserve(count); }
    void record(std::chrono::nanoseconds latency) { latencies_.push_back(latency); }
    std::size_t count() const { return latencies_.size(); }
    // Sorts what was recorded; all zero when nothing was.
    LatencySummary summary();

private:
    std::vector<std::chrono::nanoseconds> latencies_;
};

// The nearest-rank percentile of `sorted` (ascending, not empty), `percent` in (0, 100].
std::chrono::nanoseconds nearest_rank(const std::vector<std::chrono::nanoseconds>& sorted,
                                      double percent);

}  // namespace bank::bench
