#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "storage/dynamodb/dynamodb_limits.hpp"

namespace bank {

// Calls `one(index)` for every index below `count` on a few threads of this call's own (at
// most dynamodb_limits::requests_in_flight, the caller's thread among them), and returns when
// all are done: a group of independent requests costs a few round trips rather than one per
// request. The first exception (StoreUnavailable, DynamoDbError) is rethrown after every
// thread has stopped; the elements not yet started are not run.
template <typename One>
void run_concurrently(std::size_t count, One one) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr first_error;
    std::mutex error_mutex;
    auto work = [&] {
        for (std::size_t index = next++; index < count && !failed; index = next++) {
            try {
                one(index);
            } catch (...) {
                const std::lock_guard lock(error_mutex);
                if (!first_error) first_error = std::current_exception();
                failed = true;
            }
        }
    };
    const std::size_t threads = std::min(count, dynamodb_limits::requests_in_flight);
    std::vector<std::thread> workers;
    workers.reserve(threads);
    for (std::size_t thread = 1; thread < threads; ++thread) workers.emplace_back(work);
    work();
    for (auto& worker : workers) worker.join();
    if (first_error) std::rethrow_exception(first_error);
}

}  // namespace bank
