#include "service/mail_queue.hpp"

#include <exception>

#include <spdlog/spdlog.h>

#include "service/worker_pool.hpp"

namespace bank {

MailQueue::MailQueue(std::size_t depth_max) : depth_max_(depth_max), thread_([this] { run(); }) {}

MailQueue::~MailQueue() {
    std::size_t dropped = 0;
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        dropped = jobs_.size();
        jobs_.clear();
    }
    ready_.notify_one();
    if (dropped > 0) spdlog::warn("shutting down: {} queued reset mail(s) not sent", dropped);
    thread_.join();
}

bool MailQueue::post(std::function<void()> job) {
    {
        const std::lock_guard lock(mutex_);
        if (stopping_ || jobs_.size() >= depth_max_) return false;
        jobs_.push_back(std::move(job));
    }
    ready_.notify_one();
    return true;
}

std::size_t MailQueue::pending() const {
    const std::lock_guard lock(mutex_);
    return jobs_.size() + (running_job_ ? 1 : 0);
}

void MailQueue::run() {
    // Below the I/O threads, as the hashing workers: an answer goes before a mail.
    lower_thread_priority();
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            running_job_ = false;
            ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (stopping_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
            running_job_ = true;
        }
        try {
            job();
        } catch (const std::exception& error) {
            spdlog::error("password reset mail job failed: {}", error.what());
        }
    }
}

}  // namespace bank
