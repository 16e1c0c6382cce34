#include "storage/sqlite/sqlite_connection_pool.hpp"

#include <utility>

namespace bank {

SqliteConnectionPool::SqliteConnectionPool(std::string path, SqliteConnection::Mode mode,
                                           std::size_t idle_max)
    : path_(std::move(path)), mode_(mode), idle_max_(idle_max) {}

std::unique_ptr<SqliteConnection> SqliteConnectionPool::acquire() {
    {
        const std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            return connection;
        }
    }
    auto connection = std::make_unique<SqliteConnection>(path_, mode_);
    if (mode_ == SqliteConnection::Mode::read_write_create) {
        connection->execute("PRAGMA foreign_keys = ON");
    }
    return connection;
}

// More connections are opened under load and closed afterwards. One left inside a
// transaction (its ROLLBACK failed too) is closed, which rolls it back, so the next borrower
// never finds it open.
void SqliteConnectionPool::release(std::unique_ptr<SqliteConnection> connection) {
    if (!connection || connection->in_transaction()) return;
    const std::lock_guard lock(mutex_);
    if (idle_.size() < idle_max_) idle_.push_back(std::move(connection));
}

}  // namespace bank
