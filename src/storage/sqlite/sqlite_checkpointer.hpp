#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// Moves WAL checkpoints out of the writer's commit. SQLite's automatic checkpoint runs inside
// the COMMIT that pushes the WAL past 1,000 pages, on the writer thread, so every waiter of that
// batch waited for it too (10% of the writer's time under the transfer load). Here the writer
// connection's WAL hook (which replaces the automatic checkpoint) only wakes this thread, which
// runs PASSIVE checkpoints on a connection of its own: they copy what no reader still needs and
// never block the writer or the readers. Once a checkpoint has copied the whole WAL, the next
// write starts it over from the beginning, so the file stays about checkpoint_pages long.
//
// Bound: if the WAL still reaches wal_pages_max (the checkpointer cannot keep up, or a reader
// keeps an old snapshot), the writer checkpoints itself (PASSIVE) before it answers the batch,
// as SQLite would have done.
class SqliteCheckpointer {
public:
    // Ten times SQLite's own autocheckpoint default (1,000): a ring of transfers dirties about
    // eight pages a posting, mostly the same index leaves commit after commit, and each
    // checkpoint copies every distinct page once, so a longer interval copies each hot page
    // fewer times (the checkpointer's CPU share fell from 16% to 12%). About 40 MiB of WAL.
    static constexpr int checkpoint_pages = 10000;
    static constexpr int wal_pages_max = 4 * checkpoint_pages;  // about 160 MiB

    // Installs the hook on `writer` and starts the thread.
    explicit SqliteCheckpointer(SqliteConnection& writer);
    ~SqliteCheckpointer();
    SqliteCheckpointer(const SqliteCheckpointer&) = delete;
    SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

private:
    static int on_commit(void* self, struct sqlite3* database, const char* name, int pages);
    void loop();

    SqliteConnection& writer_;
    std::unique_ptr<SqliteConnection> connection_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool wanted_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace bank
