#include "storage/sqlite/sqlite_checkpointer.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <exception>

namespace bank {

SqliteCheckpointer::SqliteCheckpointer(SqliteConnection& writer)
    : writer_(writer),
      connection_(std::make_unique<SqliteConnection>(writer.path(),
                                                     SqliteConnection::Mode::read_write_create)) {
    connection_->execute("PRAGMA synchronous = FULL");
    sqlite3_wal_hook(writer_.handle(), &SqliteCheckpointer::on_commit, this);
    thread_ = std::thread([this] { loop(); });
}

SqliteCheckpointer::~SqliteCheckpointer() {
    sqlite3_wal_hook(writer_.handle(), nullptr, nullptr);
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

// On the writer thread, inside its COMMIT, after the commit is durable.
int SqliteCheckpointer::on_commit(void* self, sqlite3* database, const char*, int pages) {
    auto& checkpointer = *static_cast<SqliteCheckpointer*>(self);
    if (pages >= wal_pages_max) {
        // Over the bound: checkpoint here, holding the batch, as SQLite itself would.
        sqlite3_wal_checkpoint_v2(database, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        return SQLITE_OK;
    }
    if (pages >= checkpoint_pages) {
        {
            const std::lock_guard lock(checkpointer.mutex_);
            checkpointer.wanted_ = true;
        }
        checkpointer.wake_.notify_one();
    }
    return SQLITE_OK;
}

void SqliteCheckpointer::loop() {
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return wanted_ || stopping_; });
            if (stopping_) return;
            wanted_ = false;
        }
        const int code = sqlite3_wal_checkpoint_v2(connection_->handle(), nullptr,
                                                   SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        // BUSY: another checkpoint is running; the next commit past the mark asks again.
        if (code != SQLITE_OK && code != SQLITE_BUSY) {
            spdlog::warn("sqlite store: background checkpoint failed: {}",
                         sqlite3_errmsg(connection_->handle()));
        }
    }
}

}  // namespace bank
