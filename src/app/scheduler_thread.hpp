#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "service/standing_order_scheduler.hpp"

namespace bank {

// Runs the standing-order scheduler's passes on a thread of its own, one at start-up and then
// one every `interval` (BANK_SCHEDULER_INTERVAL), so an order runs within one interval of its
// due day starting. A pass that fails (the store is out) is logged and the next one tries
// again: every step of a pass is safe to repeat. stop() waits for the pass under way.
class SchedulerThread {
public:
    SchedulerThread(StandingOrderScheduler& scheduler, std::chrono::seconds interval);
    ~SchedulerThread();
    SchedulerThread(const SchedulerThread&) = delete;
    SchedulerThread& operator=(const SchedulerThread&) = delete;

    void stop();

private:
    void loop();

    StandingOrderScheduler& scheduler_;
    std::chrono::seconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace bank
