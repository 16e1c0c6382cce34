#include "app/scheduler_thread.hpp"

#include <chrono>
#include <exception>

#include <spdlog/spdlog.h>

#include "service/worker_pool.hpp"

namespace bank {

SchedulerThread::SchedulerThread(StandingOrderScheduler& scheduler, InterestPoster& interest,
                                 std::chrono::seconds interval)
    : scheduler_(scheduler),
      interest_(interest),
      interval_(interval),
      thread_([this] { loop(); }) {}

SchedulerThread::~SchedulerThread() { stop(); }

void SchedulerThread::stop() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

bool SchedulerThread::stop_requested() {
    const std::lock_guard lock(mutex_);
    return stopping_;
}

void SchedulerThread::loop() {
    // Below the I/O threads, as the hashing workers: a page's answer goes before the pass's
    // next step. A pass of 100,000 orders reads them all and then claims, records and
    // advances them batch by batch on this thread for a minute or more, beside the pages
    // (docs/BENCHMARKS.md, issue 14).
    lower_thread_priority();
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            const auto started = std::chrono::steady_clock::now();
            const SchedulerPass pass = scheduler_.run_pass([this] { return stop_requested(); });
            const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
            // The pass's own duration: the benchmark of issue 14 reads it from this line.
            if (pass.posted + pass.retrying + pass.failed + pass.skipped > 0) {
                spdlog::info(
                    "standing orders: {} due, {} posted, {} retrying, {} failed, {} skipped "
                    "in {:.2f} s",
                    pass.orders, pass.posted, pass.retrying, pass.failed, pass.skipped,
                    took.count());
                log_steps(pass.steps);
            }
        } catch (const std::exception& error) {
            spdlog::error("standing orders: the pass stopped: {}", error.what());
        }
        run_interest();
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

// Where the pass's time went: the writer's share against the scheduler's own reads and
// bookkeeping writes (docs/BENCHMARKS.md, issue 14).
void SchedulerThread::log_steps(const SchedulerStepTimes& steps) {
    spdlog::info(
        "standing orders: steps: reads {:.2f} s, claims {:.2f} s, writer {:.2f} s, outcomes "
        "{:.2f} s, next dates {:.2f} s, alerts {:.2f} s",
        steps.reads.count(), steps.claims.count(), steps.writer.count(), steps.outcomes.count(),
        steps.next_dates.count(), steps.alerts.count());
}

void SchedulerThread::run_interest() {
    try {
        const InterestPass pass = interest_.run_pass([this] { return stop_requested(); });
        if (pass.accounts > 0) {  // once a month per server: its first pass of the month
            spdlog::info(
                "interest: {} savings accounts, {} months posted, {} under a cent, {} "
                "refused, {} recorded by another server",
                pass.accounts, pass.posted, pass.nothing, pass.refused, pass.busy);
        }
    } catch (const std::exception& error) {
        spdlog::error("interest: the pass stopped: {}", error.what());
    }
}

}  // namespace bank
