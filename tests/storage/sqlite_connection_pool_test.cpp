// SqliteConnectionPool: the store's read connections and its side writers (the roles that move
// no money) are borrowed and given back with their prepared statements, and a borrower never
// finds what the previous one left behind.

#include "storage/sqlite/sqlite_connection_pool.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "storage/sqlite/sqlite_error.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

class SqliteConnectionPoolTest : public ::testing::Test {
protected:
    void SetUp() override {
        SqliteConnection setup(path_, SqliteConnection::Mode::read_write_create);
        setup.execute("PRAGMA journal_mode = WAL");
        setup.execute("CREATE TABLE parents (id INTEGER PRIMARY KEY)");
        setup.execute(
            "CREATE TABLE children (id INTEGER PRIMARY KEY, parent INTEGER NOT NULL "
            "REFERENCES parents (id))");
        setup.execute("INSERT INTO parents (id) VALUES (1)");
    }

    std::int64_t children() {
        return readers_.with_connection([](SqliteConnection& connection) {
            auto count = connection.query("SELECT COUNT(*) FROM children");
            count.step();
            return count.integer(0);
        });
    }

    test::ScratchDirectory directory_{"bank_connection_pool"};
    std::string path_ = directory_.file("pool.db");
    SqliteConnectionPool side_writers_{path_, SqliteConnection::Mode::read_write_create, 2};
    SqliteConnectionPool readers_{path_, SqliteConnection::Mode::read_only, 2};
};

TEST_F(SqliteConnectionPoolTest, ASideWriterIsGivenBackAndLentAgain) {
    const SqliteConnection* first = nullptr;
    side_writers_.with_connection([&](SqliteConnection& connection) { first = &connection; });
    side_writers_.with_connection([&](SqliteConnection& connection) {
        EXPECT_EQ(&connection, first);
        connection.execute("INSERT INTO children (id, parent) VALUES (10, 1)");
    });
    EXPECT_EQ(children(), 1);
}

// As on the writer's connection: a side write that names a missing row is refused.
TEST_F(SqliteConnectionPoolTest, ASideWriterEnforcesForeignKeys) {
    EXPECT_THROW(side_writers_.with_connection([](SqliteConnection& connection) {
        connection.execute("INSERT INTO children (id, parent) VALUES (11, 2)");
    }),
                 SqliteError);
    EXPECT_EQ(children(), 0);
}

// A borrower that throws inside its transaction and cannot roll back leaves the connection
// open in it; the pool closes that one (which rolls it back) and lends a fresh one.
TEST_F(SqliteConnectionPoolTest, AConnectionLeftInATransactionIsNotLentAgain) {
    const SqliteConnection* left = nullptr;
    EXPECT_THROW(side_writers_.with_connection([&](SqliteConnection& connection) {
        left = &connection;
        connection.execute("BEGIN IMMEDIATE");
        connection.execute("INSERT INTO children (id, parent) VALUES (12, 1)");
        throw std::runtime_error("the borrower failed before COMMIT");
    }),
                 std::runtime_error);
    side_writers_.with_connection([&](SqliteConnection& connection) {
        EXPECT_NE(&connection, left);
        EXPECT_FALSE(connection.in_transaction());
        // The write lock was released with the abandoned transaction.
        connection.execute("BEGIN IMMEDIATE");
        connection.execute("INSERT INTO children (id, parent) VALUES (13, 1)");
        connection.execute("COMMIT");
    });
    EXPECT_EQ(children(), 1);
}

TEST_F(SqliteConnectionPoolTest, AReadConnectionRefusesWrites) {
    EXPECT_THROW(readers_.with_connection([](SqliteConnection& connection) {
        connection.execute("INSERT INTO parents (id) VALUES (3)");
    }),
                 SqliteUnavailable);  // SQLITE_READONLY, as the file of a read-only mount
}

}  // namespace
}  // namespace bank
