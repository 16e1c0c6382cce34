#include "storage/sqlite/sqlite_write_lanes.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/limits.hpp"
#include "core/thread_priority.hpp"
#include "support/wait_for.hpp"

namespace bank {
namespace {

using Lane = SqliteWriteLanes::Lane;

// Each test write is an AppendAuditEvents whose events_max is its number (the lanes never look
// inside a command). The commit below records the groups in the order they were committed, and
// can be held at its start so that writes pile up in the queues meanwhile.
class RecordingCommit {
public:
    void operator()(std::vector<QueuedWrite>& group) {
        std::unique_lock lock(mutex_);
        ++entered_;
        entered_changed_.notify_all();
        released_changed_.wait(lock, [&] { return !held_; });
        std::vector<std::size_t> numbers;
        for (QueuedWrite& write : group) {
            numbers.push_back(std::get<AppendAuditEvents>(write.command).events_max);
        }
        groups_.push_back(numbers);
        nice_.push_back(getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())));
        lock.unlock();
        if (during_) during_(numbers);
        for (QueuedWrite& write : group) write.done(WriteResult{});
    }

    void hold() {
        const std::lock_guard lock(mutex_);
        held_ = true;
    }
    void release() {
        {
            const std::lock_guard lock(mutex_);
            held_ = false;
        }
        released_changed_.notify_all();
    }
    // Waits until `count` groups have started committing.
    void wait_until_entered(std::size_t count) {
        std::unique_lock lock(mutex_);
        entered_changed_.wait(lock, [&] { return entered_ >= count; });
    }
    std::vector<std::vector<std::size_t>> groups() {
        const std::lock_guard lock(mutex_);
        return groups_;
    }
    std::vector<int> nice() {
        const std::lock_guard lock(mutex_);
        return nice_;
    }
    // Runs after each group is recorded, outside the lock (a steady stream of new writes).
    std::function<void(const std::vector<std::size_t>&)> during_;

private:
    std::mutex mutex_;
    std::condition_variable entered_changed_;
    std::condition_variable released_changed_;
    bool held_ = false;
    std::size_t entered_ = 0;
    std::vector<std::vector<std::size_t>> groups_;
    std::vector<int> nice_;
};

class SqliteWriteLanesTest : public ::testing::Test {
protected:
    bool push(std::size_t number, Lane lane) {
        QueuedWrite write{AppendAuditEvents{{}, number}, [this](const WriteResult&) { ++done_; }};
        return lanes_.push(write, lane);
    }

    RecordingCommit commit_;
    std::atomic<std::size_t> done_{0};
    SqliteWriteLanes lanes_{[this](std::vector<QueuedWrite>& group) { commit_(group); }};
};

TEST_F(SqliteWriteLanesTest, APersonsWriteGoesBeforeTheBanksQueuedBackgroundWrites) {
    commit_.hold();
    ASSERT_TRUE(push(1, Lane::background));
    commit_.wait_until_entered(1);
    ASSERT_TRUE(push(2, Lane::background));
    ASSERT_TRUE(push(3, Lane::background));
    ASSERT_TRUE(push(100, Lane::interactive));
    commit_.release();
    ASSERT_TRUE(test::wait_for("all four committed", [&] { return done_.load() == 4; }));
    const std::vector<std::vector<std::size_t>> expected{{1}, {100}, {2, 3}};
    EXPECT_EQ(commit_.groups(), expected);
}

TEST_F(SqliteWriteLanesTest, BackgroundWritesGoInBoundedGroupsSoAPersonWaitsForOneAtMost) {
    commit_.hold();
    ASSERT_TRUE(push(0, Lane::background));
    commit_.wait_until_entered(1);
    const std::size_t more = 2 * limits::background_writer_batch_max + 2;
    for (std::size_t number = 1; number <= more; ++number)
        ASSERT_TRUE(push(number, Lane::background));
    commit_.release();
    ASSERT_TRUE(test::wait_for("all committed", [&] { return done_.load() == more + 1; }));
    const auto groups = commit_.groups();
    ASSERT_EQ(groups.size(), 4U);
    EXPECT_EQ(groups[1].size(), limits::background_writer_batch_max);
    EXPECT_EQ(groups[2].size(), limits::background_writer_batch_max);
    EXPECT_EQ(groups[3].size(), 2U);
}

TEST_F(SqliteWriteLanesTest, TheBanksWritesStillGetATurnUnderASteadyStreamOfPeoplesWrites) {
    // Each interactive group queues the next person's write before it ends, so the interactive
    // queue is never empty when the connection is released.
    constexpr std::size_t background_number = 1000;
    constexpr std::size_t interactive_writes = 3 * SqliteWriteLanes::background_turn_every;
    commit_.during_ = [&](const std::vector<std::size_t>& numbers) {
        if (numbers.front() == 0) {
            ASSERT_TRUE(push(background_number, Lane::background));
        }
        if (numbers.front() < interactive_writes) {
            ASSERT_TRUE(push(numbers.front() + 1, Lane::interactive));
        }
    };
    ASSERT_TRUE(push(0, Lane::interactive));
    ASSERT_TRUE(test::wait_for("every write committed",
                               [&] { return done_.load() == interactive_writes + 2; }));
    const auto groups = commit_.groups();
    const auto background =
        std::find(groups.begin(), groups.end(), std::vector<std::size_t>{background_number});
    ASSERT_NE(background, groups.end());
    // Queued during the first group: at most background_turn_every interactive groups before it.
    EXPECT_LE(background - groups.begin(),
              static_cast<std::ptrdiff_t>(SqliteWriteLanes::background_turn_every));
    EXPECT_LT(background - groups.begin(), static_cast<std::ptrdiff_t>(groups.size() - 1))
        << "people's writes went on after the background write's turn";
}

TEST_F(SqliteWriteLanesTest, TheBackgroundLaneRunsBelowThePriorityOfPeoplesWrites) {
    const int inherited = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    ASSERT_TRUE(push(1, Lane::interactive));
    ASSERT_TRUE(test::wait_for("the first committed", [&] { return done_.load() == 1; }));
    ASSERT_TRUE(push(2, Lane::background));
    ASSERT_TRUE(test::wait_for("the second committed", [&] { return done_.load() == 2; }));
    const std::vector<int> expected{inherited, background_thread_nice};
    EXPECT_EQ(commit_.nice(), expected);
}

TEST_F(SqliteWriteLanesTest, ShutdownCommitsWhatBothLanesHoldAndThenRefusesNewWrites) {
    commit_.hold();
    ASSERT_TRUE(push(1, Lane::interactive));
    commit_.wait_until_entered(1);
    for (std::size_t number = 2; number <= 5; ++number) {
        ASSERT_TRUE(push(number, number % 2 == 0 ? Lane::background : Lane::interactive));
    }
    std::size_t accepted = 5;
    std::thread stopping([&] { lanes_.shutdown(); });
    // Writes pushed before the shutdown began are accepted, and committed with the rest.
    ASSERT_TRUE(test::wait_for("new writes refused", [&] {
        if (!push(100 + accepted, Lane::background)) return true;
        ++accepted;
        return false;
    }));
    commit_.release();
    stopping.join();
    EXPECT_EQ(done_.load(), accepted);
    EXPECT_FALSE(push(10, Lane::interactive));
}

TEST_F(SqliteWriteLanesTest, AFullLaneRefusesMoreWhileTheOtherStillTakesWrites) {
    commit_.hold();
    ASSERT_TRUE(push(0, Lane::interactive));
    commit_.wait_until_entered(1);
    for (std::size_t number = 1; number <= limits::writer_queue_depth_max; ++number) {
        ASSERT_TRUE(push(number, Lane::interactive));
    }
    EXPECT_FALSE(push(limits::writer_queue_depth_max + 1, Lane::interactive));
    EXPECT_TRUE(push(limits::writer_queue_depth_max + 2, Lane::background));
    commit_.release();
    ASSERT_TRUE(test::wait_for("every accepted write committed",
                               [&] { return done_.load() == limits::writer_queue_depth_max + 2; }));
}

}  // namespace
}  // namespace bank
