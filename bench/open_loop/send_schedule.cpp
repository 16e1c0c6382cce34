#include "open_loop/send_schedule.hpp"

#include <cmath>
#include <stdexcept>

namespace bank::bench {

SendSchedule::SendSchedule(double rate, std::size_t connections, Clock::time_point start,
                           std::chrono::nanoseconds duration)
    : rate_(rate),
      connections_(static_cast<std::int64_t>(connections)),
      start_(start),
      duration_(duration),
      requests_total_(0) {
    if (!(rate > 0) || connections == 0 || duration.count() < 0) {
        throw std::invalid_argument("an open-loop schedule needs a rate above 0 and a connection");
    }
    // The requests n with n / rate < duration; the count of whole nanoseconds keeps a rate
    // that divides the duration exact (10,000/s for 20 s is 200,000, not 200,001).
    const double seconds = std::chrono::duration<double>(duration).count();
    requests_total_ = static_cast<std::int64_t>(std::ceil(rate * seconds - 1e-9));
}

SendSchedule::Clock::time_point SendSchedule::due(std::size_t connection,
                                                  std::int64_t index) const {
    const auto request = index * connections_ + static_cast<std::int64_t>(connection);
    const auto offset = std::llround(static_cast<double>(request) * 1e9 / rate_);
    return start_ + std::chrono::nanoseconds(offset);
}

std::int64_t SendSchedule::requests_for(std::size_t connection) const {
    const auto first = static_cast<std::int64_t>(connection);
    if (first >= requests_total_) return 0;
    return (requests_total_ - first + connections_ - 1) / connections_;
}

}  // namespace bank::bench
