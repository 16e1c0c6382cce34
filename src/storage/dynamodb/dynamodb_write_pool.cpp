#include "storage/dynamodb/dynamodb_write_pool.hpp"

#include <utility>

namespace bank {

DynamoDbWritePool::DynamoDbWritePool(std::size_t threads, std::size_t queue_depth_max)
    : queue_depth_max_(queue_depth_max) {
    threads_.reserve(threads);
    for (std::size_t index = 0; index < threads; ++index) threads_.emplace_back([this] { run(); });
}

DynamoDbWritePool::~DynamoDbWritePool() { shutdown(); }

bool DynamoDbWritePool::post(std::function<void()> job) {
    {
        const std::lock_guard lock(mutex_);
        if (!accepting_ || queue_.size() >= queue_depth_max_) return false;
        queue_.push_back(std::move(job));
    }
    ready_.notify_one();
    return true;
}

void DynamoDbWritePool::shutdown() {
    std::call_once(shutdown_once_, [this] {
        {
            const std::lock_guard lock(mutex_);
            accepting_ = false;
        }
        ready_.notify_all();
        for (std::thread& thread : threads_) {
            if (thread.joinable()) thread.join();
        }
    });
}

void DynamoDbWritePool::run() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return !queue_.empty() || !accepting_; });
            if (queue_.empty()) return;  // shut down and drained
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        job();
    }
}

}  // namespace bank
