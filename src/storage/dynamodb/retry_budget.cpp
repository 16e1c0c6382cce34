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
    const std::int64_t ceiling =
        std::min<std::int64_t>(delay_max_.count(), delay_base_.count() * (std::int64_t{1} << shift));
    ++retries_;
    std::uniform_int_distribution<std::int64_t> pick(0, std::max<std::int64_t>(ceiling, 1));
    std::this_thread::sleep_for(std::chrono::milliseconds(pick(generator)));
    return true;
}

}  // namespace bank
