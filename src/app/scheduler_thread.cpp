#include "app/scheduler_thread.hpp"

#include <exception>

#include <spdlog/spdlog.h>

namespace bank {

SchedulerThread::SchedulerThread(StandingOrderScheduler& scheduler, std::chrono::seconds interval)
    : scheduler_(scheduler), interval_(interval), thread_([this] { loop(); }) {}

SchedulerThread::~SchedulerThread() { stop(); }

void SchedulerThread::stop() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void SchedulerThread::loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            const SchedulerPass pass = scheduler_.run_pass();
            if (pass.posted + pass.retrying + pass.failed + pass.skipped > 0) {
                spdlog::info(
                    "standing orders: {} due, {} posted, {} retrying, {} failed, {} skipped",
                    pass.orders, pass.posted, pass.retrying, pass.failed, pass.skipped);
            }
        } catch (const std::exception& error) {
            spdlog::error("standing orders: the pass stopped: {}", error.what());
        }
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

}  // namespace bank
