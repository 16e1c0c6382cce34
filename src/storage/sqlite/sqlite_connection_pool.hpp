#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// Connections to one file for any number of threads: a thread borrows one for a single read
// or write and gives it back, with the statements it prepared. Two uses:
// - reads (Mode::read_only): in WAL mode each read sees the latest commit and never blocks
//   the writer;
// - the store's side writes, the roles that move no money (standing orders' bookkeeping,
//   budgets, passkeys, ...), outside the ledger writer's queue (Mode::read_write_create, with
//   foreign keys enforced as on the writer's connection). Each takes SQLite's write lock for
//   its statement or transaction; reusing the connection saves opening the file, reading the
//   schema and preparing every statement again for each call (the scheduler's rounds made two
//   such calls each).
class SqliteConnectionPool {
public:
    SqliteConnectionPool(std::string path, SqliteConnection::Mode mode, std::size_t idle_max);

    template <class Visit>
    auto with_connection(Visit&& visit) {
        std::unique_ptr<SqliteConnection> connection = acquire();
        struct Giveback {
            SqliteConnectionPool& pool;
            std::unique_ptr<SqliteConnection>& connection;
            ~Giveback() { pool.release(std::move(connection)); }
        } giveback{*this, connection};
        return visit(*connection);
    }

    // Borrows a connection and hands `use` a `Role` over it (SqliteBudgets, SqliteGoals, ...).
    template <class Role, class Use>
    auto with(Use&& use) {
        return with_connection([&](SqliteConnection& connection) {
            Role role(connection);
            return use(role);
        });
    }

private:
    std::unique_ptr<SqliteConnection> acquire();
    void release(std::unique_ptr<SqliteConnection> connection);

    std::string path_;
    SqliteConnection::Mode mode_;
    std::size_t idle_max_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<SqliteConnection>> idle_;
};

}  // namespace bank
