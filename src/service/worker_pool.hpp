#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace bank {

// A bounded pool for slow work (bcrypt, blocking network calls), so that an I/O thread
// never waits for it. At most `queue_depth_max` jobs wait or run at once; more are refused
// rather than queued without bound.
class WorkerPool {
public:
    WorkerPool(std::size_t threads, std::size_t queue_depth_max)
        : pool_(threads), queue_depth_max_(queue_depth_max) {}
    ~WorkerPool() { stop(); }
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Lets the jobs already queued finish (at most queue_depth_max_) instead of abandoning
    // them: an abandoned job is destroyed with the pool, and its completion still holds
    // work on the caller's io_context, which `bank serve` has destroyed by then (a
    // heap-use-after-free AddressSanitizer found at shutdown).
    void stop() { pool_.join(); }

    // Runs `job` on the pool and resumes the caller with its value; nullopt when the pool
    // is full. Exceptions thrown by the job reach the caller.
    template <class Job>
    boost::asio::awaitable<std::optional<std::invoke_result_t<Job>>> run(Job job) {
        using Value = std::invoke_result_t<Job>;
        if (in_flight_.fetch_add(1) >= queue_depth_max_) {
            in_flight_.fetch_sub(1);
            co_return std::nullopt;
        }
        struct Release {
            std::atomic<std::size_t>& count;
            ~Release() { count.fetch_sub(1); }
        } release{in_flight_};
        // Wrapped in a coroutine lambda assigned to a local first: GCC 12 miscompiles a
        // capturing lambda written inside the co_await expression.
        auto task = [job = std::move(job)]() mutable -> boost::asio::awaitable<Value> {
            co_return job();
        };
        Value value =
            co_await boost::asio::co_spawn(pool_, std::move(task), boost::asio::use_awaitable);
        co_return std::optional<Value>(std::move(value));
    }

    std::size_t in_flight() const { return in_flight_.load(); }

private:
    boost::asio::thread_pool pool_;
    std::size_t queue_depth_max_;
    std::atomic<std::size_t> in_flight_{0};
};

}  // namespace bank
