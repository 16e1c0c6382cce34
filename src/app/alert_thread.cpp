#include "app/alert_thread.hpp"

#include <exception>
#include <optional>

#include <spdlog/spdlog.h>

namespace bank {

AlertThread::AlertThread(AlertEvaluator& evaluator, IdleGate& rules,
                         std::chrono::milliseconds interval)
    : evaluator_(evaluator), rules_(rules), interval_(interval), thread_([this] { loop(); }) {}

AlertThread::~AlertThread() { stop(); }

void AlertThread::stop() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

bool AlertThread::stop_requested() {
    const std::lock_guard lock(mutex_);
    return stopping_;
}

void AlertThread::loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            const std::optional<AlertPass> pass =
                evaluator_.run_pass_when_needed(rules_, [this] { return stop_requested(); });
            if (pass && pass->notifications > 0) {
                spdlog::info("alerts: {} postings read, {} notifications", pass->postings,
                             pass->notifications);
            }
        } catch (const std::exception& error) {
            spdlog::error("alerts: the pass stopped: {}", error.what());
        }
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

}  // namespace bank
