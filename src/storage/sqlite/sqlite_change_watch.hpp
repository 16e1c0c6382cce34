#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/write_command.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// Data versions for Store::data_version on one SQLite file.
//
// Writes of this process: the writer calls `committed` for every command of a batch after its
// COMMIT and before any waiter is told, which bumps a counter for the user the command names
// and for every account its rows touched (both sides of a transfer). Counters live in a fixed
// table of buckets chosen by hash, so memory is bounded; two ids sharing a bucket only cost a
// needless rebuild, never a stale read.
//
// Writes of other processes (`bank admin grant`, a second server on the same file): they bump
// one epoch that every version includes, found with PRAGMA data_version. The observer
// connection's data_version changes on every commit of anyone, the writer connection's only on
// commits of other connections. After each batch the writer takes the write lock again for a
// moment (so nobody can commit), checks its own data_version (another process committed since
// its last batch: epoch) and records the observer's as `observed_`, accounting for every
// commit so far. A reader that then finds the observer's data_version different from
// `observed_` bumps the epoch: that commit is someone else's, or the writer's own one not yet
// recorded (then the epoch bump is needless but harmless).
class SqliteChangeWatch {
public:
    explicit SqliteChangeWatch(SqliteConnection& writer);

    // On the writer thread, after COMMIT, before completing the command's waiter.
    void committed(const WriteCommand& command, const WriteResult& result);
    // On the writer thread after a batch's COMMIT and its `committed` calls.
    void after_batch();
    // From any thread.
    std::uint64_t version(const std::vector<std::string>& ids);

private:
    static constexpr std::size_t buckets = 65536;  // 512 KiB, touched pages only

    void bump(std::string_view id);
    std::atomic<std::uint64_t>& bucket(std::string_view id);

    SqliteConnection& writer_;
    std::int64_t writer_seen_ = 0;  // the writer connection's data_version, writer thread only
    std::mutex observer_mutex_;
    std::unique_ptr<SqliteConnection> observer_;
    std::int64_t observed_ = 0;
    std::atomic<std::uint64_t> epoch_{0};
    std::array<std::atomic<std::uint64_t>, buckets> versions_{};
};

}  // namespace bank
