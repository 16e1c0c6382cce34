// The WAL-write-batching VFS every SqliteConnection opens through (sqlite_wal_write_vfs.hpp):
// what SQLite wrote is in the file whenever another connection (here one of SQLite's default
// VFS, as the sqlite3 CLI or another process would be) could look for it.

#include "storage/sqlite/sqlite_wal_write_vfs.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <tuple>

#include "storage/sqlite/sqlite_connection.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

// Rows of 1,000 bytes: a few hundred of them are far more frames than one write of the VFS
// takes (128 KiB).
constexpr int rows_per_commit = 400;

class SqliteWalWriteVfsTest : public ::testing::Test {
protected:
    void SetUp() override {
        writer_ =
            std::make_unique<SqliteConnection>(path_, SqliteConnection::Mode::read_write_create);
        writer_->execute("PRAGMA journal_mode = WAL");
        writer_->execute("PRAGMA synchronous = FULL");
        writer_->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, pad BLOB NOT NULL)");
    }

    void TearDown() override {
        writer_.reset();
        if (other_ != nullptr) sqlite3_close(other_);
    }

    // Inserts `count` rows from `first` on, each with a 1,000-byte pad, on the VFS's connection.
    void insert(std::int64_t first, int count) {
        for (int index = 0; index < count; ++index) {
            writer_->query("INSERT INTO t (id, pad) VALUES (?, randomblob(1000))")
                .bind(first + index)
                .run();
        }
    }

    // A connection of SQLite's default VFS on the same file.
    sqlite3* other() {
        if (other_ == nullptr) {
            EXPECT_EQ(sqlite3_open_v2(path_.c_str(), &other_, SQLITE_OPEN_READWRITE, nullptr),
                      SQLITE_OK);
        }
        return other_;
    }

    // Rows, sum of ids and bytes of pad, as the default VFS's connection reads them now.
    std::tuple<std::int64_t, std::int64_t, std::int64_t> seen_by_other() {
        sqlite3_stmt* statement = nullptr;
        EXPECT_EQ(
            sqlite3_prepare_v2(other(), "SELECT count(*), total(id), total(length(pad)) FROM t", -1,
                               &statement, nullptr),
            SQLITE_OK);
        EXPECT_EQ(sqlite3_step(statement), SQLITE_ROW) << sqlite3_errmsg(other());
        const std::tuple<std::int64_t, std::int64_t, std::int64_t> seen{
            sqlite3_column_int64(statement, 0), sqlite3_column_int64(statement, 1),
            sqlite3_column_int64(statement, 2)};
        sqlite3_finalize(statement);
        return seen;
    }

    void execute_on_other(const std::string& sql) {
        char* error = nullptr;
        EXPECT_EQ(sqlite3_exec(other(), sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
            << (error != nullptr ? error : "");
        sqlite3_free(error);
    }

    std::string integrity_on_other() {
        sqlite3_stmt* statement = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(other(), "PRAGMA integrity_check", -1, &statement, nullptr),
                  SQLITE_OK);
        EXPECT_EQ(sqlite3_step(statement), SQLITE_ROW);
        std::string result(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
        sqlite3_finalize(statement);
        return result;
    }

    static std::int64_t sum_of_ids(std::int64_t first, std::int64_t count) {
        return count * (2 * first + count - 1) / 2;
    }

    test::ScratchDirectory directory_{"bank_wal_vfs"};
    std::string path_ = directory_.file("wal.db");
    std::unique_ptr<SqliteConnection> writer_;
    sqlite3* other_ = nullptr;
};

TEST_F(SqliteWalWriteVfsTest, IsRegisteredOnceUnderItsNameAndIsNotTheDefault) {
    const std::string name = wal_write_batching_vfs();
    EXPECT_EQ(name, wal_write_batching_vfs());
    EXPECT_NE(sqlite3_vfs_find(name.c_str()), nullptr);
    EXPECT_NE(std::string(sqlite3_vfs_find(nullptr)->zName), name);
}

TEST_F(SqliteWalWriteVfsTest, ACommitIsInTheFileForAnotherConnection) {
    writer_->execute("BEGIN IMMEDIATE");
    insert(1, rows_per_commit);
    writer_->execute("COMMIT");
    EXPECT_EQ(seen_by_other(),
              std::make_tuple(std::int64_t{rows_per_commit}, sum_of_ids(1, rows_per_commit),
                              std::int64_t{rows_per_commit} * 1000));
    EXPECT_EQ(integrity_on_other(), "ok");
}

// At synchronous = NORMAL a commit does not sync the WAL: the frames are written before the
// wal-index names them (the database file's barrier), or the reader would read other bytes.
TEST_F(SqliteWalWriteVfsTest, WithoutASyncACommitIsStillInTheFileBeforeAnotherReadsIt) {
    writer_->execute("PRAGMA synchronous = NORMAL");
    for (int commit = 0; commit < 3; ++commit) {
        writer_->execute("BEGIN IMMEDIATE");
        insert(1 + commit * rows_per_commit, rows_per_commit);
        writer_->execute("COMMIT");
        const std::int64_t rows = std::int64_t{rows_per_commit} * (commit + 1);
        EXPECT_EQ(seen_by_other(), std::make_tuple(rows, sum_of_ids(1, rows), rows * 1000));
    }
    EXPECT_EQ(integrity_on_other(), "ok");
}

// A transaction larger than its cache writes frames before its commit; rolled back, they must
// not be written over what the next writer (another connection) commits in their place.
TEST_F(SqliteWalWriteVfsTest, ARolledBackTransactionsFramesNeverOverwriteTheNextWriters) {
    writer_->execute("PRAGMA cache_size = 20");
    writer_->execute("BEGIN IMMEDIATE");
    insert(1, rows_per_commit);
    writer_->execute("ROLLBACK");
    execute_on_other("BEGIN IMMEDIATE");
    for (int index = 0; index < rows_per_commit; ++index) {
        execute_on_other("INSERT INTO t (id, pad) VALUES (" + std::to_string(10'000 + index) +
                         ", randomblob(1000))");
    }
    execute_on_other("COMMIT");
    writer_->execute("BEGIN IMMEDIATE");
    insert(20'000, 10);
    writer_->execute("COMMIT");
    writer_.reset();
    const std::int64_t rows = rows_per_commit + 10;
    EXPECT_EQ(seen_by_other(),
              std::make_tuple(rows, sum_of_ids(10'000, rows_per_commit) + sum_of_ids(20'000, 10),
                              rows * 1000));
    EXPECT_EQ(integrity_on_other(), "ok");
}

// A checkpoint copies the frames back into the database file and the WAL starts over.
TEST_F(SqliteWalWriteVfsTest, CheckpointsAndARestartedWalKeepEveryCommit) {
    for (int commit = 0; commit < 4; ++commit) {
        writer_->execute("BEGIN IMMEDIATE");
        insert(1 + commit * rows_per_commit, rows_per_commit);
        writer_->execute("COMMIT");
        writer_->execute(commit % 2 == 0 ? "PRAGMA wal_checkpoint(TRUNCATE)"
                                         : "PRAGMA wal_checkpoint(RESTART)");
    }
    const std::int64_t rows = std::int64_t{rows_per_commit} * 4;
    EXPECT_EQ(seen_by_other(), std::make_tuple(rows, sum_of_ids(1, rows), rows * 1000));
    EXPECT_EQ(integrity_on_other(), "ok");
}

}  // namespace
}  // namespace bank
