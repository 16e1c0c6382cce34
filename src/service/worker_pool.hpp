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

#include "core/thread_priority.hpp"

namespace bank {

// How nice the worker threads run: as the bank's other background threads
// (core/thread_priority.hpp says why 5).
inline constexpr int worker_thread_nice = background_thread_nice;

// Lowers the calling thread to worker_thread_nice (for this thread alone), and logs when the
// system refused. Returns false then.
bool lower_thread_priority();

// A bounded pool for slow work (bcrypt, blocking network calls), so that an I/O thread
// never waits for it. At most `queue_depth_max` jobs wait or run at once; more are refused
// rather than queued without bound. Its threads run below the I/O threads' priority
// (worker_thread_nice): a quarter second of bcrypt should not delay an I/O thread that has a
// request to answer.
class WorkerPool {
public:
    WorkerPool(std::size_t threads, std::size_t queue_depth_max)
        : pool_(threads), queue_depth_max_(queue_depth_max) {}
    ~WorkerPool() { stop(); }
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Waits for the queued jobs instead of abandoning them: an abandoned job is destroyed
    // with the pool, and its completion still holds work on the caller's io_context, which
    // `bank serve` has destroyed by then (a heap-use-after-free AddressSanitizer found at
    // shutdown). But a job not yet started is not started any more: it answers as a full
    // pool does. After a sign-in flood, 64 queued bcrypt hashes at cost 12 kept a stopping
    // server alive for over 30 s on a busy machine (bench/run logins).
    void stop() {
        stopping_.store(true);
        pool_.join();
    }

    // Runs `job` on the pool and resumes the caller with its value; nullopt when the pool
    // is full or stopping. Exceptions thrown by the job reach the caller.
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
        auto task =
            [this, job = std::move(job)]() mutable -> boost::asio::awaitable<std::optional<Value>> {
            if (stopping_.load()) co_return std::nullopt;
            // asio::thread_pool starts its threads itself, so each lowers its own priority
            // on its first job.
            thread_local const bool lowered = lower_thread_priority();
            static_cast<void>(lowered);
            co_return job();
        };
        co_return co_await boost::asio::co_spawn(pool_, std::move(task),
                                                 boost::asio::use_awaitable);
    }

    std::size_t in_flight() const { return in_flight_.load(); }
    bool stopping() const { return stopping_.load(); }

private:
    boost::asio::thread_pool pool_;
    std::size_t queue_depth_max_;
    std::atomic<std::size_t> in_flight_{0};
    std::atomic<bool> stopping_{false};
};

}  // namespace bank
