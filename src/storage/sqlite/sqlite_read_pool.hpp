#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// Read connections for any number of threads: a thread borrows one for a single read and
// gives it back. In WAL mode each read sees the latest commit and never blocks the writer.
class SqliteReadPool {
public:
    explicit SqliteReadPool(std::string path);

    template <class Visit>
    auto with_connection(Visit&& visit) {
        std::unique_ptr<SqliteConnection> connection = acquire();
        struct Giveback {
            SqliteReadPool& pool;
            std::unique_ptr<SqliteConnection>& connection;
            ~Giveback() { pool.release(std::move(connection)); }
        } giveback{*this, connection};
        return visit(*connection);
    }

private:
    std::unique_ptr<SqliteConnection> acquire();
    void release(std::unique_ptr<SqliteConnection> connection);

    std::string path_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<SqliteConnection>> idle_;
};

}  // namespace bank
