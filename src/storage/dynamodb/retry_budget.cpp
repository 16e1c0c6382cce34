#include "storage/dynamodb/retry_budget.hpp"

#include <algorithm>
#include <cstdint>
#include <random>
#include <thread>

namespace bank {

bool RetryBudget::retry() {
    if (retries_left_ <= 0) return false;
    --retries_left_;
    // Jitter needs no cryptographic quality, only independence between threads.
    thread_local std::minstd_rand generator{std::random_device{}()};
    const int shift = std::min(retries_, 20);
    const std::int64_t ceiling = std::min<std::int64_t>(
        delay_max_.count(), delay_base_.count() * (std::int64_t{1} << shift));
    ++retries_;
    std::uniform_int_distribution<std::int64_t> pick(0, std::max<std::int64_t>(ceiling, 1));
    const std::chrono::milliseconds pause(pick(generator));
    if (pause >= remaining()) return false;
    std::this_thread::sleep_for(pause);
    return true;
}

std::chrono::milliseconds RetryBudget::remaining() const {
    if (deadline_ == std::chrono::steady_clock::time_point::max()) {
        return std::chrono::milliseconds::max();
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline_ - std::chrono::steady_clock::now());
    return std::max(left, std::chrono::milliseconds(0));
}

}  // namespace bank
