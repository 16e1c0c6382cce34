#include "ledger/conditional_batch_plans.hpp"

namespace bank {

ConditionalBatchRetry plan_conditional_batch_retry(std::size_t sent,
                                                   const std::vector<bool>& condition_failed,
                                                   int fruitless_tries, int tries_max) {
    ConditionalBatchRetry retry;
    for (std::size_t position = 0; position < sent; ++position) {
        const bool taken = position < condition_failed.size() && condition_failed[position];
        (taken ? retry.settled : retry.resend).push_back(position);
    }
    retry.gives_up = !retry.resend.empty() && retry.settled.empty() && fruitless_tries >= tries_max;
    return retry;
}

}  // namespace bank
