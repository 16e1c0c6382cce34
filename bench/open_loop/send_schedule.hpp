#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace bank::bench {

// When each request of an open-loop run is due. The offered rate is spread evenly over the
// connections: request n of the whole run (n = 0, 1, ...) is due at start + n / rate and goes
// out on connection n % connections, so every connection sends every connections / rate
// seconds and the connections take turns. The run offers every request due before
// start + duration, whatever the server's answers do to the timing.
class SendSchedule {
public:
    using Clock = std::chrono::steady_clock;

    // `rate` is in requests per second, above zero; `connections` at least one.
    SendSchedule(double rate, std::size_t connections, Clock::time_point start,
                 std::chrono::nanoseconds duration);

    // When request `index` of `connection` is due.
    Clock::time_point due(std::size_t connection, std::int64_t index) const;
    // How many requests `connection` sends over the whole run.
    std::int64_t requests_for(std::size_t connection) const;
    // Every request of the run: those due before start + duration.
    std::int64_t requests_total() const { return requests_total_; }
    Clock::time_point start() const { return start_; }
    Clock::time_point end() const { return start_ + duration_; }

private:
    double rate_;
    std::int64_t connections_;
    Clock::time_point start_;
    std::chrono::nanoseconds duration_;
    std::int64_t requests_total_;
};

}  // namespace bank::bench
