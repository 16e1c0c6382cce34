#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "service/interest_poster.hpp"
#include "service/standing_order_scheduler.hpp"

namespace bank {

// Runs the standing-order scheduler's passes on a thread of its own, one at start-up and then
// one every `interval` (BANK_SCHEDULER_INTERVAL), so an order runs within one interval of its
// due day starting. Each pass then runs the interest poster's pass on the same thread (the
// interest of last month, once; the rest of the month's passes read nothing). A pass that fails
// (the store is out) is logged and the next one tries again: every step of a pass is safe to
// repeat. stop() waits for the batch or the account under way, not for the whole pass.
class SchedulerThread {
public:
    SchedulerThread(StandingOrderScheduler& scheduler, InterestPoster& interest,
                    std::chrono::seconds interval);
    ~SchedulerThread();
    SchedulerThread(const SchedulerThread&) = delete;
    SchedulerThread& operator=(const SchedulerThread&) = delete;

    void stop();

private:
    void loop();

    void run_interest();
    static void log_steps(const SchedulerStepTimes& steps);
    bool stop_requested();

    StandingOrderScheduler& scheduler_;
    InterestPoster& interest_;
    std::chrono::seconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace bank
