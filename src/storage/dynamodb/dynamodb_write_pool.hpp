#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace bank {

// The DynamoDB store's own bounded pool of threads for write commands, so that `submit`
// returns at once and a network round trip never blocks the caller's thread.
class DynamoDbWritePool {
public:
    DynamoDbWritePool(std::size_t threads, std::size_t queue_depth_max);
    ~DynamoDbWritePool();
    DynamoDbWritePool(const DynamoDbWritePool&) = delete;
    DynamoDbWritePool& operator=(const DynamoDbWritePool&) = delete;

    // Queues a job; false when the queue is full or the pool is shutting down.
    bool post(std::function<void()> job);
    // Takes no more jobs, runs the queued ones and joins the threads. Idempotent.
    void shutdown();

private:
    void run();

    std::size_t queue_depth_max_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> queue_;
    bool accepting_ = true;
    std::once_flag shutdown_once_;
    std::vector<std::thread> threads_;
};

}  // namespace bank
