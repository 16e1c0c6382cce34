#include "service/worker_pool.hpp"

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <future>
#include <optional>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace bank {
namespace {

// A job that blocks its worker until the test lets it go.
struct Gate {
    std::promise<void> opened;
    std::shared_future<void> wait = opened.get_future().share();
};

boost::asio::awaitable<void> run_job(WorkerPool& pool, std::shared_future<void> gate,
                                     std::optional<std::optional<int>>* out,
                                     std::atomic<int>* started = nullptr) {
    auto job = [gate, started] {
        if (started != nullptr) started->fetch_add(1);
        gate.wait();
        return getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    };
    out->emplace(co_await pool.run(std::move(job)));
}

TEST(WorkerPoolTest, JobsBeyondTheBoundAreRefusedAtOnceAndTheOthersRunAtLowerPriority) {
    constexpr std::size_t bound = 3;
    const int caller_priority = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    WorkerPool pool(1, bound);
    Gate gate;
    boost::asio::io_context io;
    std::optional<std::optional<int>> outcomes[bound + 2];
    std::future<void> done[bound + 2];
    for (std::size_t i = 0; i < bound + 2; ++i) {
        done[i] = boost::asio::co_spawn(io, run_job(pool, gate.wait, &outcomes[i]),
                                        boost::asio::use_future);
    }
    // Every job has been started or refused once the io_context has nothing left to do
    // but wait for the pool.
    while (pool.in_flight() < bound) io.run_one();
    io.poll();
    EXPECT_EQ(pool.in_flight(), bound);
    ASSERT_TRUE(outcomes[bound].has_value()) << "refused at once, not queued";
    EXPECT_FALSE(outcomes[bound]->has_value());
    ASSERT_TRUE(outcomes[bound + 1].has_value());
    EXPECT_FALSE(outcomes[bound + 1]->has_value());

    gate.opened.set_value();
    io.restart();
    io.run();
    for (std::size_t i = 0; i < bound; ++i) {
        done[i].get();
        ASSERT_TRUE(outcomes[i].has_value() && outcomes[i]->has_value()) << "job " << i;
        EXPECT_EQ(**outcomes[i], worker_thread_nice) << "a worker thread runs below the others";
    }
    EXPECT_EQ(pool.in_flight(), 0U);
    EXPECT_EQ(getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())), caller_priority)
        << "the caller's own priority is left alone";
}

TEST(WorkerPoolTest, AStoppingPoolFinishesTheRunningJobButStartsNoQueuedOne) {
    WorkerPool pool(1, 4);
    Gate gate;
    boost::asio::io_context io;
    std::optional<std::optional<int>> outcomes[3];
    std::future<void> done[3];
    std::atomic<int> started{0};
    for (std::size_t i = 0; i < 3; ++i) {
        done[i] = boost::asio::co_spawn(io, run_job(pool, gate.wait, &outcomes[i], &started),
                                        boost::asio::use_future);
    }
    while (pool.in_flight() < 3) io.run_one();
    // The first job holds the only worker; the others wait in its queue.
    while (started.load() == 0) std::this_thread::yield();
    std::thread stopper([&pool] { pool.stop(); });
    std::thread opener([&gate, &pool] {
        while (!pool.stopping()) std::this_thread::yield();
        gate.opened.set_value();
    });
    io.run();
    stopper.join();
    opener.join();
    for (auto& finished : done) finished.get();
    ASSERT_TRUE(outcomes[0].has_value() && outcomes[0]->has_value()) << "the running job ends";
    EXPECT_EQ(**outcomes[0], worker_thread_nice);
    for (std::size_t i = 1; i < 3; ++i) {
        ASSERT_TRUE(outcomes[i].has_value()) << "job " << i;
        EXPECT_FALSE(outcomes[i]->has_value()) << "queued job " << i << " answered as refused";
    }
}

}  // namespace
}  // namespace bank
