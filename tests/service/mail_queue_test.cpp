// The reset mail thread: jobs run in order on a thread of their own, at most depth_max wait,
// a failing job does not stop the next, and shutting down drops the waiting ones instead of
// waiting for a slow mail server.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "service/mail_queue.hpp"
#include "support/wait_for.hpp"

namespace bank {
namespace {

TEST(MailQueue, RunsJobsInOrderOffTheCallersThreadAndGoesOnAfterAFailure) {
    std::mutex mutex;
    std::vector<int> ran;
    std::atomic<bool> off_thread{true};
    const auto caller = std::this_thread::get_id();
    {
        MailQueue queue(8);
        ASSERT_TRUE(queue.post([] { throw std::runtime_error("the mail server said no"); }));
        for (int job = 1; job <= 3; ++job) {
            ASSERT_TRUE(queue.post([&, job] {
                if (std::this_thread::get_id() == caller) off_thread = false;
                const std::lock_guard lock(mutex);
                ran.push_back(job);
            }));
        }
        test::wait_for("the three jobs to run", [&] { return queue.pending() == 0; });
    }
    EXPECT_EQ(ran, (std::vector<int>{1, 2, 3}));
    EXPECT_TRUE(off_thread);
}

TEST(MailQueue, RefusesBeyondItsDepthAndDropsTheWaitingOnesAtShutdown) {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<int> ran{0};
    std::atomic<bool> started{false};
    std::thread releaser;
    {
        MailQueue queue(2);
        ASSERT_TRUE(queue.post([&] {
            started = true;
            released.wait();
            ++ran;
        }));
        EXPECT_TRUE(test::wait_for("the first job to start", [&] { return started.load(); }));
        EXPECT_TRUE(queue.post([&] { ++ran; }));
        EXPECT_TRUE(queue.post([&] { ++ran; }));
        EXPECT_FALSE(queue.post([&] { ++ran; })) << "two wait already";
        // The running job ends only once the shutdown below has dropped the waiting two.
        releaser = std::thread([&] {
            EXPECT_TRUE(test::wait_for("the waiting jobs to be dropped",
                                       [&] { return queue.pending() == 1; }));
            release.set_value();
        });
    }
    releaser.join();
    EXPECT_EQ(ran, 1) << "the running job finished; the waiting ones were dropped";
}

}  // namespace
}  // namespace bank
