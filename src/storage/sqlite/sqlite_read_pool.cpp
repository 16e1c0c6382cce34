#include "storage/sqlite/sqlite_read_pool.hpp"

namespace bank {

namespace {

// Idle connections kept for reuse; more are opened under load and closed afterwards.
constexpr std::size_t idle_connections_max = 16;

}  // namespace

SqliteReadPool::SqliteReadPool(std::string path) : path_(std::move(path)) {}

std::unique_ptr<SqliteConnection> SqliteReadPool::acquire() {
    {
        const std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            return connection;
        }
    }
    return std::make_unique<SqliteConnection>(path_, SqliteConnection::Mode::read_only);
}

void SqliteReadPool::release(std::unique_ptr<SqliteConnection> connection) {
    const std::lock_guard lock(mutex_);
    if (idle_.size() < idle_connections_max) idle_.push_back(std::move(connection));
}

}  // namespace bank
