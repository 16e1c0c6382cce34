#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace bank {

// A thread of its own that runs jobs in the order they came: the work behind a password
// reset request (a store read and write, then an SMTP exchange that may take seconds), done
// after the request was answered so that neither an I/O thread nor the answer waits for it.
// At most `depth_max` jobs wait; more are refused. A job's exception is logged and the
// thread goes on. On destruction the job running finishes and the waiting ones are dropped
// (logged with their number): a shutdown does not wait for a slow mail server.
class MailQueue {
public:
    explicit MailQueue(std::size_t depth_max);
    ~MailQueue();
    MailQueue(const MailQueue&) = delete;
    MailQueue& operator=(const MailQueue&) = delete;

    // False when the queue is full or stopping; the job is then not run.
    bool post(std::function<void()> job);
    // Jobs waiting or running (for tests).
    std::size_t pending() const;

private:
    void run();

    std::size_t depth_max_;
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> jobs_;
    bool running_job_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace bank
