#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "service/alert_evaluator.hpp"
#include "service/idle_gate.hpp"

namespace bank {

// Runs the alert evaluator's passes on a thread of its own, one at start-up and then one
// every `interval` (limits::alert_pass_interval; BANK_ALERT_INTERVAL): not the standing-order
// scheduler's thread, whose 30-second passes would make a notification wait that long. A pass
// that fails (the store is out) is logged and the next one tries again: the cursor only moves
// after a page's notifications are stored. While nobody has a rule (`rules`) a wake-up reads
// nothing. stop() waits for the page under way.
class AlertThread {
public:
    AlertThread(AlertEvaluator& evaluator, IdleGate& rules, std::chrono::milliseconds interval);
    ~AlertThread();
    AlertThread(const AlertThread&) = delete;
    AlertThread& operator=(const AlertThread&) = delete;

    void stop();

private:
    void loop();
    bool stop_requested();

    AlertEvaluator& evaluator_;
    IdleGate& rules_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace bank
