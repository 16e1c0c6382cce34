#include "storage/sqlite/sqlite_write_lanes.hpp"

#include <spdlog/spdlog.h>

#include <utility>

#include "core/limits.hpp"
#include "core/thread_priority.hpp"

namespace bank {

SqliteWriteLanes::SqliteWriteLanes(Commit commit) : commit_(std::move(commit)) {
    interactive_thread_ = std::thread([this] { run(Lane::interactive); });
    background_thread_ = std::thread([this] {
        if (!lower_this_thread_priority()) {
            spdlog::warn("sqlite store: the background writer runs at the I/O threads' priority");
        }
        run(Lane::background);
    });
}

SqliteWriteLanes::~SqliteWriteLanes() { shutdown(); }

bool SqliteWriteLanes::push(QueuedWrite& write, Lane lane) {
    {
        const std::lock_guard lock(mutex_);
        std::deque<QueuedWrite>& queue = queue_of(lane);
        if (!accepting_ || queue.size() >= limits::writer_queue_depth_max) return false;
        queue.push_back(std::move(write));
    }
    ready_of(lane).notify_one();
    return true;
}

void SqliteWriteLanes::shutdown() {
    std::call_once(shutdown_once_, [this] {
        {
            const std::lock_guard lock(mutex_);
            accepting_ = false;
        }
        interactive_ready_.notify_one();
        background_ready_.notify_one();
        if (interactive_thread_.joinable()) interactive_thread_.join();
        if (background_thread_.joinable()) background_thread_.join();
    });
}

void SqliteWriteLanes::run(Lane lane) {
    std::vector<QueuedWrite> group;
    group.reserve(lane == Lane::interactive ? limits::writer_batch_max
                                            : limits::background_writer_batch_max);
    while (take(lane, group)) {
        commit_(group);
        group.clear();
        release(lane);
    }
}

bool SqliteWriteLanes::take(Lane lane, std::vector<QueuedWrite>& group) {
    std::unique_lock lock(mutex_);
    std::deque<QueuedWrite>& queue = queue_of(lane);
    ready_of(lane).wait(lock, [&] { return queue.empty() ? !accepting_ : may_write(lane); });
    if (queue.empty()) return false;  // shut down and drained
    writing_ = true;
    if (lane == Lane::interactive) {
        ++interactive_turns_in_a_row_;
    } else {
        interactive_turns_in_a_row_ = 0;
    }
    const std::size_t group_max =
        lane == Lane::interactive ? limits::writer_batch_max : limits::background_writer_batch_max;
    while (!queue.empty() && group.size() < group_max) {
        group.push_back(std::move(queue.front()));
        queue.pop_front();
    }
    return true;
}

void SqliteWriteLanes::release(Lane lane) {
    const Lane other = lane == Lane::interactive ? Lane::background : Lane::interactive;
    bool other_waits = false;
    {
        const std::lock_guard lock(mutex_);
        writing_ = false;
        if (background_.empty()) interactive_turns_in_a_row_ = 0;
        other_waits = !queue_of(other).empty();
    }
    // This lane's own thread loops by itself; the other one is woken only if it has work.
    if (other_waits) ready_of(other).notify_one();
}

// The interactive lane writes whenever the connection is free, unless it has had its
// background_turn_every groups in a row while background writes waited; the background lane
// only when no interactive write waits, or when it is owed its turn.
bool SqliteWriteLanes::may_write(Lane lane) const {
    if (writing_) return false;
    const bool background_owed =
        !background_.empty() && interactive_turns_in_a_row_ >= background_turn_every;
    if (lane == Lane::interactive) return !background_owed;
    return interactive_.empty() || background_owed;
}

std::deque<QueuedWrite>& SqliteWriteLanes::queue_of(Lane lane) {
    return lane == Lane::interactive ? interactive_ : background_;
}

std::condition_variable& SqliteWriteLanes::ready_of(Lane lane) {
    return lane == Lane::interactive ? interactive_ready_ : background_ready_;
}

}  // namespace bank
