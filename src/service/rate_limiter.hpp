#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"

namespace bank {

// Allows at most `events_max` events per key in a sliding window. Keeps at most
// `keys_max` keys; past that the whole table is cleared, which errs on the side of
// letting people in rather than growing without bound.
class RateLimiter {
public:
    RateLimiter(std::size_t events_max, std::chrono::microseconds window, std::size_t keys_max)
        : events_max_(events_max), window_(window), keys_max_(keys_max) {}

    // Records an event and says whether it is within the limit.
    bool allow(const std::string& key, Timestamp now);
    // Seconds until the key may act again (0 when it may now).
    std::int64_t retry_after_seconds(const std::string& key, Timestamp now);

private:
    void forget_old(std::deque<Timestamp>& events, Timestamp now) const;

    std::size_t events_max_;
    std::chrono::microseconds window_;
    std::size_t keys_max_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<Timestamp>> events_;
};

}  // namespace bank
