#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "ledger/ledger_writer.hpp"

namespace bank {

// A write waiting for the writer, with what runs once it is durable.
struct QueuedWrite {
    WriteCommand command;
    LedgerWriter::Completion done;
};

// The two queues in front of the one write connection, and the two threads that take turns
// on it. The interactive lane holds the writes people wait for (forms, API calls) and runs at
// the I/O threads' priority; the background lane holds the bank's own (the scheduler's
// postings, interest) and runs at background_thread_nice, taking its turn
// only when no interactive write waits. So while 100,000 standing orders are posted, a
// person's transfer waits for at most one background group (limits::background_writer_batch_max)
// rather than for the whole queued batch, and a contended core gives the background writer a
// third of an I/O thread's share (nice 5). A priority is per thread and
// a process without CAP_SYS_NICE cannot raise one it lowered, hence two threads rather than one
// that changes its own.
//
// Starvation is bounded both ways: after background_turn_every interactive groups in a row
// while background writes wait, the background lane gets a turn (a saturated server still
// posts its standing orders), and the background lane takes bounded groups.
//
// Only one thread holds the connection at a time (`writing_`), and the mutex orders one
// turn's writes before the next turn's reads, so `commit` needs no locking of its own.
class SqliteWriteLanes {
public:
    using Commit = std::function<void(std::vector<QueuedWrite>&)>;
    enum class Lane { interactive, background };

    // Interactive groups in a row that may pass a waiting background write.
    static constexpr std::size_t background_turn_every = 8;

    // Starts both threads; `commit` applies and completes one group.
    explicit SqliteWriteLanes(Commit commit);
    ~SqliteWriteLanes();
    SqliteWriteLanes(const SqliteWriteLanes&) = delete;
    SqliteWriteLanes& operator=(const SqliteWriteLanes&) = delete;

    // Queues `write` (moved from only then) and answers true; false when the lane holds
    // limits::writer_queue_depth_max writes already or the lanes are shut down.
    bool push(QueuedWrite& write, Lane lane);
    // Stops taking writes, commits everything queued and joins both threads. Idempotent.
    void shutdown();

private:
    void run(Lane lane);
    // Waits until `lane` may write and has work, and takes a group; false once shut down and
    // drained.
    bool take(Lane lane, std::vector<QueuedWrite>& group);
    void release(Lane lane);
    bool may_write(Lane lane) const;
    std::deque<QueuedWrite>& queue_of(Lane lane);
    std::condition_variable& ready_of(Lane lane);

    Commit commit_;
    std::mutex mutex_;
    std::condition_variable interactive_ready_;
    std::condition_variable background_ready_;
    std::deque<QueuedWrite> interactive_;
    std::deque<QueuedWrite> background_;
    bool accepting_ = true;
    bool writing_ = false;
    std::size_t interactive_turns_in_a_row_ = 0;

    std::once_flag shutdown_once_;
    std::thread interactive_thread_;
    std::thread background_thread_;
};

}  // namespace bank
