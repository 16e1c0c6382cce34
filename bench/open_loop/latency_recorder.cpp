#include "open_loop/latency_recorder.hpp"

#include <algorithm>
#include <cmath>

namespace bank::bench {

std::chrono::nanoseconds nearest_rank(const std::vector<std::chrono::nanoseconds>& sorted,
                                      double percent) {
    const auto size = static_cast<double>(sorted.size());
    // The 1-based rank ceil(p/100 * n), computed with a small tolerance so that 99% of 1,000
    // is rank 990 and not 991 from a rounding error.
    auto rank = static_cast<std::size_t>(std::ceil(percent / 100.0 * size - 1e-9));
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

LatencySummary LatencyRecorder::summary() {
    LatencySummary summary;
    summary.count = latencies_.size();
    if (latencies_.empty()) return summary;
    std::sort(latencies_.begin(), latencies_.end());
    summary.p50 = nearest_rank(latencies_, 50);
    summary.p90 = nearest_rank(latencies_, 90);
    summary.p99 = nearest_rank(latencies_, 99);
    summary.p999 = nearest_rank(latencies_, 99.9);
    summary.max = latencies_.back();
    return summary;
}

}  // namespace bank::bench
