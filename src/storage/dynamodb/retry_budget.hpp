#pragma once

#include <chrono>

namespace bank {

// The retries one command (or one read) may make in all, whatever caused them: throttling,
// a 5xx answer, a network failure, a TransactionConflict, or a condition that failed
// because another writer got there first. Each retry waits first: exponential backoff with
// full jitter, capped.
class RetryBudget {
public:
    RetryBudget(int retries_max, std::chrono::milliseconds delay_base,
                std::chrono::milliseconds delay_max,
                std::chrono::milliseconds deadline = std::chrono::milliseconds::max())
        : retries_left_(retries_max),
          delay_base_(delay_base),
          delay_max_(delay_max),
          deadline_(deadline == std::chrono::milliseconds::max()
                        ? std::chrono::steady_clock::time_point::max()
                        : std::chrono::steady_clock::now() + deadline) {}

    // Takes one retry and sleeps before it: a random time up to base * 2^retries so far,
    // capped at the maximum. False, at once, when the budget is spent.
    // Also false when the pause would end past the deadline.
    bool retry();
    int retries() const { return retries_; }
    // Time left before the deadline (zero when it has passed).
    std::chrono::milliseconds remaining() const;

private:
    int retries_left_;
    int retries_ = 0;
    std::chrono::milliseconds delay_base_;
    std::chrono::milliseconds delay_max_;
    std::chrono::steady_clock::time_point deadline_;
};

}  // namespace bank
